// The reference examples' texts, read from the same files the page embeds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from './cli';

export function example(name: string): string {
  return readFileSync(join(repo, 'public', 'examples', 'reference', `${name}.yaml`), 'utf8');
}

/** Google's Online Boutique (manifests and policies) run in each of `namespaces`, as
 * `reachmap_synth::boutique` writes it: big enough for the Policies view to start folded. */
export function boutiqueIn(namespaces: string[]): string {
  const dir = join(repo, 'public', 'examples', 'online-boutique');
  const texts = ['kubernetes-manifests.yaml', 'network-policies.yaml'].map((f) => readFileSync(join(dir, f), 'utf8'));
  return namespaces
    .flatMap((ns) => texts.map((t) => t.split('\nmetadata:\n').join(`\nmetadata:\n  namespace: ${ns}\n`) + '\n---\n'))
    .join('');
}
