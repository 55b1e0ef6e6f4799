// Opening files and dropping them on the page: several files are joined as separate documents.
import { test, expect } from './fixtures';
import { example } from './examples';

test('Open files… reads several files, joined', async ({ app, page }) => {
  await app.openFresh();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open files…' }).click(),
  ]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles([
    { name: 'service.yaml', mimeType: 'text/yaml', buffer: Buffer.from(example('nginx-service')) },
    { name: 'deploy.yaml', mimeType: 'text/yaml', buffer: Buffer.from(example('deployment-service')) },
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'Opened service.yaml, deploy.yaml' })).toBeVisible();
  const text = await app.text();
  expect(text).toBe(`${example('nginx-service')}---\n${example('deployment-service')}`);
  await app.show('Services');
  await expect(app.shape('svc:default/nginx-service')).toBeVisible();
  await expect(app.shape('svc:default/my-deploy')).toBeVisible();
});

test('files dropped anywhere on the page replace the text', async ({ app, page }) => {
  await app.openFresh();
  await page.evaluate(
    ([a, b]) => {
      const data = new DataTransfer();
      data.items.add(new File([a], 'a.yaml'));
      data.items.add(new File([b], 'b.yaml'));
      const target = document.querySelector('.tabs')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [example('port-allow'), example('run-expose')],
  );
  await expect.poll(() => app.text()).toBe(`${example("port-allow")}---\n${example("run-expose")}`);
  await app.show('Matrix');
  await expect(page.getByRole('button', { name: 'default/frontend → default/backend: allowed on TCP/8080 only', exact: true })).toBeVisible();
});
