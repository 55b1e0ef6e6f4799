// Typing a flow's port or an IP address in the flow picker: checked as typed, with the reason
// shown; the listed ports say what each is.
import { test, expect } from './fixtures';

test.beforeEach(async ({ app }) => {
  await app.openFresh();
});

test('a typed port is asked about; a wrong one says why and changes nothing', async ({ app, page }) => {
  await app.chooseFlow('default/coffeeshop', 'default/payment-processor', '9999');
  await expect(app.explanation).toContainText('default/coffeeshop → default/payment-processor TCP/9999: allowed');
  const port = app.flowPicker.getByLabel('Port', { exact: true });
  await port.fill('70000');
  await expect(port).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#flow-port-error')).toHaveText('Port: `70000` is not a port number from 1 to 65535');
  await expect(app.explanation).toContainText('TCP/9999: allowed');
  await port.fill('udp/53');
  await expect(port).toHaveAttribute('aria-invalid', 'false');
  await expect(app.explanation).toContainText('UDP/53: allowed');
});

test('the listed ports are labelled: declared ones by their pods, the others "another TCP port"', async ({ app, page }) => {
  await app.pickExample('port-allow');
  await app.chooseFlow('default/frontend', 'default/backend');
  const list = page.locator('#flow-ports option');
  await expect(list.first()).toHaveAttribute('value', 'TCP/8080');
  await expect(list.first()).toHaveAttribute('label', 'http on default/backend');
  await expect(page.locator('#flow-ports option[value="TCP/8081"]')).toHaveAttribute('label', 'another TCP port');
  await expect(page.locator('#flow-ports option[value="UDP/1"]')).toHaveAttribute('label', 'another UDP port');
});

test('an IP address typed as the destination or the source', async ({ app, page }) => {
  await app.flowPicker.getByLabel('From', { exact: true }).selectOption('default/coffeeshop');
  await app.flowPicker.getByLabel('To', { exact: true }).selectOption({ label: 'an IP address…' });
  const to = app.flowPicker.getByLabel('To IP address', { exact: true });
  await to.fill('10.0.0.300');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#flow-to-address-error')).toContainText('is not an IP address');
  await to.fill('10.0.0.7');
  await expect(to).toHaveAttribute('aria-invalid', 'false');
  await expect(app.explanation).toContainText('default/coffeeshop → 10.0.0.7');
  // From an address into the isolated payment processor: denied.
  await app.flowPicker.getByLabel('From', { exact: true }).selectOption({ label: 'an IP address…' });
  await app.flowPicker.getByLabel('From IP address', { exact: true }).fill('192.0.2.1');
  await app.flowPicker.getByLabel('To', { exact: true }).selectOption('default/payment-processor');
  await expect(app.explanation).toContainText('192.0.2.1 → default/payment-processor');
  await expect(app.explanation.locator('.verdict')).toContainText('denied');
});
