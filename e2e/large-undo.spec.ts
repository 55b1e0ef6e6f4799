// Undo and redo over a large text (src/app/editor_undo.rs): the textarea holds a window of the
// text, and filling it with another window clears the browser's history, so the page keeps its
// own, in bytes of the whole text. The edits come back wherever they were.
import { test, expect } from './fixtures';
import { boutiqueIn } from './examples';
import type { Locator } from '@playwright/test';

// The Online Boutique in 55 namespaces: about 2 MB of YAML, 80,000 lines.
const namespaces = Array.from({ length: 55 }, (_, i) => `shop${i}`);

test.setTimeout(180_000);

/** The whole text (the editor's getter: the textarea holds only a window). */
function whole(editor: Locator): Promise<string> {
  return editor.evaluate((el) => (el as unknown as { reachmapText: string }).reachmapText);
}

/** The line of the whole text the caret is on (0-based), and the textarea's scroll parent's top. */
function caret(editor: Locator): Promise<{ line: string; top: number; start: number; end: number }> {
  return editor.evaluate((el: HTMLTextAreaElement) => {
    const before = el.value.slice(0, el.selectionStart);
    const start = before.lastIndexOf('\n') + 1;
    const end = el.value.indexOf('\n', start);
    return {
      line: el.value.slice(start, end < 0 ? undefined : end),
      top: el.parentElement!.scrollTop,
      start: el.selectionStart,
      end: el.selectionEnd,
    };
  });
}

test('a 2 MB text: Ctrl+Z far from the typing takes it out, Ctrl+Shift+Z puts it back, the diagnostics follow', async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.openFresh();
  const text = boutiqueIn(namespaces);
  const lines = text.split('\n').length;
  await app.paste(text);
  const slow = { timeout: 90_000 };
  await expect(app.diagram).toContainText('shop54', slow);

  // Typing at the end: a Pod the API server would refuse.
  await app.editor.focus();
  await page.keyboard.press('Control+End');
  const typed = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typed-at-the-end\n  namespace: shop0\nspec:\n  containers:\n  - name: c\n    image: busybox\n    ports:\n    - containerPort: 80800\n';
  await page.keyboard.type(typed);
  const badLine = lines + typed.split('\n').length - 2;
  const diagnostic = app.diagnostics.getByRole('button', { name: /80800|containerPort/ }).first();
  await expect(diagnostic).toContainText(`line ${badLine}:`, slow);

  // Back to the top: the window there no longer holds the end.
  await page.keyboard.press('Control+Home');
  expect(await app.text()).not.toContain('typed-at-the-end');

  // Undo: the typing (one step, as a browser merges it) leaves the whole text; the window and
  // the view went back to the end, the caret where the typing began.
  await page.keyboard.press('Control+z');
  expect(await whole(app.editor)).toBe(text);
  await expect(diagnostic).toHaveCount(0, slow);
  const undone = await caret(app.editor);
  expect(undone.top).toBeGreaterThan((lines - 60) * 20);
  expect(undone.start).toBe(undone.end);
  expect(await app.editor.evaluate((el: HTMLTextAreaElement) => el.value.length - el.selectionStart)).toBe(0);

  // Redo: it is back, and so is the diagnostic at its line; the typed text selected.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+z');
  expect(await whole(app.editor)).toBe(text + typed);
  await expect(diagnostic).toContainText(`line ${badLine}:`, slow);
  const redone = await caret(app.editor);
  expect(redone.top).toBeGreaterThan((lines - 60) * 20);
  const selected = await app.editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toBe(typed);

  // Backspaces merge into one step too; Ctrl+Y redoes as Ctrl+Shift+Z does.
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
  expect(await whole(app.editor)).toBe(text + typed.slice(0, -3));
  await expect(diagnostic).toHaveCount(0, slow);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+z');
  expect(await whole(app.editor)).toBe(text + typed);
  await expect(diagnostic).toContainText(`line ${badLine}:`, slow);
  await page.keyboard.press('Control+y');
  expect(await whole(app.editor)).toBe(text + typed.slice(0, -3));

  // The Edit menu's undo reaches the textarea as `beforeinput` (historyUndo): the page's too.
  await app.editor.evaluate((el) => {
    el.dispatchEvent(new InputEvent('beforeinput', { inputType: 'historyUndo', bubbles: true, cancelable: true }));
  });
  expect(await whole(app.editor)).toBe(text + typed);

  // Ctrl+A and cut empties the editor; Ctrl+Z brings all of it back, selected.
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+x');
  expect(await whole(app.editor)).toBe('');
  await page.keyboard.press('Control+z');
  expect(await whole(app.editor)).toBe(text + typed);
  await expect(diagnostic).toContainText(`line ${badLine}:`, slow);
  await page.keyboard.press('Control+c');
  expect((await page.evaluate(() => navigator.clipboard.readText())).length).toBe(text.length + typed.length);

  // A new edit after undo drops the redo branch: Ctrl+Shift+Z then does nothing.
  await page.keyboard.press('Control+z');
  expect(await whole(app.editor)).toBe(text);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# top\n');
  await page.keyboard.press('Control+Shift+z');
  expect(await whole(app.editor)).toBe('# top\n' + text);
  await page.keyboard.press('Control+z');
  expect(await whole(app.editor)).toBe(text);
});

test('a large paste into a small text: Ctrl+Z brings the small text back, Ctrl+Shift+Z the paste', async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.openFresh();
  const small = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: small\n';
  await app.paste(small);
  const large = boutiqueIn(namespaces.slice(0, 12));
  expect(large.length).toBeGreaterThan(300_000);
  await page.evaluate((t) => navigator.clipboard.writeText(t), large);
  await app.editor.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  expect(await whole(app.editor)).toBe(large);
  await expect(app.diagram).toContainText('shop11', { timeout: 90_000 });

  await page.keyboard.press('Control+z');
  expect(await whole(app.editor)).toBe(small);
  expect(await app.text()).toBe(small);
  await expect(app.diagram).not.toContainText('shop11', { timeout: 90_000 });
  await page.keyboard.press('Control+Shift+z');
  expect(await whole(app.editor)).toBe(large);
  await expect(app.diagram).toContainText('shop11', { timeout: 90_000 });
});
