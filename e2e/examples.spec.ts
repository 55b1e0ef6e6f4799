// Each reference example, picked from the Example menu: what a person would check.
import { test, expect } from './fixtures';

test.beforeEach(async ({ app }) => {
  await app.openFresh();
});

test('nginx Service and pod: the Service selects the pod, 80 → 80', async ({ app }) => {
  await app.pickExample('nginx Service and pod');
  await app.show('Services');
  await expect(app.shape('svc:default/nginx-service')).toBeVisible();
  await expect(app.shape('pod:default/nginx')).toBeVisible();
  await expect(app.diagram).toContainText('nginx-service');
  await expect(app.diagram).toContainText('ClusterIP');
  await expect(app.diagram).toContainText('80 → 80');
});

test('kubectl run --expose: Service nginx selects pod nginx on 80 → 80', async ({ app }) => {
  await app.pickExample('kubectl run --expose');
  await app.show('Services');
  await expect(app.shape('svc:default/nginx')).toBeVisible();
  await expect(app.shape('pod:default/nginx')).toBeVisible();
  await expect(app.diagram).toContainText('80 → 80');
});

test('Deployment behind a Service: one group of 3 replicas, 80 → 80', async ({ app }) => {
  await app.pickExample('Deployment behind a Service');
  await app.show('Services');
  const group = app.shape('pod:default/my-deploy[Deployment]');
  await expect(group).toBeVisible();
  await expect(group).toContainText('3');
  await expect(app.shape('svc:default/my-deploy')).toBeVisible();
  await expect(app.diagram).toContainText('80 → 80');
});

test('api-allow: only coffeeshop reaches the payment processor', async ({ app, page }) => {
  await app.pickExample('api-allow');
  await app.show('Matrix');
  await app.choosePorts('TCP/80');
  const cell = (name: string) => page.getByRole('button', { name, exact: true });
  await expect(cell('default/coffeeshop → default/payment-processor TCP/80: allowed')).toBeVisible();
  await expect(cell('default/nginx → default/payment-processor TCP/80: denied')).toBeVisible();
  await expect(cell('default/payment-processor → default/nginx TCP/80: allowed')).toBeVisible();
  await app.show('Policies');
  await expect(app.diagram).toContainText('api-allow');
});

test('default-deny-all: nothing in or out', async ({ app, page }) => {
  await app.pickExample('default-deny-all');
  await app.show('Matrix');
  await expect(page.getByRole('button', { name: 'default/client → default/web any port: denied', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'default/web → default/client any port: denied', exact: true })).toBeVisible();
  await expect(page.getByTestId('matrix').getByRole('button', { name: /: allowed$/ })).toHaveCount(0);
});

test('port-allow: frontend reaches backend on TCP/8080 only', async ({ app, page }) => {
  await app.pickExample('port-allow');
  await app.show('Matrix');
  await app.choosePorts('TCP/8080');
  const cell = (name: string) => page.getByRole('button', { name, exact: true });
  await expect(cell('default/frontend → default/backend TCP/8080: allowed')).toBeVisible();
  await expect(cell('default/other → default/backend TCP/8080: denied')).toBeVisible();
  await app.choosePorts('TCP/80');
  await expect(cell('default/frontend → default/backend TCP/80: denied')).toBeVisible();
});

test('Online Boutique: its Services and policies draw, with the licence shown', async ({ app, page }) => {
  await app.pickExample('Online Boutique (Google, Apache-2.0)');
  await expect(page.getByText('Online Boutique: Apache-2.0')).toBeVisible();
  await app.show('Services');
  await expect(app.shape('svc:default/frontend')).toBeVisible();
  await app.show('Policies');
  await expect(app.shape('pod:default/frontend[Deployment]')).toBeVisible();
});
