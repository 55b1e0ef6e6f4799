// The Matrix at scale: 504 × 504 pod groups (the Boutique in 42 namespaces), with only the
// cells in view in the DOM, rows and columns grouped by namespace and foldable, a filter, arrow
// keys; each cell keeps its accessible name and explains its flow.
import { test, expect } from './fixtures';
import { boutiqueIn } from './examples';

const namespaces = Array.from({ length: 42 }, (_, i) => `s${i}`);

test('504 × 504 pod groups: a screenful of cells, folding, filter and keys', async ({ app, page }) => {
  await app.openFresh();
  await app.show('Matrix');
  await app.paste(boutiqueIn(namespaces));
  const matrix = page.getByTestId('matrix');
  await expect(page.locator('.matrix-bar')).toContainText('504 pod groups on any port');
  const cells = matrix.locator('.cell');
  await expect(cells.first()).toBeVisible();
  expect(await cells.count()).toBeLessThan(2000);
  // The far corner, scrolled to: its cell is drawn with its name, and explains its flow.
  await matrix.evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
  // Namespaces in the model's order (s0, s1, s10, …, s9), pod groups by name.
  // The very corner is a pod and itself (each Deployment has one replica): no flow.
  await expect(matrix.locator('.cell.self[title="s9/shippingservice[Deployment]: the same pod"]')).toBeVisible();
  const corner = matrix.locator('[data-r="503"][data-c="502"]');
  await expect(corner).toBeVisible();
  await expect(corner).toHaveAttribute('aria-label', 's9/shippingservice[Deployment] → s9/redis-cart[Deployment] any port: denied');
  expect(await cells.count()).toBeLessThan(2000);
  await corner.click();
  await expect(app.explanation).toContainText('s9/shippingservice[Deployment] → s9/redis-cart[Deployment]');
  // Arrow keys move the focus, scrolling as needed, passing over a pod and itself.
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('.matrix-cells :focus')).toHaveAttribute('data-r', '501');
  await page.keyboard.press('Home');
  await expect(page.locator('.matrix-cells :focus')).toHaveAttribute('data-c', '0');
  await expect(page.locator('.matrix-cells :focus')).toHaveAttribute('aria-label', /^s9\/recommendationservice\[Deployment\] → s0\/adservice\[Deployment\] any port: /);
  // A namespace folds into one row and column that counts its allowed pairs.
  await matrix.evaluate((el) => el.scrollTo(0, 0));
  await page.locator('.matrix-col-heads').getByRole('button', { name: 'Fold namespace s0' }).click();
  await expect(page.getByRole('button', { name: /^namespace s0 \(12 pod groups\) → namespace s0 \(12 pod groups\) any port: \d+ of 132 allowed$/ })).toBeVisible();
  await page.locator('.matrix-row-heads').getByRole('button', { name: 'Open namespace s0' }).click();
  await expect(page.getByRole('button', { name: /^s0\/frontend\[Deployment\] → s0\/adservice\[Deployment\]: allowed on TCP\/9555 only$/ })).toBeVisible();
  // The filter reads names and labels.
  await page.getByLabel('Filter rows and columns by name or label').fill('app=redis-cart');
  await expect(page.locator('.matrix-bar')).toContainText('42 of 504 pod groups');
  await page.getByLabel('Filter rows and columns by name or label').fill('s7/frontend');
  await expect(cells).toHaveCount(1);
  await expect(cells.first()).toHaveAttribute('title', 's7/frontend[Deployment]: the same pod');
});

test('"any port" allowed on some ports only is its own mark, naming them', async ({ app, page }) => {
  await app.openFresh();
  await app.pickExample('port-allow');
  await app.show('Matrix');
  const some = page.getByRole('button', { name: 'default/frontend → default/backend: allowed on TCP/8080 only', exact: true });
  await expect(some).toBeVisible();
  await expect(some).toHaveClass(/some-ports/);
  await expect(some).toHaveText('◐');
  // Every port: the plain mark.
  const all = page.getByRole('button', { name: 'default/backend → default/frontend any port: allowed', exact: true });
  await expect(all).toHaveText('✓');
  await some.click();
  await expect(app.explanation).toContainText('default/frontend → default/backend TCP/8080: allowed');
});

test('arrow keys pass over a pod and itself', async ({ app, page }) => {
  await app.openFresh();
  await app.show('Matrix');
  await page.locator('.matrix-cells [data-r="1"][data-c="0"]').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.matrix-cells :focus')).toHaveAttribute('data-c', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.matrix-cells :focus')).toHaveAttribute('data-c', '0');
});
