// Opening the page: the default example drawn, under any sub-path, views and keyboard.
import { test, expect } from './fixtures';

test('a first visit shows the api-allow example drawn', async ({ app, page }) => {
  await app.openFresh();
  await expect(page.getByLabel('Example', { exact: true })).toHaveValue('api-allow');
  expect(await app.text()).toContain('name: api-allow');
  await expect(app.tab('Policies')).toHaveAttribute('aria-selected', 'true');
  for (const pod of ['payment-processor', 'coffeeshop', 'nginx']) {
    await expect(app.shape(`pod:default/${pod}`)).toBeVisible();
  }
  await expect(app.diagnostics.getByRole('button')).toHaveCount(0);
});

test('the page works under a sub-path', async ({ app, page }) => {
  await app.openFresh('sub/path/');
  await expect(app.shape('pod:default/coffeeshop')).toBeVisible();
  await page.getByLabel('Example', { exact: true }).selectOption({ label: 'Online Boutique (Google, Apache-2.0)' });
  // The licence is linked relative to the page, so it is found under the sub-path too.
  const licence = page.getByRole('link', { name: 'LICENSE' });
  await page.getByText('Online Boutique: Apache-2.0').click();
  const response = await page.request.get(new URL((await licence.getAttribute('href'))!, page.url()).href);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('Apache License');
});

test('the views are tabs a keyboard can reach', async ({ app, page }) => {
  await app.openFresh();
  await app.tab('Policies').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(app.tab('Services')).toHaveAttribute('aria-selected', 'true');
  await expect(app.tab('Services')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(app.tab('Matrix')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('matrix')).toBeVisible();
});

test('every control has an accessible name', async ({ app, page }) => {
  await app.openFresh();
  for (const view of ['Services', 'Policies', 'Matrix'] as const) {
    await app.show(view);
    const unnamed = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('button, select, input:not([type=file]), textarea, [tabindex="0"]')];
      return controls
        .filter((el) => {
          const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
          const id = el.getAttribute('id');
          const label = id && document.querySelector(`label[for="${id}"]`);
          const text = (el.textContent ?? '').trim();
          return !(labelled || label || text || el.closest('label'));
        })
        .map((el) => el.outerHTML.slice(0, 120));
    });
    expect(unnamed, `${view}: controls without a name`).toEqual([]);
  }
});

test('the whole page can be walked with the keyboard', async ({ app, page }) => {
  await app.openFresh();
  const reached = new Set<string>();
  await page.locator('body').focus();
  for (let i = 0; i < 80; i++) {
    const focused = await page.evaluate(() => {
      const el = document.activeElement!;
      const id = el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent;
      const name = el.getAttribute('aria-label') || id || (el.textContent ?? '').trim().slice(0, 40);
      return `${name}|${el.tagName.toLowerCase()}|${el.getAttribute('data-testid') ?? ''}`;
    });
    reached.add(focused.split('|')[0] || focused);
    if (focused.endsWith('|editor')) {
      // Tab indents inside the editor; Esc, then Tab, leaves it.
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('Tab');
  }
  const names = [...reached].join('\n');
  for (const expected of ['Example', 'Open files…', 'Export SVG', 'Copy share link', 'Manifests', 'Policies', 'Zoom in', 'Fit', 'Port']) {
    expect(names).toContain(expected);
  }
  // A node of the diagram, as a button named by its title.
  expect(names).toMatch(/default\/coffeeshop: Pod coffeeshop/);
  expect(await app.text()).not.toMatch(/^ {2}#/); // leaving the editor inserted nothing
});
