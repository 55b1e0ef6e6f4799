// Adds the page's Content-Security-Policy to a release build: a <meta http-equiv> as the first
// element after <meta charset> of DIST/index.html (scripts/build-web.sh runs it after trunk;
// `trunk serve`'s page has none, since its live-reload script is inline).
//
//   node scripts/csp.mjs DIST        # prints the policy it wrote
//
// What the page needs, and nothing else:
// - script-src: its own files, every inline <script> of index.html by its sha256 (trunk's
//   loader, which imports the wasm-bindgen glue, and the panic banner's script), and
//   'wasm-unsafe-eval' to compile the wasm. No 'unsafe-inline', no 'unsafe-eval'.
// - style-src: its own stylesheet, and by its sha256 the diagram's stylesheet (SCENE_CSS of
//   crates/reachmap-core/src/scene/style.rs), which the page puts in a <style> element inside the diagram's <svg>.
//   Taken from the source and checked to be in the built wasm byte for byte, so the hash is
//   that of the text the page inserts. (Styles set through the CSSOM, `el.style.x = …`, are
//   not inline styles; a `style="…"` attribute would be blocked.)
// - img-src data: for the inline icon; connect-src 'self' for the wasm and the examples.
// - Nothing may be framed, posted, or used as a base URL; no plugins.
// Exit status 1, with the reason, when the page holds what the policy would block (an inline
// event handler, a style attribute, a javascript: URL) or the diagram's stylesheet is not found.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? join(repo, 'dist'));

function fail(message) {
  console.error(`csp: ${message}`);
  process.exit(1);
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const htmlPath = join(dist, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
if (/http-equiv=["']?Content-Security-Policy/i.test(html)) fail(`${htmlPath} has a policy already`);

// What a policy without 'unsafe-inline' blocks, found before a person finds it in the browser.
const tags = html.replace(/<!--[\s\S]*?-->/g, '').match(/<[a-z][^>]*>/gi) ?? [];
for (const tag of tags) {
  if (/\son[a-z]+\s*=/i.test(tag)) fail(`an inline event handler would be blocked: ${tag}`);
  if (/\sstyle\s*=/i.test(tag)) fail(`a style attribute would be blocked: ${tag}`);
  if (/=\s*["']?\s*javascript:/i.test(tag)) fail(`a javascript: URL would be blocked: ${tag}`);
}

// Every inline script, by its text exactly as between its tags (what the browser hashes).
const scripts = [];
for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  if (/\ssrc\s*=/i.test(attrs)) continue;
  scripts.push(sha256(body));
}
if (scripts.length === 0) fail(`no inline script in ${htmlPath}: is this trunk's build?`);
if (/<style\b/i.test(html)) fail(`an inline <style> in ${htmlPath}: put it in style/main.css`);

// The diagram's stylesheet: a raw string literal, so the source holds its exact bytes.
const styleRs = readFileSync(join(repo, 'crates', 'reachmap-core', 'src', 'scene', 'style.rs'), 'utf8');
const literal = styleRs.match(/pub const SCENE_CSS: &str = r(#+)"([\s\S]*?)"\1;/);
if (!literal) fail('SCENE_CSS is no longer one raw string literal in crates/reachmap-core/src/scene/style.rs');
const sceneCss = literal[2];
// The page's wasm, and the analysis worker's (reachmap-worker_bg.wasm), which writes the
// diagram's markup (svg::page_markup, with the stylesheet) that the page inserts. The
// console's module (reachmap-console_bg.wasm) draws nothing. The worker runs under its own
// script's policy (none: a same-origin file); the page's policy lets it start ('self').
const wasms = readdirSync(dist).filter(
  (f) => f.endsWith('.wasm') && !f.startsWith('reachmap-console') && !f.startsWith('reachmap-worker'),
);
if (wasms.length !== 1) fail(`expected one page .wasm in ${dist}, found ${wasms.length}`);
const drawing = 'reachmap-worker_bg.wasm';
if (!readFileSync(join(dist, drawing)).includes(Buffer.from(sceneCss, 'utf8'))) {
  fail(`the diagram's stylesheet of crates/reachmap-core/src/scene/style.rs is not in ${drawing}: rebuild the page`);
}

const policy = [
  "default-src 'none'",
  `script-src 'self' ${scripts.join(' ')} 'wasm-unsafe-eval'`,
  `style-src 'self' ${sha256(sceneCss)}`,
  "img-src 'self' data:",
  "connect-src 'self'",
  // The analysis worker (reachmap-worker_loader.js, a module worker).
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

const charset = /<meta charset="utf-8"\s*\/?>/i;
if (!charset.test(html)) fail(`no <meta charset="utf-8"> in ${htmlPath} to put the policy after`);
html = html.replace(charset, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
writeFileSync(htmlPath, html);
console.log(policy);
