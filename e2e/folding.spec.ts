// A drawing too big to read whole starts folded per namespace: a click opens a namespace or a
// counted arrow, Escape (or Fold back) closes what the last click opened; a bundled arrow's
// flows are listed in the explanation; the export equals `reachmap render --expand`.
import { test, expect } from './fixtures';
import { boutiqueIn } from './examples';
import { reachmapRender } from './cli';

const shops = boutiqueIn(['shop-0', 'shop-1', 'shop-2']);

test.beforeEach(async ({ app }) => {
  await app.openFresh();
  await app.paste(shops);
  await app.show('Policies');
});

test('a folded namespace opens with a click and folds back with Escape', async ({ app, page }) => {
  const shop = app.shape('ns:shop-1');
  await expect(shop).toHaveClass(/rm-node/);
  await expect(app.diagram).toContainText('Folded by namespace');
  await expect(app.shape('pod:shop-1/frontend[Deployment]')).toHaveCount(0);
  await shop.click();
  await expect(app.shape('pod:shop-1/frontend[Deployment]')).toBeVisible();
  const file = await app.exportSvg();
  expect(file.text).toBe(reachmapRender(shops, 'policies', ['--expand', 'shop-1']));
  await app.shape('pod:shop-1/frontend[Deployment]').focus();
  await page.keyboard.press('Escape');
  await expect(app.shape('pod:shop-1/frontend[Deployment]')).toHaveCount(0);
  await expect(app.shape('ns:shop-1')).toHaveClass(/rm-node/);
});

test('a counted arrow opens both its namespaces and lists its flows', async ({ app, page }) => {
  const edge = 'edge:ns:shop-1->ns:shop-0:allowed';
  await expect(app.shape(edge)).toHaveClass(/rm-bundle/);
  await expect(app.shape(edge)).toContainText('×12');
  await app.shape(edge).focus();
  await page.keyboard.press('Enter');
  await expect(app.shape('pod:shop-0/frontend[Deployment]')).toBeVisible();
  await expect(app.shape('pod:shop-1/frontend[Deployment]')).toBeVisible();
  await expect(page.getByTestId('bundle')).toContainText('12 flows');
  await expect(page.getByTestId('bundle')).toContainText('shop-1/frontend[Deployment] → shop-0/');
  await page.getByRole('button', { name: 'Fold back' }).click();
  await expect(app.shape('pod:shop-0/frontend[Deployment]')).toHaveCount(0);
  await expect(page.getByTestId('bundle')).toHaveCount(0);
});
