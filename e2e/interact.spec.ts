// Clicking in the diagrams and choosing flows: highlights and explanations.
import { test, expect } from './fixtures';

test.beforeEach(async ({ app }) => {
  await app.openFresh();
  await app.pickExample('api-allow');
  await app.show('Policies');
});

test('clicking a pod highlights its flows and dims the rest', async ({ app, page }) => {
  const pod = app.shape('pod:default/payment-processor');
  const denied = app.shape('edge:pod:default/nginx->pod:default/payment-processor:denied');
  // A small input's first picture draws what the policy denies into the pod it isolates.
  await expect(denied).toHaveClass(/rm-denied/);
  await pod.click();
  await expect(pod).toHaveClass(/rm-focus/);
  // Everything it may reach and what may reach it; what is denied to it on request.
  await expect(app.shape('edge:pod:default/coffeeshop->pod:default/payment-processor:allowed')).toHaveClass(/rm-allowed/);
  await expect(app.shape('edge:pod:default/payment-processor->pod:default/nginx:allowed')).toHaveClass(/rm-allowed/);
  await expect(denied).toHaveCount(0);
  await expect(app.diagram).toContainText('denied flows not drawn');
  await page.getByLabel('Show denied').check();
  await expect(denied).toHaveClass(/rm-denied/);
  await expect(app.shape('edge:outside:any->pod:default/payment-processor:denied')).toHaveClass(/rm-denied/);
  // Only its own flows are drawn; the other pods are drawn as related.
  const edges = await app.diagram.locator('g[data-id^="edge:"]').evaluateAll((es) => es.map((e) => e.getAttribute('data-id')!));
  expect(edges.length).toBeGreaterThan(0);
  for (const id of edges) expect(id).toContain('pod:default/payment-processor');
  await expect(app.shape('pod:default/coffeeshop')).toHaveClass(/rm-related/);
  await expect(page.getByRole('button', { name: /Clear selection/ })).toBeVisible();
  // A second click unselects; Escape does too.
  await pod.click();
  await expect(pod).not.toHaveClass(/rm-focus/);
  await expect(denied).toHaveClass(/rm-denied/);
  await pod.click();
  await page.keyboard.press('Escape');
  await expect(pod).not.toHaveClass(/rm-focus/);
});

test('a focus draws its callers left and its callees right, twice where both', async ({ app }) => {
  await app.shape('pod:default/nginx').click();
  const center = (await app.shape('pod:default/nginx').boundingBox())!;
  const caller = (await app.shape('pod:default/coffeeshop').boundingBox())!;
  const callee = (await app.shape('pod:default/coffeeshop@right').boundingBox())!;
  expect(caller.x + caller.width).toBeLessThan(center.x);
  expect(callee.x).toBeGreaterThan(center.x + center.width);
});

test('a pod is selected from the keyboard too', async ({ app, page }) => {
  const pod = app.shape('pod:default/coffeeshop');
  await pod.focus();
  await page.keyboard.press('Enter');
  await expect(app.shape('pod:default/coffeeshop')).toHaveClass(/rm-focus/);
  // Focus stays on the node though the scene was redrawn.
  await expect(app.shape('pod:default/coffeeshop')).toBeFocused();
});

test('choosing a flow explains it with the admitting rule', async ({ app }) => {
  await app.chooseFlow('default/coffeeshop', 'default/payment-processor', 'TCP/80');
  await expect(app.explanation).toContainText('allowed');
  await expect(app.explanation).toContainText('default/api-allow');
  await expect(app.explanation).toContainText('ingress[0].from[0]');
});

test('a denied flow says that no rule admits it, and the diagram highlights it', async ({ app }) => {
  await app.chooseFlow('default/nginx', 'default/payment-processor', 'TCP/80');
  await expect(app.explanation.locator('.verdict')).toHaveText(/denied/);
  await expect(app.explanation).toContainText('no ingress rule of these policies admits default/nginx on TCP/80');
  const flow = app.shape('flow:pod:default/nginx->pod:default/payment-processor');
  await expect(flow).toHaveClass(/rm-denied/);
  await expect(flow).toHaveClass(/rm-focus/);
  await expect(app.shape('pod:default/coffeeshop')).toHaveClass(/rm-dim/);
  await app.flowPicker.getByRole('button', { name: 'Clear flow' }).click();
  await expect(flow).toHaveCount(0);
});

