// Compare mode: the text kept as before, the Policies view drawing what an edit opened and
// closed (render --diff's scene, exported byte for byte), the changed flows listed and
// explained before and after, kept across a reload and carried by a share link.
import { test, expect, openElsewhere } from './fixtures';
import { example } from './examples';
import { reachmapRenderDiff } from './cli';
import type { Reachmap } from './pages/reachmap';

const RULE = '  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: coffeeshop\n';
const OPENED = 'edge:pod:default/coffeeshop->pod:default/payment-processor:opened';

/** api-allow without its coffeeshop rule (before) and with it (after, the reference example). */
function versions(): { before: string; after: string } {
  const after = example('api-allow');
  expect(after.endsWith(RULE)).toBe(true);
  return { before: after.replace(RULE, '  ingress: []\n'), after };
}

/** Opens the page, keeps api-allow without its rule as before, then adds the rule. */
async function compareAddingTheRule(app: Reachmap): Promise<{ before: string; after: string }> {
  const v = versions();
  await app.openFresh();
  await app.setText(v.before);
  await app.show('Policies');
  await app.page.getByRole('button', { name: 'Compare…' }).click();
  await expect(app.page.getByTestId('compare-bar')).toContainText(/Comparing with the text kept at \d\d:\d\d/);
  await app.setText(v.after);
  await expect(app.shape(OPENED)).toHaveCount(1);
  return v;
}

test('adding the coffeeshop rule opens one flow, listed and explained before and after', async ({ app, page }) => {
  await compareAddingTheRule(app);
  // One arrow opened, none closed; the header counts the diff's rows (one per protocol).
  await expect(app.diagram.locator('g.rm-opened')).toHaveCount(1);
  await expect(app.diagram.locator('g.rm-closed')).toHaveCount(0);
  await expect(app.diagram).toContainText('3 flows opened');
  const changes = page.getByTestId('changes');
  await expect(changes.getByRole('heading')).toHaveText('Changes: 3 flows opened, 0 closed, 3 in all');
  const rows = changes.locator('.flow-row');
  await expect(rows).toHaveCount(3);
  const tcp = rows.filter({ hasText: 'TCP/1-65535' });
  await expect(tcp).toContainText('default/coffeeshop → default/payment-processor');
  await expect(tcp).toContainText('denied → allowed');
  await expect(tcp).toContainText('ingress[0].from[0]');
  await tcp.click();
  await expect(changes.getByTestId('before')).toContainText('denied');
  await expect(changes.getByTestId('after')).toContainText('allowed');
  await expect(changes.getByTestId('after')).toContainText('default/api-allow');
});

