// Hostile input and the page's defences: its Content-Security-Policy.
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { example } from '../examples';

/** Every `securitypolicyviolation` the page's documents fire, from before their first script. */
async function violations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('reachmapCspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as { reachmapCspViolation: (v: string) => void }).reachmapCspViolation;
        report(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}: ${e.sample}`);
      },
      true,
    );
  });
  return seen;
}

/** The policy's directives, by name. */
async function policy(page: Page): Promise<Map<string, string[]>> {
  const metas = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(metas).toHaveCount(1);
  const content = (await metas.getAttribute('content')) ?? '';
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test.describe('the Content-Security-Policy', () => {
  test('is in the built page: its own script and wasm, by hash, and no connection elsewhere', async ({ app, page }) => {
    await app.openFresh();
    const csp = await policy(page);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    const scripts = csp.get('script-src') ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts).toContain("'wasm-unsafe-eval'");
    expect(scripts.some((s) => s.startsWith("'sha256-"))).toBe(true);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const d of ['object-src', 'base-uri', 'form-action']) expect(csp.get(d), d).toEqual(["'none'"]);
    // A policy in a <meta> governs only what comes after it: it must precede every script.
    const before = await page.evaluate(() => {
      const head = document.head.innerHTML;
      return head.indexOf('Content-Security-Policy') < head.search(/<script|<link/);
    });
    expect(before).toBe(true);
  });

  test('the page is used from end to end without a violation', async ({ app, page }) => {
    const seen = await violations(page);
    const logged: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) logged.push(m.text());
    });
    await app.openFresh();
    const labels = await page.getByLabel('Example', { exact: true }).locator('option:not([disabled])').allTextContents();
    expect(labels.length).toBeGreaterThan(6);
    // Every example, the Online Boutique fetched from the page's own examples/ folder.
    for (const label of labels) {
      await app.setText('# nothing yet\n');
      await app.pickExample(label);
      await expect.poll(() => app.text(), label).not.toBe('# nothing yet\n');
      await expect(app.diagram.locator('g[data-id]').first()).toBeVisible();
    }
    for (const view of ['Services', 'Policies', 'Matrix'] as const) await app.show(view);

    await app.pickExample('api-allow');
    await app.show('Policies');
    // The diagram's own <style> (allowed by its hash) is applied: pods are filled.
    const fill = await app.shape('pod:default/coffeeshop').locator('rect').first().evaluate((r) => getComputedStyle(r).fill);
    expect(fill).toBe('rgb(227, 239, 255)');
    await app.shape('pod:default/coffeeshop').click();
    await app.chooseFlow('default/coffeeshop', 'default/payment-processor', 'TCP/80');
    await expect(app.explanation).toContainText('allowed');
    await app.show('Matrix');
    await page.getByRole('button', { name: /^default\/nginx → default\/payment-processor .*: denied$/ }).first().click();
    await expect(app.explanation).toContainText('denied');

    await app.show('Services');
    const file = await app.exportSvg(); // through a blob: URL
    expect(file.text).toMatch(/^<svg/);
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await expect(page.getByTestId('share-link')).toHaveValue(/#s=v1\./);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Open files…' }).click(),
    ]);
    await chooser.setFiles({ name: 'port-allow.yaml', mimeType: 'text/yaml', buffer: Buffer.from(example('port-allow')) });
    await expect.poll(() => app.text()).toBe(example('port-allow'));
    await app.setText(`${example('port-allow')}# edited\n`);
    await app.show('Policies');
    await expect(app.shape('pod:default/frontend')).toBeVisible();

    expect(seen, 'securitypolicyviolation events').toEqual([]);
    expect(logged, 'CSP errors in the console').toEqual([]);
  });

  test('blocks what the page must never do (the check above can fail)', async ({ app, page }) => {
    const seen = await violations(page);
    await app.openFresh();
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as { injected?: number };
      const script = document.createElement('script');
      script.textContent = 'window.injected = 1;';
      document.head.append(script);
      const styled = document.createElement('p');
      document.body.append(styled);
      styled.setAttribute('style', 'color: rgb(255, 0, 0)');
      const button = document.createElement('button');
      document.body.append(button);
      button.setAttribute('onclick', 'window.injected = 2;');
      button.click();
      // Text compiled as code by the page (Playwright's own evaluation may bypass the policy).
      setTimeout('window.injected = 3;');
      await new Promise((done) => setTimeout(done, 50));
      let fetched = 'fetched';
      try {
        await fetch('http://127.0.0.1:1/');
      } catch (e) {
        fetched = (e as Error).name;
      }
      const red = getComputedStyle(styled).color === 'rgb(255, 0, 0)';
      return { injected: w.injected ?? null, red, fetched };
    });
    expect(outcome).toEqual({ injected: null, red: false, fetched: 'TypeError' });
    await expect.poll(() => seen.map((v) => v.split(' ')[0]).sort()).toEqual(
      ['connect-src', 'script-src', 'script-src-attr', 'script-src-elem', 'style-src-attr'],
    );
  });
});
