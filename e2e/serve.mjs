// A tiny static server for the end-to-end tests: serves ../dist on 127.0.0.1, at `/` and at
// a sub-path (`/sub/path/`), so the tests also check that the page works under any sub-path.
// Usage: node serve.mjs [port]; E2E_DIST=dir serves another build (relative to e2e/).
// No dependencies; GET and HEAD only; never leaves the served folder.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const port = Number(process.argv[2] ?? process.env.E2E_PORT ?? 4178);
const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, process.env.E2E_DIST ?? '../dist');
export const SUB_PATH = '/sub/path/';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // Browsers compile wasm while it downloads only when it is served as application/wasm.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.yaml': 'text/plain; charset=utf-8',
  '.yml': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '': 'text/plain; charset=utf-8', // LICENSE, NOTICE
};

async function file(urlPath) {
  let path = decodeURIComponent(urlPath);
  if (path.startsWith(SUB_PATH)) path = '/' + path.slice(SUB_PATH.length);
  if (path.endsWith('/')) path += 'index.html';
  const full = normalize(join(root, path));
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
    return { body: await readFile(full), type: types[extname(full)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (pathname === SUB_PATH.slice(0, -1)) {
    res.writeHead(301, { location: SUB_PATH }).end();
    return;
  }
  const found = await file(pathname);
  if (!found) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : found.body);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}/ and ${SUB_PATH}`);
});
