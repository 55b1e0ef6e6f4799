// The reference examples' texts, read from the same files the page embeds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from './cli';

export function example(name: string): string {
  return readFileSync(join(repo, 'public', 'examples', 'reference', `${name}.yaml`), 'utf8');
}
