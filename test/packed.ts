import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version } from '../package.json';
import { ROOT } from './helpers';

let tarball: string | undefined;

/** The tarball `npm pack` makes of this checkout, as npm would publish it; packed once per run. */
export function packedTarball(): string {
  if (tarball) return tarball;
  const folder = mkdtempSync(join(tmpdir(), 'medlint-pack-'));
  // The build already ran (npm test's pretest): pack what it made rather than build again.
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', folder], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stderr);
  assert.deepEqual(readdirSync(folder), [`medlint-${version}.tgz`]);
  tarball = join(folder, `medlint-${version}.tgz`);
  return tarball;
}

/** Whether a tool a test drives is on this machine; in CI (which installs it) its absence fails. */
export function hasTool(command: string, args = ['--version']): boolean {
  const found = spawnSync(command, args, { encoding: 'utf8' }).status === 0;
  if (!found && process.env.CI) assert.fail(`${command} is not installed: .ci/run installs it`);
  return found;
}