test('an arrow explains its flow, by mouse or by keyboard', async ({ app, page }) => {
  await app.clickEdge('edge:pod:default/coffeeshop->pod:default/payment-processor:allowed');
  await expect(app.flowPicker.getByLabel('From', { exact: true })).toHaveValue('default/coffeeshop');
  await expect(app.explanation).toContainText('ingress[0].from[0]');
  await app.flowPicker.getByRole('button', { name: 'Clear flow' }).click();
  await expect(app.explanation).not.toContainText('ingress[0].from[0]');
  await app.shape('edge:pod:default/coffeeshop->pod:default/payment-processor:allowed').focus();
  await page.keyboard.press(' ');
  await expect(app.flowPicker.getByLabel('To', { exact: true })).toHaveValue('default/payment-processor');
  await expect(app.explanation).toContainText('ingress[0].from[0]');
});

test('a matrix cell opens its explanation', async ({ app, page }) => {
  await app.show('Matrix');
  await app.choosePorts('TCP/80');
  await page.getByRole('button', { name: 'default/coffeeshop → default/payment-processor TCP/80: allowed', exact: true }).click();
  await expect(app.explanation).toContainText('default/coffeeshop → default/payment-processor TCP/80: allowed');
  await expect(app.explanation).toContainText('ingress[0].from[0]');
});

test('"any port" cells name the choice', async ({ app, page }) => {
  await app.show('Matrix');
  await app.choosePorts('any');
  await expect(page.getByRole('button', { name: 'default/coffeeshop → default/payment-processor any port: allowed', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'default/nginx → default/payment-processor any port: denied', exact: true })).toBeVisible();
});

test('a flow to a Service port goes to its backends', async ({ app }) => {
  await app.pickExample('nginx Service and pod');
  await app.chooseFlow('default/nginx', 'default/nginx-service:80');
  await expect(app.flowPicker.getByLabel('Port', { exact: true })).toBeDisabled();
  await expect(app.explanation).toContainText('via backend: default/nginx');
  await expect(app.explanation.locator('.verdict')).toHaveText(/allowed/);
  // A ClusterIP Service is not reachable from outside the cluster (as `reachmap explain` says).
  await app.chooseFlow('outside', 'default/nginx-service:80');
  await expect(app.explanation.locator('.verdict')).toHaveText(/denied/);
  await expect(app.explanation).toContainText('not reachable from outside');
});

test('zoom buttons and Fit change the drawing size', async ({ app, page }) => {
  const width = async () => Number(await app.diagram.getAttribute('width'));
  const before = await width();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(width).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(width).toBeLessThan(before);
  await page.getByRole('button', { name: 'Fit' }).click();
  const canvas = await page.getByRole('region', { name: /^Diagram/ }).boundingBox();
  await expect.poll(width).toBeLessThanOrEqual(canvas!.width);
});

test('Ctrl+wheel zooms, dragging pans', async ({ app, page }) => {
  const width = async () => Number(await app.diagram.getAttribute('width'));
  await page.getByRole('button', { name: '100%' }).click();
  const before = await width();
  const canvas = page.getByRole('region', { name: /^Diagram/ });
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await expect.poll(width).toBeGreaterThan(before * 1.5);
  const scroll = () => canvas.evaluate((el) => el.scrollLeft);
  const left = await scroll();
  await page.mouse.move(box.x + 300, box.y + 150);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + 150, { steps: 5 });
  await page.mouse.up();
  await expect.poll(scroll).toBeGreaterThan(left + 50);
  // A drag is not a click: nothing got selected.
  await expect(page.getByRole('button', { name: 'Clear selection' })).toHaveCount(0);
});

test('collapsing a namespace draws it as one box', async ({ app, page }) => {
  await page.getByText(/^Namespaces \(/).click();
  await page.getByLabel('Collapse namespace default').check();
  await expect(app.shape('pod:default/coffeeshop')).toHaveCount(0);
  await expect(app.shape('ns:default')).toHaveClass(/rm-node/);
  await page.getByLabel('Collapse namespace default').uncheck();
  await expect(app.shape('pod:default/coffeeshop')).toBeVisible();
});

test('hiding a namespace removes it from the drawing', async ({ app, page }) => {
  await page.getByText(/^Namespaces \(/).click();
  await page.getByLabel('Show namespace default').uncheck();
  await expect(app.shape('pod:default/coffeeshop')).toHaveCount(0);
  await page.getByLabel('Show namespace default').check();
  await expect(app.shape('pod:default/coffeeshop')).toBeVisible();
});
