// The README's screenshots, taken from the real page in light mode:
//   SCREENSHOTS=1 npx playwright test screenshots.spec.ts
// writes docs/screenshots/services.png, policies.png, matrix.png and console.png. Skipped otherwise.
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { repo } from './cli';

const out = (name: string) => join(repo, 'docs', 'screenshots', name);

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to write the README screenshots');
test.use({ viewport: { width: 1440, height: 860 }, colorScheme: 'light' });

test('services', async ({ app, page }) => {
  await app.openFresh();
  await app.pickExample('Online Boutique (Google, Apache-2.0)');
  await app.show('Services');
  await page.getByRole('button', { name: '100%' }).click();
  await app.shape('svc:default/frontend-external').click();
  await expect(app.shape('svc:default/frontend-external')).toHaveClass(/rm-focus/);
  await page.screenshot({ path: out('services.png') });
});

test('policies', async ({ app, page }) => {
  await app.openFresh();
  await app.pickExample('api-allow');
  await app.show('Policies');
  await app.shape('pod:default/payment-processor').click();
  await page.getByLabel('Show denied').check();
  await app.chooseFlow('default/nginx', 'default/payment-processor', 'TCP/80');
  await expect(app.explanation).toContainText('denied');
  await page.screenshot({ path: out('policies.png') });
});

test('matrix', async ({ app, page }) => {
  await app.openFresh();
  await app.pickExample('Online Boutique (Google, Apache-2.0)');
  await app.show('Matrix');
  await page
    .getByRole('button', { name: 'default/frontend[Deployment] → default/cartservice[Deployment]: allowed on TCP/7070 only', exact: true })
    .click();
  await expect(app.explanation).toContainText('allowed');
  await page.screenshot({ path: out('matrix.png') });
});

test('console', async ({ app, page }) => {
  await app.openFresh();
  await app.setText('');
  await app.kubectl('kubectl run nginx --image=nginx --restart=Never --port=80 --expose');
  await app.kubectl('kubectl run payment-processor --image=nginx --restart=Never -l app=payment-processor,role=api --port 80');
  await app.kubectl('kubectl expose pod payment-processor --port=80');
  await app.kubectl('kubectl create -f networkpolicy-api-allow.yaml');
  await app.kubectl('kubectl get pod,service');
  await app.kubectl('kubectl run busybox --image=busybox --restart=Never -it -- /bin/sh');
  await app.kubectl('wget -O- payment-processor:80');
  await app.show('Policies');
  await expect(app.explanation).toContainText('api-allow');
  // The flow through the Service adds a column: the whole drawing in view.
  await page.getByRole('button', { name: 'Fit' }).click();
  await page.screenshot({ path: out('console.png') });
});
