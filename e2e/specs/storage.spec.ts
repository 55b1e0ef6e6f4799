// Local storage that is full or denied: the page keeps working on the text in the editor and
// says that the text is not being kept (e2e/keep.spec.ts covers the text kept when it can be).
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { Reachmap } from '../pages/reachmap';
import { example } from '../examples';

const kept = (page: Page) => page.evaluate(() => localStorage.getItem('reachmap.text'));

/** Edits that must still reach the diagram: a pod renamed by hand. */
async function editsStillDrawn(app: Reachmap): Promise<void> {
  await app.setText(example('port-allow'));
  await app.show('Policies');
  await expect(app.shape('pod:default/frontend')).toBeVisible();
  await app.setText(example('port-allow').replaceAll('frontend', 'storefront'));
  await expect(app.shape('pod:default/storefront')).toBeVisible();
  await expect(app.shape('pod:default/frontend')).toHaveCount(0);
}

test('storage full (every write a QuotaExceededError): the page works and says the text is not kept', async ({ app, page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("Failed to execute 'setItem' on 'Storage': the quota has been exceeded.", 'QuotaExceededError');
    };
  });
  await app.openFresh();
  const note = page.getByTestId('storage-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('does not let the page keep your text');
  await editsStillDrawn(app);
  await expect(note).toBeVisible();
  await app.show('Matrix');
  await expect(page.getByRole('button', { name: 'default/storefront → default/backend: allowed on TCP/8080 only', exact: true })).toBeVisible();
  expect(await app.text()).toBe(example('port-allow').replaceAll('frontend', 'storefront'));
});

test('storage really full: a text too large to keep is said, and kept again once it fits', async ({ app, page }) => {
  await app.openFresh();
  const note = page.getByTestId('storage-note');
  // Fill this origin's storage for real, leaving about 16 KB of room.
  const room = await page.evaluate(() => {
    localStorage.clear();
    let low = 0;
    let high = 64 * 1024 * 1024;
    while (high - low > 1024) {
      const n = Math.floor((low + high) / 2);
      try {
        localStorage.setItem('filler', 'x'.repeat(n));
        low = n;
      } catch {
        high = n;
      }
    }
    localStorage.setItem('filler', 'x'.repeat(low - 16 * 1024));
    return low;
  });
  expect(room).toBeGreaterThan(1024 * 1024);
  await app.setText(example('port-allow'));
  await expect.poll(() => kept(page)).toBe(example('port-allow'));
  await expect(note).toHaveCount(0);

  // A large paste: 64 KB of comments after the example.
  const large = `${example('port-allow')}${'# a long comment line, to make the text large\n'.repeat(1400)}`;
  await app.setText(large);
  await expect(note).toBeVisible();
  expect(await kept(page)).toBe(example('port-allow')); // the last text that fitted
  await app.show('Policies');
  await expect(app.shape('pod:default/frontend')).toBeVisible();
  expect(await app.text()).toBe(large);

  await editsStillDrawn(app);
  await expect(note).toHaveCount(0);
  await expect.poll(() => kept(page)).toBe(example('port-allow').replaceAll('frontend', 'storefront'));
});

test('storage denied (reading localStorage throws): the page opens and works', async ({ app, page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  });
  await app.open();
  await expect(page.getByTestId('storage-note')).toBeVisible();
  await editsStillDrawn(app);
});