test('the opened arrow explains its change as its entry in the list does, by mouse or by keyboard', async ({ app, page }) => {
  await compareAddingTheRule(app);
  const changes = page.getByTestId('changes');
  const rows = changes.locator('.flow-row');
  await expect(rows).toHaveCount(3);
  const pressed = changes.locator('.flow-row[aria-pressed="true"]');
  await expect(pressed).toHaveCount(0);
  // The arrow explains the first of its flows as its title lists them (TCP first): the diff
  // row TCP/1-65535.
  const sctp = rows.filter({ hasText: 'SCTP/1-65535' });
  const tcp = rows.filter({ hasText: 'TCP/1-65535' }).filter({ hasNotText: 'SCTP' });
  await expect(app.shape(OPENED)).toHaveAttribute('data-action', 'explain --from default/coffeeshop --to default/payment-processor --port TCP/1');
  const heading = changes.locator('.flow-dir').first();
  const explained = async () => ({
    heading: await heading.textContent(),
    before: await changes.getByTestId('before').textContent(),
    after: await changes.getByTestId('after').textContent(),
  });

  await expect(app.shape(OPENED)).not.toHaveAttribute('aria-current', 'true');
  await app.clickEdge(OPENED);
  await expect(pressed).toHaveCount(1);
  await expect(tcp).toHaveAttribute('aria-pressed', 'true');
  // The arrow is marked as the change explained (drawn thicker; on the page only).
  await expect(app.shape(OPENED)).toHaveAttribute('aria-current', 'true');
  await expect(app.diagram.locator('[aria-current]')).toHaveCount(1);
  const line = app.shape(OPENED).locator('path').first();
  expect(await line.evaluate((e) => getComputedStyle(e).strokeWidth)).toBe('5px');
  await expect(heading).toHaveText('default/coffeeshop → default/payment-processor TCP/1');
  await expect(changes.getByTestId('before')).toContainText('denied');
  await expect(changes.getByTestId('after')).toContainText('allowed');
  await expect(changes.getByTestId('after')).toContainText('default/api-allow');
  const byArrow = await explained();
  // The ordinary explanation is not what the arrow opened.
  await expect(app.flowPicker.getByLabel('From', { exact: true })).not.toHaveValue('default/coffeeshop');

  // Another entry, then the arrow's own entry: the same words as the arrow gave.
  await sctp.click();
  await expect(sctp).toHaveAttribute('aria-pressed', 'true');
  await expect(tcp).toHaveAttribute('aria-pressed', 'false');
  await expect(heading).toHaveText('default/coffeeshop → default/payment-processor SCTP/1');
  // The same arrow draws the SCTP change too.
  await expect(app.shape(OPENED)).toHaveAttribute('aria-current', 'true');
  await tcp.click();
  await expect(heading).toHaveText('default/coffeeshop → default/payment-processor TCP/1');
  expect(await explained()).toEqual(byArrow);

  // By keyboard: the arrow focused, Enter.
  await sctp.click();
  await expect(heading).toHaveText('default/coffeeshop → default/payment-processor SCTP/1');
  await app.shape(OPENED).focus();
  await page.keyboard.press('Enter');
  await expect(tcp).toHaveAttribute('aria-pressed', 'true');
  await expect(pressed).toHaveCount(1);
  await expect(heading).toHaveText('default/coffeeshop → default/payment-processor TCP/1');
  expect(await explained()).toEqual(byArrow);
  await expect(app.shape(OPENED)).toBeFocused();
});

test('Export SVG while comparing gives the bytes of reachmap render --diff', async ({ app }) => {
  const { before, after } = await compareAddingTheRule(app);
  // A change explained from its arrow marks the arrow on the page only.
  await app.clickEdge(OPENED);
  await expect(app.shape(OPENED)).toHaveAttribute('aria-current', 'true');
  const file = await app.exportSvg();
  expect(file.name).toBe('reachmap-policies.svg');
  expect(await app.xmlError(file.text)).toBeNull();
  expect(file.text).toBe(reachmapRenderDiff(before, after));
});

test('stop comparing returns to the ordinary view; a reload keeps the comparison', async ({ app, page }) => {
  await compareAddingTheRule(app);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('reachmap.before'))).toContain('ingress: []');
  await page.reload();
  await expect(app.editor).toBeVisible();
  await expect(page.getByTestId('compare-bar')).toBeVisible();
  await expect(app.shape(OPENED)).toHaveCount(1);
  await expect(page.getByTestId('changes')).toContainText('3 flows opened');

  await page.getByRole('button', { name: 'Stop comparing' }).click();
  await expect(page.getByTestId('compare-bar')).toHaveCount(0);
  await expect(page.getByTestId('changes')).toHaveCount(0);
  await expect(app.shape(OPENED)).toHaveCount(0);
  await expect(app.shape('edge:pod:default/coffeeshop->pod:default/payment-processor:allowed')).toHaveCount(1);
  await expect(app.diagram.locator('g.rm-dim')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('reachmap.before'))).toBeNull();
  await page.reload();
  await expect(app.editor).toBeVisible();
  await expect(app.shape('edge:pod:default/coffeeshop->pod:default/payment-processor:allowed')).toHaveCount(1);
  await expect(page.getByTestId('compare-bar')).toHaveCount(0);
});

test('a share link carries both texts', async ({ app, page, browser, baseURL }) => {
  const { before, after } = await compareAddingTheRule(app);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/&b=v1\.[A-Za-z0-9_-]+$/);
  const { other, watch, context } = await openElsewhere(browser, baseURL, link);
  expect(await other.text()).toBe(after);
  await expect(other.page.getByTestId('compare-bar')).toBeVisible();
  await expect(other.shape(OPENED)).toHaveCount(1);
  expect(await other.page.evaluate(() => JSON.parse(localStorage.getItem('reachmap.before')!).text)).toBe(before);
  watch.check();
  await context.close();
});
