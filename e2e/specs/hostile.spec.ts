// Hostile input and the page's defences: its Content-Security-Policy, an exported SVG full of
// markup opened on its own, and binary files opened or dropped instead of manifests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { example } from '../examples';
import { reachmapRender } from '../cli';

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

  test("the panic banner's button, a hashed inline script now, starts again from an example", async ({ app, page }) => {
    const seen = await violations(page);
    await app.openFresh();
    await app.setText('kind: Pod\n# the text a panic on loading left\n');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('reachmap.text'))).toContain('panic on loading');
    // What src/app/panic.rs shows after a panic while the first text was read.
    await page.evaluate(() => {
      document.getElementById('panic-banner')!.hidden = false;
      document.getElementById('panic-kept')!.hidden = false;
    });
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Start again with an example' }).click(),
    ]);
    await expect(app.editor).toBeVisible();
    await expect.poll(() => app.text()).not.toContain('panic on loading');
    await expect(page.locator('#panic-banner')).toBeHidden();
    expect(seen).toEqual([]);
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

// Markup, quotes, ampersands and control characters wherever a manifest can carry them. Names,
// label values and port names are refused by the parser (their objects are left out, with a
// diagnostic quoting them); annotations and images are kept but not drawn; a load balancer's
// hostnames are kept and drawn, so they reach the SVG.
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "<script>top.pwned='script'</script>",
  '<img src=x onerror="top.pwned=\'img\'">',
  "a&b &amp; 'single' \"double\"",
  'ctl\u0001\u001b[31mred\u007f',
];
/** A YAML double-quoted string (JSON's, with DEL escaped too: YAML refuses it raw). */
const quoted = (s: string) => JSON.stringify(s).replace(/\u007f/g, '\\u007f');
const HOSTILE_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
  annotations: {${HOSTILE.map((h, i) => `a${i}: ${quoted(h)}`).join(', ')}}
spec:
  containers:
  - name: c
    image: ${quoted(`registry.example/${HOSTILE.join('')}:1`)}
    ports: [{containerPort: 80, name: http}]
---
apiVersion: v1
kind: Pod
metadata:
  name: ${quoted(HOSTILE[0])}
spec:
  containers: [{name: c, image: i}]
---
apiVersion: v1
kind: Pod
metadata:
  name: labelled
  labels: {app: ${quoted(HOSTILE[1])}}
spec:
  containers: [{name: c, image: i, ports: [{containerPort: 81, name: ${quoted(HOSTILE[4])}}]}]
---
apiVersion: v1
kind: Service
metadata: {name: lb}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
status:
  loadBalancer:
    ingress: [${HOSTILE.map((h) => `{hostname: ${quoted(h)}}`).join(', ')}]
`;
/** How the SVG shows a hostile string: control characters as Rust escapes (`svg::escape`). */
const shown = (h: string) => h.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);

/** Serves `svg` on 127.0.0.1 as image/svg+xml, alone; returns its address. */
async function serveSvg(svg: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(svg);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/reachmap-services.svg`, server };
}

