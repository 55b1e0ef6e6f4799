// Selecting a pod lists its flows each way, with verdict and deciding rule; a row explains its
// flow; Escape clears the selection; arrows can be hit a few pixels off their line; a share
// link keeps the view, the selection and the flow.
import { test, expect, openElsewhere } from './fixtures';

test.beforeEach(async ({ app }) => {
  await app.openFresh();
  await app.show('Policies');
});

test('a selected pod lists its ingress and egress flows; a row explains its flow', async ({ app, page }) => {
  await app.shape('pod:default/payment-processor').click();
  const panel = page.getByTestId('selection');
  await expect(panel).toContainText('Flows of default/payment-processor');
  const denied = panel.getByRole('button', {
    name: 'from default/nginx: denied on any port; no ingress rule of default/api-allow admits it',
    exact: true,
  });
  await expect(denied).toBeVisible();
  await expect(panel.getByRole('button', { name: /^from default\/coffeeshop: allowed on any port; default\/api-allow ingress\[0\]\.from\[0\]/ })).toBeVisible();
  await expect(panel.getByRole('button', { name: /^to default\/nginx: allowed on any port; no policy isolates either end$/ })).toBeVisible();
  await denied.click();
  await expect(app.flowPicker.getByLabel('From', { exact: true })).toHaveValue('default/nginx');
  await expect(app.explanation).toContainText('default/nginx → default/payment-processor');
  await expect(app.explanation.locator('.verdict')).toContainText('denied');
  // Escape, wherever the focus is but a field, clears the selection.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Clear selection/ })).toHaveCount(0);
});

test('an arrow is clickable a few pixels off its line', async ({ app }) => {
  const id = 'edge:pod:default/coffeeshop->pod:default/payment-processor:allowed';
  const point = await app.shape(id).evaluate((g) => {
    const path = g.querySelector('path.rm-edge') as SVGPathElement;
    const len = path.getTotalLength();
    const a = path.getPointAtLength(len / 2 - 1);
    const b = path.getPointAtLength(len / 2 + 1);
    const m = path.getScreenCTM()!;
    const screen = (p: DOMPoint) => ({ x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f });
    const [sa, sb] = [screen(a), screen(b)];
    const [dx, dy] = [sb.x - sa.x, sb.y - sa.y];
    const n = Math.hypot(dx, dy) || 1;
    // 5 px to the side of the line, across it.
    return { x: (sa.x + sb.x) / 2 - (dy / n) * 5, y: (sa.y + sb.y) / 2 + (dx / n) * 5 };
  });
  await app.page.mouse.click(point.x, point.y);
  await expect(app.flowPicker.getByLabel('From', { exact: true })).toHaveValue('default/coffeeshop');
  await expect(app.explanation).toContainText('ingress[0].from[0]');
});

test('a share link keeps the view, the selection and the flow explained', async ({ app, page, browser, baseURL }) => {
  await app.shape('pod:default/payment-processor').click();
  await app.chooseFlow('default/nginx', 'default/payment-processor', 'TCP/8080');
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('&view=policies&from=default/nginx&to=default/payment-processor&port=TCP/8080&sel=default/payment-processor');

  const { other, watch, context } = await openElsewhere(browser, baseURL, link);
  await expect(other.tab('Policies')).toHaveAttribute('aria-selected', 'true');
  await expect(other.flowPicker.getByLabel('From', { exact: true })).toHaveValue('default/nginx');
  await expect(other.flowPicker.getByLabel('Port', { exact: true })).toHaveValue('TCP/8080');
  await expect(other.explanation).toContainText('default/nginx → default/payment-processor TCP/8080: denied');
  await expect(other.page.getByTestId('selection')).toContainText('Flows of default/payment-processor');
  watch.check();
  await context.close();
});
