import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { generateMarkdown } from './bench/generate';
import { linter as createTestLinter, ROOT } from './helpers';
import { LINT_THREAD_LIMITS, OffThreadLinter } from '../src/worker/offThread';

const SCRIPT = join(ROOT, 'dist', 'lintWorker.js');
const DRAFT = 'Keytruda is an autoimmune therapy that blocks PD-1.\n';
const linter = createTestLinter();

/** The extension's lint worker (the built dist/lintWorker.js) on a real worker thread, with the extension's limits. */
describe('lint worker (off the extension host main thread)', function () {
  this.timeout(60_000);
  const pools: OffThreadLinter[] = [];
  const pool = (abandonAfterMs?: number) => {
    let started = 0;
    const made = new OffThreadLinter(() => {
      started++;
      return new Worker(SCRIPT, { resourceLimits: LINT_THREAD_LIMITS });
    }, abandonAfterMs);
    pools.push(made);
    return { pool: made, started: () => started };
  };
  after(() => pools.forEach((made) => made.dispose()));

  it('finds on the worker exactly what the linter finds on this thread', async () => {
    const { pool: lints } = pool();
    const text = generateMarkdown(50_000, 7);
    assert.deepEqual(await lints.lint('file:///a.md', linter, text, 'markdown'), { findings: linter.lint(text, 'markdown'), notices: [], readability: linter.readability(text) });
    assert.deepEqual(await lints.lint('file:///b.txt', linter, DRAFT, 'plaintext'), { findings: linter.lint(DRAFT, 'plaintext'), notices: [] });
    // A paragraph of delimiter soup is read as plain text: the worker says so as the linter does.
    const soup = `${'*a _b '.repeat(600)}\n\nKeytruda.\n`;
    const fromWorker = await lints.lint('file:///soup.md', linter, soup, 'markdown');
    assert.deepEqual(fromWorker, { findings: linter.lint(soup), notices: linter.notices(soup), readability: linter.readability(soup) });
    assert.equal(fromWorker!.notices[0]!.code, 'plain-text');
  });

  it('drops a waiting lint when a newer version of its document comes', async () => {
    const { pool: lints } = pool();
    const busy = lints.lint('file:///long.md', linter, generateMarkdown(400_000, 3), 'markdown');
    const older = lints.lint('file:///draft.md', linter, 'Keytruda.\n', 'markdown');
    const newer = lints.lint('file:///draft.md', linter, DRAFT, 'markdown');
    assert.equal(await older, undefined);
    assert.deepEqual((await newer)?.findings, linter.lint(DRAFT));
    assert.ok(await busy);
    assert.deepEqual(lints.cancelled, { dropped: 1, abandoned: 0 });
  });

  it('abandons a running lint overtaken by a newer version, restarting the worker with its linters', async () => {
    const { pool: lints, started } = pool(0);
    const older = lints.lint('file:///draft.md', linter, generateMarkdown(2_000_000, 5), 'markdown');
    const newer = lints.lint('file:///draft.md', linter, DRAFT, 'markdown');
    assert.equal(await older, undefined);
    assert.deepEqual((await newer)?.findings, linter.lint(DRAFT));
    assert.deepEqual(lints.cancelled, { dropped: 0, abandoned: 1 });
    assert.equal(started(), 2);
  });
});
