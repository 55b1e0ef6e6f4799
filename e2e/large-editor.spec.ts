// The editor over a large text (src/app/editor_window.rs): the textarea holds only a window of
// lines around the view, while the text (what the analysis, the diagnostics, go-to-line and
// copy see) stays whole.
import { test, expect } from './fixtures';
import { boutiqueIn } from './examples';

// The Online Boutique in 55 namespaces: about 2 MB of YAML, 80,000 lines.
const namespaces = Array.from({ length: 55 }, (_, i) => `shop${i}`);

test.setTimeout(180_000);

test('a 2 MB text: typing at its end lands in the text, go-to-line moves far down, Ctrl+A copies it all', async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.openFresh();
  const text = boutiqueIn(namespaces);
  expect(text.length).toBeGreaterThan(1_900_000);
  const lines = text.split('\n').length;
  await app.paste(text);
  const slow = { timeout: 90_000 };
  await expect(app.diagram).toContainText('shop54', slow);

  // The textarea holds a window, as tall as every line (its parent scrolls).
  const held = await app.editor.evaluate((el: HTMLTextAreaElement) => ({
    length: el.value.length,
    height: el.scrollHeight,
  }));
  expect(held.length).toBeLessThan(100_000);
  expect(held.height).toBeGreaterThan((lines - 1) * 20);

  // Typing at the end: a Pod the API server would refuse, reported at its line of the whole text.
  await app.editor.focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+End');
  const typed = '# café ☕\napiVersion: v1\nkind: Pod\nmetadata:\n  name: typed-at-the-end\n  namespace: shop0\nspec:\n  containers:\n  - name: c\n    image: busybox\n    ports:\n    - containerPort: 80800\n';
  await page.keyboard.type(typed);
  const badLine = lines + typed.split('\n').length - 2;
  const diagnostic = app.diagnostics.getByRole('button', { name: /80800|containerPort/ }).first();
  await expect(diagnostic).toContainText(`line ${badLine}:`, slow);
  // The worker is sent only what changed (logic/text_edits.rs): a deletion mends the port, and
  // typing it again brings the error back at the same line.
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(diagnostic).toHaveCount(0, slow);
  await page.keyboard.type('0\n');
  await expect(diagnostic).toContainText(`line ${badLine}:`, slow);

  // Back to the top: the window there no longer holds the end.
  await page.keyboard.press('Control+Home');
  expect(await app.text()).not.toContain('typed-at-the-end');
  expect(await app.editor.evaluate((el: HTMLTextAreaElement) => el.parentElement!.scrollTop)).toBe(0);

  // Going to the diagnostic moves the window far down, the caret on the line, the line in view.
  await diagnostic.click();
  await expect(app.editor).toBeFocused();
  const caretLine = await app.editor.evaluate((el: HTMLTextAreaElement) => {
    const before = el.value.slice(0, el.selectionStart);
    const start = before.lastIndexOf('\n') + 1;
    const end = el.value.indexOf('\n', start);
    return el.value.slice(start, end < 0 ? undefined : end);
  });
  expect(caretLine).toContain('containerPort: 80800');
  await expect(page.locator('.gutter-lines')).toContainText(String(badLine));
  const top = await app.editor.evaluate((el: HTMLTextAreaElement) => el.parentElement!.scrollTop);
  expect(top).toBeGreaterThan((badLine - 60) * 20);

  // Ctrl+A, then copy: the whole text, the typed Pod included, not the window.
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBe(text.length + typed.length);
  expect(copied.startsWith(text)).toBe(true);
  expect(copied.endsWith(typed)).toBe(true);

  // Typing over the whole selection replaces the whole text, as it does in a small one.
  await page.keyboard.type('a: 1\n');
  expect(await app.text()).toBe('a: 1\n');
  // And undo brings all of it back, the typing over it one step (the page's own history,
  // src/app/editor_undo.rs: filling the textarea with the small text cleared the browser's).
  await page.keyboard.press('Control+z');
  const whole = () => app.editor.evaluate((el) => (el as unknown as { reachmapText: string }).reachmapText);
  expect(await whole()).toBe(text + typed);
  await expect(diagnostic).toContainText(`line ${badLine}:`, slow);
  await page.keyboard.press('Control+Shift+z');
  expect(await whole()).toBe('a: 1\n');
});
