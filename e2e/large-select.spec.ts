// Selections wider than the editor's window over a large text (src/app/editor_wide.rs): the
// textarea holds a few hundred lines, the page keeps the selection in the whole text, and copy,
// cut, typing and undo act on all of it.
import { test, expect } from './fixtures';
import { boutiqueIn } from './examples';
import type { Locator, Page } from '@playwright/test';

// The Online Boutique in 55 namespaces: about 2 MB of YAML, 80,000 lines.
const namespaces = Array.from({ length: 55 }, (_, i) => `shop${i}`);
const LINE = 20;

test.setTimeout(180_000);

/** The whole text (the editor's getter: the textarea holds only a window). */
function whole(editor: Locator): Promise<string> {
  return editor.evaluate((el) => (el as unknown as { reachmapText: string }).reachmapText);
}

/** Where line `line` (0-based) of `text` starts. */
function lineStart(text: string, line: number): number {
  let at = 0;
  for (let i = 0; i < line; i++) at = text.indexOf('\n', at) + 1;
  return at;
}

/** Scrolls the editor so that `line` (0-based) is near the top, once the window holds it. */
async function scrollTo(editor: Locator, line: number): Promise<void> {
  await editor.evaluate((el, top) => {
    el.parentElement!.scrollTop = top;
  }, Math.max(0, line - 5) * LINE);
  await expect
    .poll(() =>
      editor.evaluate((el: HTMLTextAreaElement, l) => {
        const first = (parseFloat(el.style.paddingTop) - 6) / 20;
        return first <= l && l < first + el.value.split('\n').length;
      }, line),
    )
    .toBe(true);
}

/** Clicks (with Shift when `shift`) on line `line` (0-based) of the whole text, scrolled to. */
async function clickLine(page: Page, editor: Locator, line: number, shift = false): Promise<void> {
  await scrollTo(editor, line);
  const box = await editor.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top };
  });
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.click(box.left + 40, box.top + 6 + line * LINE + LINE / 2);
  if (shift) await page.keyboard.up('Shift');
}

/** The text of the line the textarea's caret (its selection's start) is on. */
function caretLine(editor: Locator): Promise<string> {
  return editor.evaluate((el: HTMLTextAreaElement) => {
    const start = el.value.lastIndexOf('\n', el.selectionStart - 1) + 1;
    const end = el.value.indexOf('\n', el.selectionStart);
    return el.value.slice(start, end < 0 ? undefined : end);
  });
}

/** The caret at the start of line `line` (0-based): a click there, then Home. */
async function caretAtLine(page: Page, editor: Locator, lines: string[], line: number): Promise<void> {
  await clickLine(page, editor, line);
  await page.keyboard.press('Home');
  expect(await caretLine(editor)).toBe(lines[line]);
}

