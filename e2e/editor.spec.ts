// The editor: diagnostics at their line, the caret sent there, Tab and undo.
import { test, expect } from './fixtures';
import { example } from './examples';

test.beforeEach(async ({ app }) => {
  await app.openFresh();
});

test('invalid YAML: a diagnostic at its line, the rest still drawn', async ({ app, page }) => {
  const text = example('api-allow');
  const lines = text.split('\n');
  // Break the third document (the nginx pod): an unclosed flow sequence.
  const at = lines.findIndex((l) => l === '    run: nginx');
  lines[at] = '    run: [nginx';
  await app.setText(lines.join('\n'));
  const diagnostic = app.diagnostics.getByRole('button').first();
  await expect(diagnostic).toContainText('error');
  await expect(diagnostic).toContainText(/line \d+:\d+ — /);
  const line = Number((await diagnostic.textContent())!.match(/line (\d+):/)![1]);
  expect(line).toBeGreaterThanOrEqual(lines.indexOf('---', 20) + 1);
  // The other documents still draw.
  await app.show('Policies');
  await expect(app.shape('pod:default/payment-processor')).toBeVisible();
  await expect(app.shape('pod:default/coffeeshop')).toBeVisible();
  await expect(app.shape('pod:default/nginx')).toHaveCount(0);
  // The gutter marks the line.
  await expect(page.locator('.gutter .sev-error')).toHaveCount(1);
  // A click puts the caret there.
  await diagnostic.click();
  await expect(app.editor).toBeFocused();
  const caretLine = await app.editor.evaluate((el: HTMLTextAreaElement) =>
    el.value.slice(0, el.selectionStart).split('\n').length,
  );
  expect(caretLine).toBe(line);
});

test('a field the API server rejects is reported at its line', async ({ app }) => {
  await app.setText(example('port-allow').replace('containerPort: 8080', 'containerPort: 80800'));
  const diagnostic = app.diagnostics.getByRole('button', { name: /80800|containerPort/ }).first();
  await expect(diagnostic).toBeVisible();
  const expected = example('port-allow').split('\n').findIndex((l) => l.includes('containerPort: 8080')) + 1;
  await expect(diagnostic).toContainText(`line ${expected}:`);
});

test('Tab inserts two spaces, and undo takes them back', async ({ app, page }) => {
  await app.setText('a: 1\n');
  await app.editor.focus();
  await app.editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
  await page.keyboard.press('Tab');
  expect(await app.text()).toBe('  a: 1\n');
  await expect(app.editor).toBeFocused();
  await page.keyboard.press('Control+z');
  expect(await app.text()).toBe('a: 1\n');
});

test('Shift+Tab leaves the editor (no keyboard trap)', async ({ app, page }) => {
  await app.editor.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(app.editor).not.toBeFocused();
});

test('typing quickly loses no character', async ({ app, page }) => {
  await app.pickExample('port-allow');
  await app.editor.focus();
  await app.editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  const typed =
    '\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: typed-quickly\nspec:\n  containers:\n  - name: c\n    image: busybox\n';
  await page.keyboard.type(typed, { delay: 0 });
  expect((await app.text()).endsWith(typed)).toBe(true);
  await app.show('Policies');
  await expect(app.shape('pod:default/typed-quickly')).toBeVisible();
});
