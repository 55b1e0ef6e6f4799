// The text kept across visits, and carried by share links.
import { test, expect, Watch } from './fixtures';
import { Reachmap } from './pages/reachmap';
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
  expect(link).toContain('#view=services&s=v1.');

  const context = await browser.newContext({ baseURL });
  const watch = new Watch();
  watch.context(context);
  const other = new Reachmap(await context.newPage());
  await other.page.goto(link);
  await expect(other.editor).toBeVisible();
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