/** What Ctrl+C puts on the clipboard (emptied first, so that an old copy cannot pass). */
async function copied(page: Page): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.keyboard.press('Control+c');
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The head of the textarea's selection as an offset of `text`: its window found in the text
 * after `from` (the window's few hundred lines occur once). */
async function headIn(editor: Locator, text: string, from: number): Promise<number> {
  const held = await editor.evaluate((el: HTMLTextAreaElement) => ({
    value: el.value,
    head: el.selectionDirection === 'backward' ? el.selectionStart : el.selectionEnd,
  }));
  const at = text.indexOf(held.value, from);
  expect(at).toBeGreaterThan(from);
  return at + held.head;
}

test.describe('a 2 MB text', () => {
  let text = '';
  let lines: string[] = [];

  test.beforeEach(async ({ app, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await app.openFresh();
    text = boutiqueIn(namespaces);
    lines = text.split('\n');
    await app.paste(text);
    await expect(app.diagram).toContainText('shop54', { timeout: 90_000 });
    await app.editor.focus();
  });

  test('Ctrl+Shift+Home/End select to the text\'s ends; typing replaces all of it, Ctrl+Z brings it back selected', async ({ app, page }) => {
    const middle = Math.floor(lines.length / 2);
    const anchor = lineStart(text, middle);
    await caretAtLine(page, app.editor, lines, middle);

    await page.keyboard.press('Control+Shift+Home');
    expect(await app.editor.evaluate((el) => el.parentElement!.scrollTop)).toBe(0);
    expect(await copied(page)).toBe(text.slice(0, anchor));

    await caretAtLine(page, app.editor, lines, middle);
    await page.keyboard.press('Control+Shift+End');
    const toEnd = await copied(page);
    expect(toEnd.length).toBe(text.length - anchor);
    expect(toEnd).toBe(text.slice(anchor));

    await page.keyboard.type('x');
    expect(await whole(app.editor)).toBe(text.slice(0, anchor) + 'x');
    await page.keyboard.press('Control+z');
    expect(await whole(app.editor)).toBe(text);
    // The text put back is selected, all of it, though far taller than the window.
    expect(await copied(page)).toBe(text.slice(anchor));
    // Left ends it at its start, far above the window at the text's end: the caret goes there.
    await page.keyboard.press('ArrowLeft');
    expect(await caretLine(app.editor)).toBe(lines[middle]);
    await page.keyboard.type('#');
    expect(await whole(app.editor)).toBe(text.slice(0, anchor) + '#' + text.slice(anchor));
  });

  test('Shift+Page Down goes on past the window\'s edge; copy gives exactly the lines between', async ({ app, page }) => {
    const from = 1000;
    const anchor = lineStart(text, from);
    await caretAtLine(page, app.editor, lines, from);
    // A page is the view's height less a line (17 lines here): 30 pages run well past the window.
    for (let i = 0; i < 30; i++) await page.keyboard.press('Shift+PageDown');
    const head = await headIn(app.editor, text, anchor);
    const selected = await copied(page);
    expect(selected.split('\n').length).toBeGreaterThan(401);
    expect(selected.length).toBe(head - anchor);
    expect(selected).toBe(text.slice(anchor, head));

    // Shift+Up takes the head back a line, the anchor kept far above; Backspace deletes it all.
    await page.keyboard.press('Shift+ArrowUp');
    const back = await headIn(app.editor, text, anchor);
    expect(back).toBeLessThan(head);
    expect(await copied(page)).toBe(text.slice(anchor, back));
    await page.keyboard.press('Backspace');
    expect(await whole(app.editor)).toBe(text.slice(0, anchor) + text.slice(back));
    await page.keyboard.press('Control+z');
    expect(await whole(app.editor)).toBe(text);

    // Ctrl+A, then Shift+Up: the head at the text's end goes up a line, the window moved there.
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Shift+ArrowUp');
    const up = await headIn(app.editor, text, 0);
    expect(up).toBe(lineStart(text, lines.length - 2));
    expect(await copied(page)).toBe(text.slice(0, up));
  });

  test('Shift+click far from the anchor selects from it; a plain click ends the selection', async ({ app, page }) => {
    const from = 100;
    const anchor = lineStart(text, from);
    await caretAtLine(page, app.editor, lines, from);

    const far = 40_000;
    await clickLine(page, app.editor, far, true);
    const head = await headIn(app.editor, text, anchor);
    expect(head).toBeGreaterThanOrEqual(lineStart(text, far));
    expect(head).toBeLessThanOrEqual(lineStart(text, far + 1));
    const selected = await copied(page);
    expect(selected.length).toBe(head - anchor);
    expect(selected).toBe(text.slice(anchor, head));

    // Cut takes all of it out, and undo puts it back, selected; so do a paste and Enter over it.
    await page.keyboard.press('Control+x');
    expect(await whole(app.editor)).toBe(text.slice(0, anchor) + text.slice(head));
    await page.keyboard.press('Control+z');
    expect(await whole(app.editor)).toBe(text);
    await page.evaluate(() => navigator.clipboard.writeText('pasted: 1\n'));
    await page.keyboard.press('Control+v');
    expect(await whole(app.editor)).toBe(text.slice(0, anchor) + 'pasted: 1\n' + text.slice(head));
    await page.keyboard.press('Control+z');
    expect(await whole(app.editor)).toBe(text);
    await page.keyboard.press('Enter');
    expect(await whole(app.editor)).toBe(text.slice(0, anchor) + '\n' + text.slice(head));
    await page.keyboard.press('Control+z');
    expect(await whole(app.editor)).toBe(text);

    // A plain click: a caret, and typing inserts one character there.
    await clickLine(page, app.editor, far);
    await page.keyboard.press('Home');
    await page.keyboard.type('#');
    const at = lineStart(text, far);
    expect(await whole(app.editor)).toBe(text.slice(0, at) + '#' + text.slice(at));
  });
});
