// The analysis runs in a Web Worker (src/app/derived.rs, src/worker_bridge.rs): a large paste
// never blocks the page, a progress line says what is being done, the newest text wins (an
// answer for an older text is never drawn), and the export is still `reachmap render`'s bytes.
import { test, expect } from './fixtures';
import { boutiqueIn } from './examples';
import { reachmapRender } from './cli';

// The Online Boutique in 60 namespaces: 720 pod groups, 2.1 MB of YAML.
const namespaces = Array.from({ length: 60 }, (_, i) => `shop${i}`);

test.setTimeout(180_000);

test('a large paste: the page paints while the diagram catches up, the newest text wins, the export equals render', async ({ app, page }) => {
  await app.openFresh();
  await app.show('Policies');
  const progress = page.getByTestId('progress').first();
  // Everything the progress line and the diagram say, as they change.
  await page.evaluate(() => {
    const w = window as unknown as { said: string[]; drawn: string[] };
    w.said = [];
    w.drawn = [];
    const line = document.querySelector('[data-testid=progress]')!;
    new MutationObserver(() => w.said.push(line.textContent ?? '')).observe(line, { childList: true, subtree: true, characterData: true });
    const canvas = document.querySelector('.canvas')!;
    new MutationObserver(() => w.drawn.push(canvas.textContent ?? '')).observe(canvas, { childList: true, subtree: true });
  });

  const text = boutiqueIn(namespaces);
  // Pasted, then one frame later: painted while the worker still reads (a page thread busy
  // with the analysis would paint only after it, with the progress line empty again).
  const busyAtNextFrame = await page.evaluate((t) => {
    const area = document.querySelector('[data-testid=editor]') as HTMLTextAreaElement;
    area.value = t;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    return new Promise<string>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
      resolve(document.querySelector('[data-testid=progress]')!.textContent ?? '');
    })));
  }, text);
  expect(busyAtNextFrame).toMatch(/^(reading|drawing|starting)/);
  expect(busyAtNextFrame).not.toBe('');
  // A large text takes seconds to read on a small shared machine.
  const slow = { timeout: 60_000 };
  await expect(app.diagram).toContainText('shop59', slow);
  await expect(progress).toHaveText('', slow);
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  expect(said).toContain('reading 2.1 MB…');
  expect(said.some((s) => s.startsWith('drawing the policies view of 720 pod groups'))).toBe(true);

  // Typing goes into the editor at once, whatever the worker does.
  await app.editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# typed');
  expect(await app.text()).toContain('# typed');

  // Two texts in a row: the second is sent once the first's answer comes, and that answer,
  // stale by then, is dropped: the diagram never shows the first.
  const first = text.split('shop59').join('alpha59');
  const second = text.split('shop59').join('omega59');
  await app.paste(first);
  await app.paste(second);
  await expect(app.diagram).toContainText('omega59', slow);
  await expect(progress).toHaveText('', slow);
  const drawn = await page.evaluate(() => (window as unknown as { drawn: string[] }).drawn);
  expect(drawn.some((d) => d.includes('alpha59'))).toBe(false);
  await expect(app.diagram).not.toContainText('alpha59');

  // The export is of the text as it is: `reachmap render`'s bytes.
  const file = await app.exportSvg();
  expect(file.text).toBe(reachmapRender(second, 'policies'));
});
