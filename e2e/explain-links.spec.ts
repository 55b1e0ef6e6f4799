// The explanation's references to policies and rules are links to the editor: a click puts
// the caret on the rule's line and column, as a diagnostic's click does.
import { test, expect } from './fixtures';
import { example } from './examples';

test('api-allow: the denial names the rule that does not match, and its link leads there', async ({ app }) => {
  await app.openFresh();
  await app.pickExample('api-allow');
  await app.chooseFlow('default/nginx', 'default/payment-processor', 'TCP/80');
  await expect(app.explanation).toContainText(
    '✗ from[0] (line 55): pods with app=coffeeshop in default; default/nginx has run=nginx',
  );
  const lines = example('api-allow').split('\n');
  const caret = () =>
    app.editor.evaluate((el: HTMLTextAreaElement) => {
      const before = el.value.slice(0, el.selectionStart).split('\n');
      return { line: before.length, column: before[before.length - 1].length + 1 };
    });
  // The `from` entry: `    - podSelector:`, its key at column 7.
  await app.explanation.getByRole('button', { name: 'from[0]', exact: true }).click();
  await expect(app.editor).toBeFocused();
  expect(lines[54]).toBe('    - podSelector:');
  expect(await caret()).toEqual({ line: 55, column: 7 });
  // The rule itself, `  - from:`.
  await app.explanation.getByRole('button', { name: 'default/api-allow ingress[0]' }).click();
  expect(await caret()).toEqual({ line: 54, column: 5 });
  // The policy: its document's first line.
  await app.explanation.getByRole('button', { name: 'default/api-allow', exact: true }).click();
  expect(lines[43]).toBe('apiVersion: networking.k8s.io/v1');
  expect(await caret()).toEqual({ line: 44, column: 1 });
  // The words are still the CLI's, whole.
  await expect(app.explanation.locator('pre')).toContainText(
    '      default/api-allow ingress[0] (line 54):\n        ✗ from[0] (line 55)',
  );
});
