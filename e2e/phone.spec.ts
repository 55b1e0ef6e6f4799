// A phone, 390 × 844: the page is one column that scrolls; every control can be scrolled to
// and is neither cut off nor covered; the diagram shows once scrolled to.
import { test, expect } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** Every visible form control and tab, scrolled into view in turn: those cut off by the
 * screen's edges, or covered by something else at their middle, described. */
async function unreachable(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'header button, header select, header input:not([type=file]), main button:not(.cell):not(.ns-band), main select, main input, main textarea, main summary, [role=tab]',
    );
    for (const el of controls) {
      // Shown: not hidden, nor inside a closed <details>.
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      const r = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? el.id ?? ''}${(el.textContent ?? '').trim().slice(0, 30)}"`;
      if (r.left < -1 || r.right > innerWidth + 1 || r.width === 0) {
        bad.push(`${name}: cut off (${Math.round(r.left)}..${Math.round(r.right)} of ${innerWidth})`);
        continue;
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10));
      const label = hit?.closest('label');
      const ok = hit && (el.contains(hit) || hit.contains(el) || (label && label.htmlFor === el.id));
      if (!ok) bad.push(`${name}: covered by ${hit?.tagName.toLowerCase()}.${hit?.className}`);
    }
    return bad;
  });
}

test('390 × 844: one scrolling column, every control reachable, the diagram shown', async ({ app, page }) => {
  await app.openFresh();
  // Nothing is wider than the screen; the page itself scrolls.
  const size = await page.evaluate(() => ({
    wide: document.documentElement.scrollWidth,
    tall: document.documentElement.scrollHeight,
  }));
  expect(size.wide).toBeLessThanOrEqual(390);
  expect(size.tall).toBeGreaterThan(844);
  for (const view of ['Policies', 'Services', 'Matrix'] as const) {
    await app.show(view);
    expect(await unreachable(page), `in the ${view} view`).toEqual([]);
  }
  await app.show('Policies');
  // The diagram, scrolled to, shows its pods.
  await app.diagram.scrollIntoViewIfNeeded();
  await expect(app.shape('pod:default/coffeeshop')).toBeInViewport();
  // The flow picker under it works and its answer shows.
  await app.chooseFlow('default/nginx', 'default/payment-processor', 'TCP/8080');
  await app.explanation.scrollIntoViewIfNeeded();
  await expect(app.explanation).toBeInViewport();
  await expect(app.explanation).toContainText('denied');
  // The console, typed into.
  await app.consoleInput.scrollIntoViewIfNeeded();
  expect(await app.kubectl('kubectl get pods')).toContain('coffeeshop');
});
