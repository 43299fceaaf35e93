import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers';

const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

describe('Neovim, headless, with its built-in LSP client on medlint lsp --stdio', function () {
  this.timeout(60_000);

  it('receives the diagnostics and the hover card', function () {
    // CI installs neovim (.ci/run); a developer without it sees this test skipped, not passed.
    if (!hasNeovim) this.skip();
    const folder = mkdtempSync(join(tmpdir(), 'medlint-nvim-'));
    const draft = join(folder, 'draft.md');
    const out = join(folder, 'received.json');
    writeFileSync(draft, '# Checkpoints\n\nTumours evade T cells through PD-1. Keytruda is an anti–PD-1 antibody.\n');
    const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(ROOT, 'test', 'neovim', 'lsp.lua')}`, draft], {
      cwd: folder,
      encoding: 'utf8',
      timeout: 45_000,
      env: { ...process.env, MEDLINT_NODE: process.execPath, MEDLINT_CLI: join(ROOT, 'dist', 'cli.js'), MEDLINT_NVIM_OUT: out, MEDLINT_HOVER_LINE: '2', MEDLINT_HOVER_CHARACTER: '31' },
    });
    assert.equal(run.status, 0, run.stderr);
    const received = JSON.parse(readFileSync(out, 'utf8')) as { diagnostics: { lnum: number; col: number; end_lnum: number; end_col: number; source: string; message: string }[]; hover: string };
    assert.deepEqual(
      received.diagnostics.map((d) => `${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col} ${d.source}: ${d.message}`),
      [
        '2:30-2:34 medlint: "PD-1" is not defined at first use: write "programmed cell death protein 1 (PD-1)".',
        '2:36-2:44 medlint: "Keytruda" is a brand name: use the generic name "pembrolizumab".',
      ],
    );
    assert.match(received.hover, /^\*\*PD-1\*\* · programmed cell death protein 1 \*\(receptor\)\*\n\nA checkpoint receptor/);
  });
});
