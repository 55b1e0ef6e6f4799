// WCAG AA contrast of the page's own text (the diagram's colours are the scene stylesheet's,
// checked by its own tests), in the light and the dark theme: 4.5:1, 3:1 for large text.
import { test, expect } from './fixtures';

/** In the page: every visible text whose contrast with its background is too low. */
function lowContrast(): string[] {
  type Rgba = { r: number; g: number; b: number; a: number };
  const parse = (c: string): Rgba => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return { r: 0, g: 0, b: 0, a: 0 };
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const over = (top: Rgba, under: Rgba): Rgba => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a),
    a: 1,
  });
  const luminance = ({ r, g, b }: Rgba) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a >= 1) break;
    }
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    let bg: Rgba = dark ? { r: 0, g: 0, b: 0, a: 1 } : { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const bad: string[] = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg, [hidden], option, optgroup, :disabled')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
    if (!own || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const fg = parse(style.color);
    if (fg.a === 0) continue; // the editor's textarea: its text is drawn by the layer under it
    const bg = background(el);
    const [l1, l2] = [luminance(over(fg, bg)), luminance(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      bad.push(`${ratio.toFixed(2)}: <${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent!.trim().slice(0, 40)}`);
    }
  }
  return bad;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('text meets WCAG AA contrast in every view', async ({ app, page }) => {
      await app.openFresh();
      // Something in each panel: a diagnostic, a highlighted flow, an explanation.
      await app.setText(`${await app.text()}---\nkind: [unclosed\n`);
      await expect(app.diagnostics.getByRole('button').first()).toBeVisible();
      await app.chooseFlow('default/nginx', 'default/payment-processor', 'TCP/80');
      for (const view of ['Services', 'Policies', 'Matrix'] as const) {
        await app.show(view);
        expect(await page.evaluate(lowContrast), `${view}, ${scheme}`).toEqual([]);
      }
      // The check itself sees a text that is too faint.
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'faint';
        p.style.color = matchMedia('(prefers-color-scheme: dark)').matches ? '#333' : '#bbb';
        document.querySelector('.explanation')!.append(p);
      });
      expect((await page.evaluate(lowContrast)).join()).toContain('faint');
    });
  });
}
