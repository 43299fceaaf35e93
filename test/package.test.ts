import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../package.json';
import { ROOT } from './helpers';
import { LspClient } from './lsp-client';
import { packedTarball } from './packed';

const DRAFT = 'Keytruda is an autoimmune therapy that blocks PD-1.\n';

function sh(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * What a user gets from npm: the tarball `npm pack` makes, installed into an empty project with no
 * devDependencies (installing a tarball runs no build), then run through its bin link.
 */
describe('the npm package, installed into an empty project', function () {
  this.timeout(120_000);
  let project: string;
  let medlint: string;

  before(() => {
    project = realpathSync(mkdtempSync(join(tmpdir(), 'medlint-user-')));
    writeFileSync(join(project, 'package.json'), '{ "name": "a-writers-project", "private": true }\n');
    const install = sh('npm', ['install', '--offline', '--no-audit', '--no-fund', packedTarball()], project);
    assert.equal(install.code, 0, install.stderr);
    medlint = join(project, 'node_modules', '.bin', 'medlint');
  });

  it('holds the CLI, the language server, the schemas and the documents, and nothing else', () => {
    const files = (folder: string): string[] =>
      readdirSync(join(project, 'node_modules', 'medlint', folder), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(folder, entry.name)) : [join(folder, entry.name)],
      );
    assert.deepEqual(files('').sort(), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/bibliography.js',
      'dist/cli.js',
      'dist/medlint-cli.cache',
      'dist/medlint-cli.js',
      'dist/medlint-server.js',
      'dist/schemas/claim.schema.json',
      'dist/schemas/medlintrc.schema.json',
      'dist/schemas/term.schema.json',
      'package.json',
      'terms/README.md',
    ]);
  });

  it('medlint --version prints the package version', () => {
    assert.deepEqual(sh(medlint, ['--version'], project), { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('npx medlint check reports exactly what the checkout built reports', () => {
    writeFileSync(join(project, 'draft.md'), DRAFT);
    const installed = sh('npx', ['--offline', 'medlint', 'check', 'draft.md', '--format', 'json'], project);
    const built = sh(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', 'draft.md', '--format', 'json'], project);
    assert.equal(installed.code, 1, installed.stderr);
    assert.equal(installed.stdout, built.stdout);
    const rules = (JSON.parse(installed.stdout) as { rule: string; line: number; column: number }[]).map(({ rule, line, column }) => `${line}:${column} ${rule}`);
    assert.deepEqual(rules, ['1:1 brand-name', '1:16 misnomer', '1:47 undefined-abbreviation']);
  });

  it('medlint lsp --stdio answers initialize and publishes diagnostics', async () => {
    const client = new LspClient(project, medlint);
    const result = await client.request<{ capabilities: { hoverProvider: boolean } }>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(project).href,
      capabilities: {},
    });
    assert.equal(result.capabilities.hoverProvider, true);
    client.notify('initialized', {});
    const uri = pathToFileURL(join(project, 'draft.md')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    const published = await client.notification<{ uri: string; diagnostics: { code: string }[] }>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    assert.deepEqual(published.diagnostics.map((diagnostic) => diagnostic.code), ['brand-name', 'misnomer', 'undefined-abbreviation']);
    assert.equal(await client.request('shutdown', null), null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });
});
