// The text kept across visits, and carried by share links.
import { test, expect, openElsewhere } from './fixtures';
import { example } from './examples';

test('a reload keeps the text', async ({ app, page }) => {
  await app.openFresh();
  const text = example('port-allow') + '\n# edited by hand\n';
  await app.setText(text);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('reachmap.text'))).toBe(text);
  await page.reload();
  await expect(app.editor).toBeVisible();
  expect(await app.text()).toBe(text);
});

test('a share link opens the same text and view in a fresh browser', async ({ app, page, browser, baseURL }) => {
  await app.openFresh();
  const text = example('deployment-service') + '# shared ✓ ünïcode\n';
  await app.setText(text);
  await app.show('Services');
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link.startsWith(baseURL!)).toBe(true);
  expect(link).toMatch(/#s=v1\.[A-Za-z0-9_-]+&view=services$/);

  const { other, watch, context } = await openElsewhere(browser, baseURL, link);
  expect(await other.text()).toBe(text);
  await expect(other.tab('Services')).toHaveAttribute('aria-selected', 'true');
  await expect(other.shape('svc:default/my-deploy')).toBeVisible();
  // The fragment is read once: the address no longer carries it.
  expect(new URL(other.page.url()).hash).toBe('');
  watch.check();
  await context.close();
});

test('a broken share link says why and leaves the text alone', async ({ app, page }) => {
  await app.openFresh();
  const text = example('run-expose');
  await app.setText(text);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('reachmap.text'))).toBe(text);
  await page.goto('about:blank');
  await page.goto('./#s=v1.not-a-real-link');
  await expect(page.getByRole('alert')).toContainText('The share link could not be opened');
  expect(await app.text()).toBe(text);
});

test('without local storage the page says the text is not kept', async ({ app, page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await app.open();
  await expect(page.getByTestId('storage-note')).toBeVisible();
  await app.setText('a: 1\n');
  expect(await app.text()).toBe('a: 1\n');
});

test('a panic shows a report and loses no text, not even what is typed after it', async ({ app, page, watch }) => {
  await app.openFresh();
  await app.pickExample('port-allow');
  // This address makes the page panic on the first edit (src/app/page.rs).
  await page.goto('about:blank');
  await page.goto('./#reachmap-panic-test');
  await expect(app.editor).toBeVisible();
  await app.editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# before');
  const banner = page.locator('#panic-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('internal error');
  await expect(page.getByLabel('Report', { exact: true })).toHaveValue(/deliberate panic/);
  // The editor is a plain textarea now: its text is shown and every edit is kept.
  await page.keyboard.type(' and after');
  expect((await app.text()).endsWith('# before and after')).toBe(true);
  // Shown in its own colour (it was transparent over the highlighted layer).
  await expect(app.editor).toHaveCSS('color', /^rgb\(/);
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('reachmap.text')))
    .toMatch(/# before and after$/);
  await page.goto('./');
  await expect(app.editor).toBeVisible();
  expect((await app.text()).endsWith('# before and after')).toBe(true);
  // The dead wasm instance traps on every later call: expected here, and only here.
  expect(watch.errors.length).toBeGreaterThan(0);
  expect(watch.errors.every((e) => /unreachable/.test(e))).toBe(true);
  watch.errors.length = 0;
});
