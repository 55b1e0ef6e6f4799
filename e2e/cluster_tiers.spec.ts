// The cluster guardrail example: ClusterNetworkPolicies of the Admin and Baseline tiers above
// NetworkPolicies. The pods they select carry a tier badge; the explanation walks the tiers in
// the core's words; the Matrix says what the tiers decide.
import { test, expect } from './fixtures';

test.beforeEach(async ({ app }) => {
  await app.openFresh();
  await app.pickExample('Cluster guardrail: Admin and Baseline tiers');
});

test('pods the cluster policies select carry their tiers', async ({ app }) => {
  await app.show('Policies');
  await expect(app.diagram).toContainText('Admin tier');
  await expect(app.diagram).toContainText('Baseline tier');
  await expect(app.diagram).toContainText('Flows that policy rules (cluster tiers and NetworkPolicies) admit');
});

test('the explanation walks the tiers, and the matrix follows them', async ({ app, page }) => {
  await app.chooseFlow('dev/debug', 'payments/vault', 'TCP/8200');
  await expect(app.explanation).toContainText(
    'ingress of payments/vault: Admin tier: protect-payments rule deny-everyone-else (ingress[1], priority 10) denies dev/debug on TCP/8200 — decided',
  );
  await app.chooseFlow('dev/debug', 'shop/web', 'TCP/80');
  await expect(app.explanation).toContainText('passes → NetworkPolicy tier: isolated by shop/web-open');
  await app.show('Matrix');
  await app.choosePorts('TCP/8200');
  const cell = (name: string) => page.getByRole('button', { name, exact: true });
  await expect(cell('shop/api → payments/vault TCP/8200: allowed')).toBeVisible();
  await expect(cell('dev/debug → payments/vault TCP/8200: denied')).toBeVisible();
});
