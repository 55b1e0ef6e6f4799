// Picking an example never loses the person's own text: it is kept as "Your text" in the
// picker (also after a reload), and the editor's undo brings it back too.
import { test, expect } from './fixtures';
import { example } from './examples';

const mine = example('port-allow').replaceAll('frontend', 'storefront') + '# my own cluster\n';

test('an example keeps your text as "Your text", restorable, also after a reload', async ({ app, page }) => {
  await app.openFresh();
  await app.setText(mine);
  const picker = page.getByLabel('Example', { exact: true });
  await expect(picker.locator('option:checked')).toHaveText('Your text');
  await app.pickExample('default-deny-all');
  expect(await app.text()).toBe(example('default-deny-all'));
  const yours = picker.getByRole('option', { name: 'Your text' });
  await expect(yours).toBeEnabled();
  await app.pickExample('Your text');
  await expect.poll(() => app.text()).toBe(mine);

  // Away again, then a reload: your text is still offered.
  await app.pickExample('api-allow');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('reachmap.text'))).toBe(example('api-allow'));
  await page.reload();
  await expect(app.editor).toBeVisible();
  expect(await app.text()).toBe(example('api-allow'));
  await expect(picker.locator('option:checked')).toHaveText('api-allow');
  await app.pickExample('Your text');
  await expect.poll(() => app.text()).toBe(mine);
  await app.show('Policies');
  await expect(app.shape('pod:default/storefront')).toBeVisible();
});

test("the editor's undo brings back the text an example replaced", async ({ app, page }) => {
  await app.openFresh();
  await app.setText(mine);
  await app.pickExample('nginx Service and pod');
  expect(await app.text()).toBe(example('nginx-service'));
  await app.editor.focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => app.text()).toBe(mine);
  // The diagram follows the text undone, as it follows typing.
  await app.show('Policies');
  await expect(app.shape('pod:default/storefront')).toBeVisible();
});

test('a first visit offers no "Your text" to go back to', async ({ app, page }) => {
  await app.openFresh();
  const yours = page.getByLabel('Example', { exact: true }).getByRole('option', { name: 'Your text' });
  await expect(yours).toBeDisabled();
  // Switching between examples sets nothing aside.
  await app.pickExample('port-allow');
  await expect(yours).toBeDisabled();
});