test('an exported SVG full of markup, opened on its own, runs nothing and shows the text', async ({ app, page, context }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await app.openFresh();
  await app.setText(HOSTILE_YAML);
  await app.show('Services');
  await expect(app.shape('svc:default/lb')).toBeVisible();
  // The page itself shows the refused names and the hostnames as text.
  await expect(app.diagnostics).toContainText(HOSTILE[0]);
  await expect(app.diagnostics).toContainText(HOSTILE[1]);
  const exported = (await app.exportSvg()).text;
  const rendered = reachmapRender(HOSTILE_YAML, 'services');
  expect(exported).toBe(rendered);
  for (const h of HOSTILE) expect(exported, h).not.toContain(h.replace(/[\u0000-\u001f\u007f]/g, ''));
  expect(exported).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);

  const { url, server } = await serveSvg(exported);
  try {
    const alone = await context.newPage();
    alone.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const response = await alone.goto(url);
    expect(response?.headers()['content-type']).toBe('image/svg+xml');
    const doc = await alone.evaluate(() => ({
      type: document.contentType,
      root: document.documentElement.localName,
      scripts: document.getElementsByTagName('script').length,
      handlers: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames()).filter((a) => /^on/i.test(a)),
      elements: [...new Set([...document.querySelectorAll('*')].map((e) => e.localName))].sort(),
      text: document.documentElement.textContent ?? '',
      pwned: (window as unknown as { pwned?: string }).pwned ?? null,
    }));
    expect(doc.type).toBe('image/svg+xml');
    expect(doc.root).toBe('svg');
    expect(doc.scripts).toBe(0);
    expect(doc.handlers).toEqual([]);
    expect(doc.elements.filter((e) => ['script', 'img', 'foreignObject', 'iframe'].includes(e))).toEqual([]);
    expect(doc.pwned).toBeNull();
    // Every hostname, in the load balancer's tooltip, literally.
    expect(doc.text).toContain(`through the load balancer at ${HOSTILE.map(shown).join(', ')}:80.`);
    // And drawn: the box's line starts with the first one, as text.
    await expect(alone.locator('text', { hasText: `${HOSTILE[0]}, ` })).toBeVisible();
    await alone.waitForTimeout(200); // an onload would have fired by now
    await alone.close();
  } finally {
    server.close();
  }
  expect(dialogs, 'dialogs opened').toEqual([]);
});

test.describe('a file that is not text', () => {
  // A PNG's first bytes (0x89 then "PNG"), NULs included.
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const withNul = Buffer.from('apiVersion: v1\nkind: Pod\u0000\n', 'utf8');
  const utf16 = Buffer.from('\ufeffkind: Pod\n', 'utf16le');

  test.beforeEach(async ({ app }) => {
    await app.openFresh();
    await app.pickExample('port-allow');
  });

  test('opened with Open files…: refused with its name and why, the text untouched', async ({ app, page }) => {
    const before = await app.text();
    for (const [name, buffer, why] of [
      ['logo.png', png, 'logo.png is not a text file: byte 0x89 at offset 0 is not UTF-8'],
      ['pod.yaml', withNul, 'pod.yaml is not a text file: byte 0x00 at offset 24 is a NUL'],
      ['export.yaml', utf16, 'export.yaml is not a text file: byte 0xff at offset 0 is not UTF-8'],
    ] as const) {
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Open files…' }).click(),
      ]);
      await chooser.setFiles({ name, mimeType: 'application/octet-stream', buffer });
      await expect(page.getByRole('alert')).toContainText(why);
      await expect(page.getByRole('alert')).toContainText('your text is unchanged');
      expect(await app.text()).toBe(before);
      await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    }
    await expect(app.shape('pod:default/frontend')).toBeVisible();
  });

  test('dropped with good files: nothing is loaded and the bad one is named', async ({ app, page }) => {
    const before = await app.text();
    await page.evaluate(
      ([good, bad]) => {
        const data = new DataTransfer();
        data.items.add(new File([good], 'good.yaml'));
        data.items.add(new File([new Uint8Array(bad)], 'logo.png', { type: 'image/png' }));
        data.items.add(new File([good], 'also-good.yaml'));
        const target = document.querySelector('.tabs')!;
        target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      [example('run-expose'), [...png]] as const,
    );
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('logo.png is not a text file: byte 0x89 at offset 0 is not UTF-8');
    await expect(alert).not.toContainText('good.yaml');
    expect(await app.text()).toBe(before);
    // The page goes on: a good drop afterwards loads and clears the message.
    await page.evaluate((good) => {
      const data = new DataTransfer();
      data.items.add(new File([good], 'good.yaml'));
      document.querySelector('.tabs')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, example('run-expose'));
    await expect.poll(() => app.text()).toBe(example('run-expose'));
    await expect(alert).toHaveCount(0);
  });
});
