// Export SVG: a standalone, valid XML file with the diagram's names, byte for byte what
// `reachmap render` writes for the same text and view.
import { test, expect } from './fixtures';
import { example } from './examples';
import { reachmapRender } from './cli';

for (const [name, view, names] of [
  ['nginx-service', 'Services', ['nginx-service', 'nginx', '80 → 80']],
  ['deployment-service', 'Services', ['my-deploy']],
  ['api-allow', 'Policies', ['payment-processor', 'coffeeshop', 'api-allow']],
  ['port-allow', 'Policies', ['frontend', 'backend', 'port-allow']],
] as const) {
  test(`${name}, ${view}: the export parses and equals reachmap render`, async ({ app }) => {
    await app.openFresh();
    const text = example(name);
    await app.setText(text);
    await app.show(view);
    const file = await app.exportSvg();
    expect(file.name).toBe(`reachmap-${view.toLowerCase()}.svg`);
    expect(await app.xmlError(file.text)).toBeNull();
    expect(file.text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(file.text).toContain('<title>');
    expect(file.text).not.toMatch(/(href|src)="(https?:)?\/\//);
    for (const n of names) expect(file.text).toContain(n);
    expect(file.text).toBe(reachmapRender(text, view === 'Services' ? 'services' : 'policies'));
  });
}

test('the export carries the highlight of the selected pod, as render --focus does', async ({ app }) => {
  await app.openFresh();
  const text = example('api-allow');
  await app.setText(text);
  await app.show('Policies');
  await app.shape('pod:default/coffeeshop').click();
  const file = await app.exportSvg();
  expect(file.text).toContain('rm-focus');
  expect(file.text).toBe(reachmapRender(text, 'policies', ['--focus', 'default/coffeeshop']));
});

test('the export of a focus with its denied flows equals render --show-denied', async ({ app, page }) => {
  await app.openFresh();
  const text = example('api-allow');
  await app.setText(text);
  await app.show('Policies');
  await app.shape('pod:default/nginx').click();
  await page.getByLabel('Show denied').check();
  await expect(app.shape('edge:pod:default/nginx->pod:default/payment-processor:denied')).toHaveCount(1);
  const file = await app.exportSvg();
  expect(file.text).toBe(reachmapRender(text, 'policies', ['--focus', 'default/nginx', '--show-denied']));
});

test('Copy SVG puts the same text on the clipboard', async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.openFresh();
  await app.show('Services');
  await page.getByRole('button', { name: 'Copy SVG' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'SVG copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(reachmapRender(await app.text(), 'services'));
});
