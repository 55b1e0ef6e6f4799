// The CLI's `reachmap render`, for comparing the page's export with it byte for byte.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repo = resolve(__dirname, '..');

/** The release CLI, built by global-setup.ts. */
export const reachmapBin = process.env.REACHMAP_BIN ?? join(repo, 'target', 'release', 'reachmap');

/** What `reachmap render --view VIEW [extra…] FILE -o OUT` writes for `text`. */
export function reachmapRender(text: string, view: 'services' | 'policies', extra: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'reachmap-e2e-'));
  const input = join(dir, 'input.yaml');
  const output = join(dir, 'out.svg');
  writeFileSync(input, text);
  execFileSync(reachmapBin, ['render', '--view', view, ...extra, input, '-o', output], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return readFileSync(output, 'utf8');
}

/** What `reachmap render --diff OLD NEW -o OUT` writes for the texts `before` and `after`. */
export function reachmapRenderDiff(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'reachmap-e2e-'));
  const old = join(dir, 'before.yaml');
  writeFileSync(old, before);
  return reachmapRender(after, 'policies', ['--diff', old]);
}
