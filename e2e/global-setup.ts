// Builds the release CLI the export test compares with (a no-op when it is up to date).
import { execFileSync } from 'node:child_process';
import { repo } from './cli';

export default function globalSetup(): void {
  if (process.env.REACHMAP_BIN) return;
  execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'reachmap-cli', '--bin', 'reachmap'], {
    cwd: repo,
    stdio: 'inherit',
  });
}
