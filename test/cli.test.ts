import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import sarifSchema from './fixtures/sarif-2.1.0-rtm.5.json';
import { createReporter, formatReport } from '../src/cli/format';
import { lintFile, type FileOutcome, type LintJob } from '../src/cli/lintFile';
import { lintInPool } from '../src/cli/threadPool';
import { threadsFor } from '../src/cli/threads';
import type { Finding } from '../src/core/types';
import { Project } from '../src/node/project';
import { builtinCorpus, linter, ROOT } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function folder(files: Record<string, string | Buffer> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'medlint-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const CLEAN = [
  '# Checkpoint inhibitors in melanoma',
  '',
  'Programmed cell death protein 1 (PD-1) is a receptor on T cells. Pembrolizumab, an anti–PD-1 antibody,',
  'blocks PD-1 and restores T-cell activity [1].',
  '',
  'Immune-related adverse events (irAEs) occur in some patients with melanoma (Smith et al., 2020); most irAEs are mild.',
  '',
  '```',
  'Keytruda cures cancer patients',
  '```',
  '',
].join('\n');

describe('medlint CLI (built bundle)', function () {
  before(() => assert.ok(existsSync(CLI), 'run npm run build first'));

  it('reports the misnomers and "cancer patients" in a real draft', function () {
    if (!existsSync(SEEDS)) this.skip();
    const dir = folder();
    copyFileSync(join(SEEDS, '003_93f5c97bdb2aa39c.txt'), join(dir, 'draft.md'));
    const { code, stdout } = run(['check', 'draft.md', '--format', 'json'], dir);
    const rows = JSON.parse(stdout) as { rule: string; message: string; explanation?: string }[];
    assert.equal(code, 1);
    const misnomers = rows.filter((row) => row.rule === 'misnomer');
    // Short, action-first rows; the why is one field beside them, not repeated in every row.
    assert.deepEqual(misnomers.map((row) => row.message), [
      'Use "immunotherapy", not "autoimmune therapy".', 'Use "immunotherapy", not "autoimmune therapy".', 'Use "immunotherapy", not "Autoimmune therapy".',
      'Use "immunotherapy", not "Autoimmune therapy".', 'Use "cancer immunotherapies", not "autoimmune cancer therapies".', 'Use "immunotherapy", not "autoimmune therapy".',
      'Use "immunotherapy", not "autoimmune therapy".', 'Use "immunotherapy", not "autoimmune therapy".', 'Use "immunotherapies", not "autoimmune therapies".',
      'Use "immunotherapy", not "autoimmune therapy".',
    ]);
    assert.deepEqual([...new Set(misnomers.map((row) => row.explanation))], ['Immunotherapy strengthens the immune response against cancer; autoimmunity (immune-related adverse events) is a side effect, not the mechanism.']);
    assert.ok(rows.some((row) => row.rule === 'person-first' && row.message === 'Use "patients with cancer", not "cancer patients".'));
  });

  it('reports nothing on clean prose and exits 0', () => {
    const dir = folder({ 'clean.md': CLEAN });
    assert.deepEqual(run(['check', 'clean.md'], dir), { code: 0, stdout: '', stderr: '' });
  });

  it('says once, on standard error, that a part past the parse budget was read as plain text', () => {
    const soup = '*_a_* **_b '.repeat(100);
    const dir = folder({ 'soup.md': `# Title\n\n${soup}\n\n${soup}\n` });
    const { code, stdout, stderr } = run(['check', 'soup.md', '--format', 'json'], dir);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), []);
    assert.equal(
      stderr,
      'medlint: soup.md:3:1: Read as plain text, not Markdown (2 parts, the first at lines 3-3): too much inline markup (*, _, `, <, [) in one paragraph to parse in time. Findings there are still placed exactly, but code and links in it are read as prose.\n',
    );
  });

  it('prints JSON rows with 1-based, end-exclusive UTF-16 columns and fixes', () => {
    const dir = folder({ 'docs/a.md': '😀 Keytruda\r\nis given.\n' });
    const { code, stdout } = run(['check', '--format', 'json'], dir);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), [
      {
        file: 'docs/a.md', line: 1, column: 4, endLine: 1, endColumn: 12, rule: 'brand-name', severity: 'warning',
        message: '"Keytruda" is a brand name: use the generic name "pembrolizumab".',
        fix: { line: 1, column: 4, endLine: 1, endColumn: 12, text: 'pembrolizumab', safe: false },
      },
    ]);
  });

  it('prints why under each problem with --explain, and only then', () => {
    const dir = folder({ 'a.md': 'Autoimmune therapy works.\n' });
    const row = '  1:1  error    Use "immunotherapy", not "Autoimmune therapy".  misnomer';
    const why = '                Immunotherapy strengthens the immune response against cancer; autoimmunity (immune-related adverse events) is a side effect, not the mechanism.';
    assert.equal(run(['check', 'a.md', '--explain'], dir).stdout, ['a.md', row, why, '', '✖ 1 problem (1 error, 0 warnings)', ''].join('\n'));
    assert.equal(run(['check', 'a.md'], dir).stdout, ['a.md', row, '', '✖ 1 problem (1 error, 0 warnings)', ''].join('\n'));
  });

  it('prints a stylish report with a summary', () => {
    const dir = folder({ 'a.md': 'Ipilimumab blocks PD-1.\n' });
    const { code, stdout } = run(['check', 'a.md'], dir);
    assert.equal(code, 1);
    assert.equal(
      stdout,
      [
        'a.md',
        '  1:19  warning  "PD-1" is not defined and not used again: write "programmed cell death protein 1".  undefined-abbreviation',
        '  1:19  error    "Ipilimumab" does not target PD-1: the corpus lists ipilimumab as targeting CTLA-4 (FDA label: YERVOY (ipilimumab)).  contradiction',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '  1 problem is fixable with --fix',
        '',
      ].join('\n'),
    );
  });

  it('writes SARIF 2.1.0 that validates against the schema', () => {
    const dir = folder({ 'a.md': 'Keytruda cures cancer patients.\n' });
    const { stdout } = run(['check', 'a.md', '--format', 'sarif'], dir);
    const sarif = JSON.parse(stdout);
    const validate: ((data: unknown) => boolean) & { errors?: unknown } = new AjvDraft04({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(sarifSchema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors));
    assert.ok(!validate({ ...sarif, version: '2.0.0' }), 'the validator rejects a wrong version');
    assert.deepEqual(sarif.runs[0].results.map((result: { ruleId: string; level: string }) => `${result.ruleId}:${result.level}`), ['brand-name:warning', 'overclaim:warning', 'person-first:warning']);
    assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation, { artifactLocation: { uri: 'a.md' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 9 } });
  });

  it('writes a Markdown summary for a pull request comment', () => {
    const dir = folder({ 'a draft.md': 'Keytruda is an autoimmune therapy | that blocks PD-1.\n', 'b.md': '# Clean\n\nNothing to report.\n' });
    const { code, stdout } = run(['check', 'a draft.md', 'b.md', '--format', 'markdown'], dir);
    assert.equal(code, 1);
    const rows = JSON.parse(run(['check', 'a draft.md', '--format', 'json'], dir).stdout) as { message: string }[];
    assert.deepEqual(
      rows.map((row) => row.message.includes('|') || row.message.includes('<')),
      [false, false, false],
      'the messages themselves need no escaping; the pipe in the draft stays out of them',
    );
    assert.equal(
      stdout,
      [
        '### medlint: 3 problems (1 error, 2 warnings) in 2 files',
        '',
        '1 problem is fixable with `medlint check --fix`.',
        '',
        '#### `a draft.md`',
        '',
        '| Line | Severity | Problem | Rule |',
        '| ---: | --- | --- | --- |',
        `| 1:1 | ⚠️ warning | ${rows[0]!.message} | \`brand-name\` |`,
        `| 1:16 | 🛑 error | ${rows[1]!.message} | \`misnomer\` |`,
        `| 1:49 | ⚠️ warning | ${rows[2]!.message} *(fixable)* | \`undefined-abbreviation\` |`,
        '',
      ].join('\n'),
    );
    assert.equal(run(['check', 'b.md', '--format', 'markdown'], dir).stdout, '### medlint: no problems in 1 file ✅\n');
  });

  it('escapes what would break the Markdown summary\'s table: pipes, HTML and line breaks', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const finding = { ruleId: 'overclaim', severity: 'info', message: 'a|b <sup>c</sup>\nd \\', range, start: 0, end: 1 } as unknown as Finding;
    assert.equal(formatReport('markdown', [{ file: 'x|y.md', findings: [finding] }]).split('\n')[6], '| 1:1 | ℹ️ info | a\\|b &lt;sup>c&lt;/sup> d \\\\ | `overclaim` |');
    assert.equal(formatReport('markdown', [{ file: 'x|y.md', findings: [finding] }]).split('\n')[2], '#### `x\\|y.md`');
  });

  it('applies the safe fixes in place with --fix, keeping a BOM, says what it did and reports what is left', () => {
    const dir = folder({ 'a.md': '\ufeffCancer patients on Keytruda.\r\nPD1 and Her2 were measured; it cures.\r\n' });
    const { code, stdout, stderr } = run(['check', 'a.md', '--fix', '--format', 'json'], dir);
    assert.equal(code, 0);
    assert.equal(
      readFileSync(join(dir, 'a.md'), 'utf8'),
      '\ufeffCancer patients on Keytruda.\r\nProgrammed cell death protein 1 (PD-1) and human epidermal growth factor receptor 2 (HER2) were measured; it cures.\r\n',
    );
    assert.equal(stderr, 'medlint: a.md: Fixed 2 problems (preferred-term 2). 2 fixes change the meaning: apply them one by one (person-first 1, brand-name 1).\n');
    assert.deepEqual(JSON.parse(stdout).map((row: { rule: string }) => row.rule), ['person-first', 'brand-name', 'overclaim']);
  });

  it('--fix never applies a misnomer fix, which can make a correct sentence wrong', () => {
    const dir = folder({ 'a.md': 'Autoimmune therapy is a subset of immunotherapy.\n' });
    const { stderr } = run(['check', 'a.md', '--fix'], dir);
    assert.equal(readFileSync(join(dir, 'a.md'), 'utf8'), 'Autoimmune therapy is a subset of immunotherapy.\n');
    assert.equal(stderr, 'medlint: a.md: Nothing to fix safely. 1 fix changes the meaning: apply it one by one (misnomer 1).\n');
  });

  it('exits 1 when warnings exceed --max-warnings', () => {
    const dir = folder({ 'a.md': 'Keytruda and Opdivo.\n' });
    assert.equal(run(['check', 'a.md', '--max-warnings', '2'], dir).code, 0);
    const { code, stderr } = run(['check', 'a.md', '--max-warnings', '1'], dir);
    assert.equal(code, 1);
    assert.equal(stderr, 'medlint: 2 warnings, more than --max-warnings 1\n');
  });

  it('lints Markdown under folders and globs (the current folder by default), skipping node_modules and .git', () => {
    const dir = folder({ 'a.md': 'Keytruda.', 'sub/b.markdown': 'Keytruda.', 'sub/c.txt': 'Keytruda.', 'node_modules/x/d.md': 'Keytruda.', '.git/e.md': 'Keytruda.' });
    const files = (args: string[]) => [...new Set(JSON.parse(run(['check', ...args, '--format', 'json'], dir).stdout).map((row: { file: string }) => row.file))];
    assert.deepEqual(files([]), ['a.md', 'sub/b.markdown']);
    assert.deepEqual(files(['.']), ['a.md', 'sub/b.markdown']);
    assert.deepEqual(files(['sub/*.txt']), ['sub/c.txt']);
  });

  it('follows .medlintrc.json: severities and ignore globs', () => {
    const dir = folder({ '.medlintrc.json': '{ "rules": { "brand-name": "error" }, "ignore": ["old/**"] }', 'a.md': 'Keytruda.', 'old/b.md': 'Keytruda.' });
    const { code, stdout } = run(['check', '--format', 'json'], dir);
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(stdout).map((row: { file: string; severity: string }) => `${row.file}:${row.severity}`), ['a.md:error']);
  });

  it('reports a broken config by file and line, still lints, and exits 2', () => {
    const dir = folder({ 'custom.json': '{\n  "rules": { "brand-name": "loud" }\n}', 'a.md': 'Keytruda.' });
    const { code, stdout, stderr } = run(['check', 'a.md', '--config', 'custom.json', '--format', 'json'], dir);
    assert.equal(code, 2);
    assert.equal(stderr, 'medlint: custom.json:2:28: rules.brand-name: must be one of off, hint, info, warning, error\n');
    assert.equal(JSON.parse(stdout).length, 1);
  });

  it('lints on worker threads (--jobs) exactly as on one, in file order, each config problem once', () => {
    const drafts = ['Keytruda is an autoimmune therapy.', 'PD-1 and Her2 were measured.', 'Programmed cell death protein 1 (PD-1) is a receptor.', 'Cancer patients took Opdivo.'];
    const files: Record<string, string | Buffer> = { '.medlintrc.json': '{\n  "rules": { "brand-name": "loud" },\n  "ignore": ["old/**"]\n}', 'old/x.md': 'Keytruda.', 'bin.md': Buffer.from([0x89, 0x00]) };
    for (let index = 0; index < 70; index++) files[`drafts/d${String(index).padStart(2, '0')}.md`] = `# Draft ${index}\n\n${drafts[index % drafts.length]}\n`;
    const dir = folder(files);
    for (const format of ['json', 'stylish', 'sarif', 'markdown']) {
      const one = run(['check', '.', '--format', format, '--jobs', '1'], dir);
      const two = run(['check', '.', '--format', format, '--jobs', '2'], dir);
      assert.deepEqual(two, one, format);
    }
    const { code, stdout, stderr } = run(['check', '.', '--format', 'json', '--jobs', '3'], dir);
    assert.equal(code, 2);
    assert.equal(stderr, 'medlint: skipped bin.md: binary file\nmedlint: .medlintrc.json:2:28: rules.brand-name: must be one of off, hint, info, warning, error\n');
    const rows = JSON.parse(stdout) as { file: string }[];
    // Every draft but the clean one in four has findings; files come in order whichever thread linted them.
    const withFindings = Array.from({ length: 70 }, (_, index) => index).filter((index) => index % drafts.length !== 2);
    // A broken config falls back to the defaults, its ignore globs included.
    assert.deepEqual([...new Set(rows.map((row) => row.file))], [...withFindings.map((index) => `drafts/d${String(index).padStart(2, '0')}.md`), 'old/x.md']);
    assert.equal(run(['check', '--jobs', '0'], dir).code, 2);
  });

  describe('a worker that runs out of memory', () => {
    /**
     * Lints 40 drafts on this thread and one worker, the built CLI, whose heap is made too small for
     * a 2 MB draft at `bigAt`; with `outputFullUntilWorkerEnds`, standard output stays full (the
     * pool's `drained` wait) until the worker has ended. Resolves to what was reported, what one
     * thread reports for the same files, and how the worker ended.
     */
    async function lintWithTooSmallWorker(bigAt: number, outputFullUntilWorkerEnds: boolean) {
      const dir = folder({});
      const files = Array.from({ length: 40 }, (_, index) => join(dir, `d${String(index).padStart(2, '0')}.md`));
      files.forEach((file, index) => writeFileSync(file, `# Draft ${index}\n\nKeytruda is an autoimmune therapy. PD-1 and Her2 were measured.\n`));
      writeFileSync(files[bigAt]!, 'Pembrolizumab, an anti-PD-1 antibody, blocks PD-1 [1]. Keytruda cures cancer.\n\n'.repeat(25_000));
      const job: LintJob = { fix: false, report: { format: 'json', version: '0', color: false } };
      const project = new Project(builtinCorpus(), { reuseChunks: false });
      const reporter = createReporter('json', job.report);
      const local = { lint: (file: string) => lintFile(project, file, job, reporter), problems: () => project.problems };
      const expected = files.map(local.lint);
      const reported: FileOutcome[] = [];
      const workerErrors: string[] = [];
      let full: Promise<void> | undefined;
      let workerEnded = () => {};
      if (outputFullUntilWorkerEnds) full = new Promise((resolve) => (workerEnded = () => setTimeout(resolve, 50)));
      const watch = (worker: import('node:worker_threads').Worker) =>
        worker.on('error', (error: NodeJS.ErrnoException) => {
          workerErrors.push(error.code ?? error.message);
          workerEnded();
        });
      process.on('worker', watch);
      try {
        const workers = { script: join(ROOT, 'dist', 'medlint-cli.js'), workerData: { medlintLintWorker: job }, limits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 24 } };
        void full?.then(() => (full = undefined));
        const problems = await lintInPool(files, 2, workers, local, (outcome) => reported.push(outcome), () => full);
        return { problems, reported, expected, workerErrors };
      } finally {
        process.off('worker', watch);
      }
    }

    const cases = [
      // The first batch goes to the worker, with the 2 MB draft in it.
      { title: 'leaves its batches to this thread, which reports every file in order', bigAt: 3, outputFullUntilWorkerEnds: false },
      // The worker answers its first batch while standard output is full, and runs out of memory on
      // its second, holding the 2 MB draft; the batch it would have been sent once the output drained
      // is this thread's.
      { title: 'is sent no batch once it has ended, though its next batch waited for standard output', bigAt: 11, outputFullUntilWorkerEnds: true },
    ];
    for (const { title, bigAt, outputFullUntilWorkerEnds } of cases) {
      it(title, async function () {
        this.timeout(120_000);
        const { problems, reported, expected, workerErrors } = await lintWithTooSmallWorker(bigAt, outputFullUntilWorkerEnds);
        assert.deepEqual(workerErrors, ['ERR_WORKER_OUT_OF_MEMORY']);
        assert.deepEqual(problems, []);
        assert.deepEqual(reported, expected);
      });
    }
  });

  it('lints on as many threads as --jobs allows, this one included, with 16 files or more for each', () => {
    assert.deepEqual(
      [threadsFor(1000, 2), threadsFor(72, 3), threadsFor(40, 4), threadsFor(31, 2), threadsFor(32, 2), threadsFor(1000, 1)],
      [2, 3, 2, 1, 2, 1],
    );
  });

  for (const jobs of ['1', '2']) {
    it(`waits for a reader that has stopped reading before linting more files (--jobs ${jobs}), and writes the whole report when it reads`, async function () {
      this.timeout(60_000);
      // Each file's JSON report (200 findings, about 66 KB) fills a pipe; --fix shows which files were linted.
      const count = 120;
      const draft = `# Draft\n\nT-cells matter.\n\n${'Studies have shown that nivolumab works in melanoma. '.repeat(200)}\n`;
      const dir = folder(Object.fromEntries(Array.from({ length: count }, (_, index) => [`d${String(index).padStart(2, '0')}.md`, draft])));
      const fixed = () => Array.from({ length: count }, (_, index) => readFileSync(join(dir, `d${String(index).padStart(2, '0')}.md`), 'utf8')).filter((text) => text.includes('T cells')).length;
      const child = spawn(process.execPath, [CLI, 'check', '.', '--format', 'json', '--fix', '--jobs', jobs], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      child.stdout.pause();
      // Linted files stop growing in number while nobody reads: it has stopped, not finished.
      let stopped = -1;
      for (let polls = 0, unchanged = 0, last = -1; polls < 300 && unchanged < 10; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const now = fixed();
        unchanged = now === last ? unchanged + 1 : 0;
        last = now;
        stopped = now;
      }
      assert.ok(stopped < count / 2, `linted ${stopped} of ${count} files with nobody reading`);
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stdout.resume();
      const code = await new Promise((resolve) => child.on('close', resolve));
      assert.equal(code, 0);
      const rows = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { rule: string }[];
      assert.equal(rows.length, count * 200);
      assert.equal(fixed(), count);
    });
  }

  it('reads a draft from a named pipe, whose size is known only once it is read, to its end', async function () {
    // Windows has no mkfifo.
    if (process.platform === 'win32') this.skip();
    const dir = folder({});
    const pipe = join(dir, 'draft.md');
    assert.equal(spawnSync('mkfifo', [pipe]).status, 0);
    // 216 KB: more than the buffer reads reuse, which a pipe's size of 0 does not grow ahead of time.
    const sentence = 'The tumour shrank in most patients. ';
    const writer = spawn(process.execPath, ['-e', `require('node:fs').writeFileSync(${JSON.stringify(pipe)}, '# Draft\\n\\n' + ${JSON.stringify(sentence)}.repeat(6000) + 'Pembrolizumab is an autoimmune therapy.\\n')`]);
    const writerClosed = new Promise((resolve) => writer.on('close', resolve));
    try {
      const { code, stdout } = run(['check', 'draft.md', '--format', 'json'], dir);
      assert.equal(code, 1);
      const rows = JSON.parse(stdout) as { line: number; column: number; rule: string }[];
      assert.deepEqual(rows.map((row) => [row.rule, row.line, row.column]), [['misnomer', 3, sentence.length * 6000 + 'Pembrolizumab is an '.length + 1]]);
    } finally {
      // A writer the CLI never read from would wait on the pipe for ever.
      writer.kill();
      await writerClosed;
    }
  });

  it('skips binary and non-UTF-8 files with a message', () => {
    const dir = folder({ 'bin.md': Buffer.from([0x89, 0x50, 0x00, 0x01]), 'latin1.md': Buffer.from([0x43, 0x61, 0x66, 0xe9]), 'a.md': 'Fine.' });
    const { code, stderr } = run(['check', '.'], dir);
    assert.equal(code, 0);
    assert.equal(stderr, 'medlint: skipped bin.md: binary file\nmedlint: skipped latin1.md: not UTF-8 text\n');
  });

  it('exits 2 on usage errors', () => {
    const dir = folder();
    assert.deepEqual(run(['check', 'missing.md'], dir), { code: 2, stdout: '', stderr: 'medlint: no such file or folder: missing.md\nRun "medlint --help" for usage.\n' });
    assert.equal(run(['check', '--format', 'xml'], dir).code, 2);
    assert.equal(run(['frobnicate'], dir).code, 2);
  });

  it('defines a term with the same card the hover shows', () => {
    const dir = folder();
    const { code, stdout } = run(['define', 'Keytruda'], dir);
    assert.equal(code, 0);
    const entry = linter().define('pembrolizumab')!;
    assert.equal(stdout, `${linter().card(entry)}\n`);
    assert.match(stdout, /^\*\*pembrolizumab\*\* \*\(drug\)\*\n\nA humanised IgG4 monoclonal antibody/);
  });

  it('exits 2 for an unknown term', () => {
    const { code, stderr } = run(['define', 'unobtainium'], folder());
    assert.equal(code, 2);
    assert.equal(stderr, 'medlint: "unobtainium" is not in the corpus. Try the abbreviation, full term or brand name; medlint define accepts any of them.\n');
  });
});

describe('medlint terms (built bundle)', () => {
  const TEAM_DRUG = 'term: examplumab\ncategory: drug\ndefinition: A made-up antibody used only in tests.\nbrands: [Exampla]\ntargets: [pd-1]\nclasses: [monoclonal-antibody]\nsources: [{name: "Test label"}]\n';

  it('lists the corpus as a table, by category, and as JSON', () => {
    const dir = folder();
    const all = run(['terms', 'list'], dir);
    assert.equal(all.code, 0);
    const lines = all.stdout.split('\n');
    assert.match(lines[0]!, /^ID +ABBREVIATION +CATEGORY +TERM$/);
    assert.ok(lines.some((line) => /^pd-1 +PD-1 +receptor +programmed cell death protein 1$/.test(line)));
    assert.equal(lines.at(-2), `${linter().entries().length} entries`);
    const drugs = run(['terms', 'list', '--category', 'drug', '--format', 'json'], dir);
    const ids = (JSON.parse(drugs.stdout) as { id: string; category: string }[]).map((entry) => entry.id);
    assert.ok(ids.includes('pembrolizumab') && ids.includes('talimogene-laherparepvec') && !ids.includes('pd-1'));
    assert.equal(run(['terms', 'list', '--category', 'gadget'], dir).code, 2);
  });

  it("includes the team's terms from the nearest config", () => {
    const dir = folder({ '.medlintrc.json': '{ "terms": ["team"] }', 'team/examplumab.yaml': TEAM_DRUG });
    assert.match(run(['terms', 'list', '--category', 'drug'], dir).stdout, /^examplumab +drug +examplumab$/m);
  });

  it('shows an entry as its term file holds it, by id or any name', () => {
    const dir = folder();
    const shown = run(['terms', 'show', 'Opdualag'], dir);
    assert.equal(shown.code, 0);
    assert.match(shown.stdout, /^# relatlimab\.yaml\nterm: relatlimab\ncategory: drug\n/);
    assert.match(shown.stdout, /^brands:\n  - text: Opdualag\n    use: nivolumab and relatlimab\n/m);
    assert.deepEqual(run(['terms', 'show', 'unobtainium'], dir), { code: 2, stdout: '', stderr: 'medlint: "unobtainium" is not in the corpus. Run "medlint terms list" to see the entries.\n' });
  });

  it("validates a team's folder with file:line:column problems, against the built-in corpus", () => {
    const dir = folder({
      'team/examplumab.yaml': TEAM_DRUG.replace('[Exampla]', '[Keytruda]').replace('[pd-1]', '[pd-1, nowhere]'),
      'team/bad.yaml': 'term: bad\ncategory: receptr\ndefinition: A definition long enough.\nsources: [{name: NCI}]\n',
      'team/claims/hype.yaml': 'rule: overclaim\nexplanation: Hype is not evidence.\nphrases: [game-changing]\n',
    });
    const { code, stdout } = run(['terms', 'validate', 'team'], dir);
    assert.equal(code, 1);
    assert.equal(
      stdout,
      [
        'team/bad.yaml:2:11: category: must be one of "receptor", "ligand", "antigen", "gene", "protein", "drug", "drug-class", "therapy", "cell", "process", "adverse-event", "disease", "virus", "biomarker", "measure"',
        'team/examplumab.yaml:4:10: brand "Keytruda" is also the brand of "pembrolizumab"',
        'team/examplumab.yaml:5:17: targets names "nowhere", which is not in the corpus',
        '',
        '✖ 3 problems in 2 term files and 1 claim file in team',
        '',
      ].join('\n'),
    );
  });

  it('says a valid folder has no problems, and exits 2 for a missing one', () => {
    const dir = folder({ 'team/examplumab.yaml': TEAM_DRUG });
    assert.deepEqual(run(['terms', 'validate', 'team'], dir), { code: 0, stdout: '1 term file and 0 claim files in team: no problems\n', stderr: '' });
    assert.equal(run(['terms', 'validate', 'missing'], dir).code, 2);
    assert.equal(run(['terms'], dir).code, 2);
  });
});

describe('medlint CLI: no network, no code, no writes unasked', () => {
  it('reads a config and term files that point at the web without reaching it, runs no code from YAML, and changes no file', () => {
    const dir = folder({
      '.medlintrc.json': '{ "$schema": "https://example.org/medlintrc.schema.json", "terms": ["team"] }',
      'team/examplumab.yaml': 'term: examplumab\ncategory: drug\ndefinition: A made-up antibody used only in tests.\nbrands: [Exampla]\ntargets: [pd-1]\nclasses: [monoclonal-antibody]\nsources: [{name: "Label", url: "https://example.org/label"}]\n',
      'team/evil.yaml': 'term: !!js/function "function () { require(\'fs\').writeFileSync(\'pwned\', \'x\') }"\ncategory: process\ndefinition: !!js/eval "process.exit(9)"\nsources: [{name: NCI}]\n',
      'draft.md': 'Exampla and Keytruda were given; see [the label](https://example.org/label).\n',
    });
    const before = new Map(['.medlintrc.json', 'team/examplumab.yaml', 'team/evil.yaml', 'draft.md'].map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
    const log = join(dir, 'network.log');
    const result = spawnSync(process.execPath, ['--require', join(ROOT, 'test', 'fixtures', 'no-network.cjs'), CLI, 'check', 'draft.md', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', MEDLINT_NETWORK_LOG: log },
    });
    assert.equal(existsSync(log), false, existsSync(log) ? readFileSync(log, 'utf8') : '');
    assert.equal(existsSync(join(dir, 'pwned')), false);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(
      result.stderr,
      'medlint: team/evil.yaml:1:7: invalid YAML: Unresolved tag: tag:yaml.org,2002:js/function\nmedlint: team/evil.yaml:3:13: invalid YAML: Unresolved tag: tag:yaml.org,2002:js/eval\n',
    );
    const rules = (JSON.parse(result.stdout) as { rule: string; message: string }[]).map((row) => `${row.rule}: ${row.message}`);
    assert.deepEqual(rules, [
      'brand-name: "Exampla" is a brand name: use the generic name "examplumab".',
      'brand-name: "Keytruda" is a brand name: use the generic name "pembrolizumab".',
    ]);
    for (const [file, text] of before) assert.equal(readFileSync(join(dir, file), 'utf8'), text, file);
  });
});


describe('medlint abbreviations and documents in several files (issue #17, built bundle)', () => {
  const book = {
    '_quarto.yml': 'project:\n  type: book\nbook:\n  title: Report\n  chapters:\n    - index.md\n    - part: Methods\n      chapters:\n        - chapters/methods.md\n    - chapters/results.md\n',
    'index.md': '# Introduction\n\nThe ITT set was used. The ITT set grew.\n',
    'chapters/methods.md': '# Methods\n\nNext-generation sequencing (NGS) was done. Intention to treat (ITT) applied.\n',
    'chapters/results.md': '# Results\n\nNGS found KRAS. The ITT population grew. Next-generation sequencing (NGS) agreed.\n',
  };

  it('checks a Quarto book\'s chapters as one document, in their order', () => {
    const { code, stdout } = run(['check', '.'], folder(book));
    assert.equal(code, 0);
    assert.equal(
      stdout,
      [
        'chapters/results.md',
        '  3:42  warning  "NGS" is already defined in chapters/methods.md, on line 3: write "NGS".  abbreviation-redefined',
        '',
        'index.md',
        '  3:5  warning  "ITT" is used before its definition in chapters/methods.md, on line 3: define it here.  abbreviation-defined-late',
        '',
        '✖ 2 problems (0 errors, 2 warnings)',
        '  1 problem is fixable with --fix',
        '',
      ].join('\n'),
    );
  });

  it('takes the order from the config\'s documents, where a chapter alone would be wrong', () => {
    const dir = folder({
      '.medlintrc.json': JSON.stringify({ documents: ['one.md', 'two.md'] }),
      'one.md': 'Next-generation sequencing (NGS) was done.\n',
      'two.md': 'NGS found KRAS; NGS agreed.\n',
    });
    assert.equal(run(['check', 'two.md'], dir).stdout, '');
    assert.match(run(['check', 'one.md'], dir).stdout, /^$/);
    const alone = folder({ 'two.md': 'NGS found KRAS; NGS agreed.\n' });
    assert.match(run(['check', 'two.md'], alone).stdout, /"NGS" is not defined at first use: write the term in full, followed by "\(NGS\)"\./);
  });

  it('asks for the abbreviation where a later file writes out a term an earlier file abbreviated', () => {
    const dir = folder({
      '.medlintrc.json': JSON.stringify({ documents: ['one.md', 'two.md'] }),
      'one.md': 'Next-generation sequencing (NGS) was done. Adverse events (AEs) were mild.\n',
      'two.md': '# Next-generation sequencing\n\nBy next-generation sequencing, KRAS was found. Adverse events were rare; NGS agreed.\n',
    });
    const { stdout } = run(['check', 'two.md', '--format', 'json'], dir);
    const rows = (JSON.parse(stdout) as { line: number; column: number; rule: string; message: string; fix?: { text: string } }[]).map((row) => `${row.line}:${row.column} ${row.rule} ${row.message} → ${row.fix?.text}`);
    assert.deepEqual(rows, [
      '3:4 expanded-after-definition Write "NGS": "next-generation sequencing" is abbreviated in one.md from line 1 on. → NGS',
      '3:48 expanded-after-definition Write "AEs": "Adverse events" is abbreviated in one.md from line 1 on. → AEs',
    ]);
    // Alone, or first, a file's terms are its own to write out.
    assert.equal(run(['check', 'two.md', '--format', 'json'], folder({ 'two.md': 'By next-generation sequencing, KRAS was found.\n' })).stdout.trim(), '[]');
  });

  it('lists a document\'s abbreviations as a Markdown table or JSON, and names the undefined ones', () => {
    const dir = folder({ 'paper.md': '## Abstract\n\nNext-generation sequencing (NGS) helped; NGS is fast.\n\n## Methods\n\nNGS and IHC were done.\n' });
    const table = run(['abbreviations', 'paper.md'], dir);
    assert.equal(table.code, 0);
    assert.equal(table.stdout, '| Abbreviation | Definition |\n| --- | --- |\n| IHC | **not defined in the document** |\n| NGS | next-generation sequencing |\n');
    assert.equal(table.stderr, 'medlint: paper.md: used but not defined: IHC\n');
    const json = run(['abbreviations', '--by-scope', '--format', 'json', 'paper.md'], dir);
    assert.deepEqual(JSON.parse(json.stdout), [
      {
        file: 'paper.md',
        abbreviations: [
          { abbreviation: 'NGS', expansion: 'next-generation sequencing', ambiguous: false, status: 'defined', scope: 'the abstract' },
          { abbreviation: 'IHC', expansion: '', ambiguous: false, status: 'undefined', scope: 'the body' },
          { abbreviation: 'NGS', expansion: 'next-generation sequencing', ambiguous: false, status: 'undefined', scope: 'the body' },
        ],
      },
    ]);
    assert.equal(json.stderr, 'medlint: paper.md: used but not defined: IHC in the body, NGS in the body\n');
    assert.equal(run(['abbreviations'], dir).code, 2);
  });
});

describe('Quarto, R Markdown and Pandoc documents (issue #18, built bundle)', () => {
  it('checks .qmd, .Rmd and .Rmarkdown files in a folder, reading code chunks as code and citations as evidence', () => {
    const chunk = '```{r}\n#| label: fig-km\n# Keytruda cures cancer\nplot(fit)\n```\n';
    const dir = folder({
      'paper.qmd': `Studies have shown a benefit [@smith2020]. See @fig-km.\n\n${chunk}`,
      'analysis.Rmd': `Studies have shown a benefit.\n\n${chunk}`,
      'notes.Rmarkdown': 'Keytruda was given.\n',
      'data.txt': 'Keytruda was given.\n',
    });
    const { stdout } = run(['check', '.', '--format', 'json'], dir);
    const rows = (JSON.parse(stdout) as { file: string; line: number; column: number; rule: string }[]).map((row) => `${row.file}:${row.line}:${row.column} ${row.rule}`);
    assert.deepEqual(rows, ['analysis.Rmd:1:1 unsupported-claim', 'notes.Rmarkdown:1:1 brand-name']);
  });

  it('checks the example Quarto manuscript against its BibLaTeX and CSL-JSON bibliographies', () => {
    const { code, stdout, stderr } = run(['check', 'examples/quarto-manuscript'], ROOT);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.equal(
      stdout,
      [
        'examples/quarto-manuscript/manuscript.qmd',
        '  30:15  error    "robert2016" is not in the bibliography: did you mean "robert2015"?  unknown-citation',
        '  31:86  warning  No figure is labelled "fig-survival" in the document: label it {#fig-survival} (or `#| label: fig-survival` in its code chunk), or correct the reference.  unknown-crossref',
        '  34:1   warning  Cite a source for "Studies have shown" in this sentence.  unsupported-claim',
        '  37:20  warning  "PD-L1" is not defined and not used again: write "programmed death-ligand 1".  undefined-abbreviation',
        '',
        '✖ 4 problems (1 error, 3 warnings)',
        '  1 problem is fixable with --fix',
        '',
      ].join('\n'),
    );
  });

  it('checks citations against front matter references: too, alone or beside a bibliography file', () => {
    const items = 'references:\n- id: fda2023\n  type: report\n  title: Prescribing information\n';
    const dir = folder({
      'refs.bib': '@article{robert2015, title = {Nivolumab in Previously Untreated Melanoma}, year = 2015}\n',
      'paper.qmd': `---\nbibliography: refs.bib\n${items}---\n\nSurvival improved [@robert2015; @fda2023].\n`,
      'leaflet.md': `---\n${items}---\n\nAs the label says [@fda2024].\n`,
    });
    const { code, stdout, stderr } = run(['check', '.'], dir);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.equal(stdout, ['leaflet.md', '  8:21  error    "fda2024" is not in the bibliography: did you mean "fda2023"?  unknown-citation', '', '✖ 1 problem (1 error, 0 warnings)', ''].join('\n'));
  });

  it('merges a Quarto project\'s bibliography as Quarto does: _quarto.yml\'s list, a folder\'s _metadata.yml, the front matter', () => {
    const dir = folder({
      '_quarto.yml': 'project:\n  type: website\nbibliography:\n  - shared.bib\n',
      'shared.bib': '@article{shared2020, title = {Shared}, year = 2020}\n',
      'chapters/_metadata.yml': 'references:\n- id: label2023\n  type: report\n  title: Label\n',
      'chapters/own.bib': '@article{own2021, title = {Own}, year = 2021}\n',
      'chapters/page.qmd': '---\nbibliography: own.bib\n---\n\nSee [@shared2020; @own2021; @label2023; @own2022].\n',
    });
    const { code, stdout, stderr } = run(['check', 'chapters/page.qmd'], dir);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.equal(stdout, ['chapters/page.qmd', '  5:42  error    "own2022" is not in the bibliography: did you mean "own2021"?  unknown-citation', '', '✖ 1 problem (1 error, 0 warnings)', ''].join('\n'));
  });

  it('names a bibliography it cannot read where the front matter names it, and exits 2', () => {
    const dir = folder({ 'paper.qmd': '---\nbibliography:\n  - missing.bib\n  - notes.txt\n---\n\nSurvival improved [@smith2020].\n' });
    const { code, stdout, stderr } = run(['check', 'paper.qmd'], dir);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'medlint: paper.qmd:3: missing.bib: no such file\nmedlint: paper.qmd:4: notes.txt: not a bibliography medlint reads: use .bib (BibLaTeX), .bibtex, .json (CSL-JSON), .yaml or .yml (CSL-YAML)\n');
  });

  it('finds cross-references across a Quarto book\'s chapters, and reports one no chapter labels', () => {
    const dir = folder({
      '_quarto.yml': 'project:\n  type: book\nbook:\n  chapters:\n    - index.qmd\n    - results.qmd\n',
      'index.qmd': '# Introduction {#sec-intro}\n\nSurvival is shown in @fig-km and @tbl-ae; methods in @sec-methods.\n',
      'results.qmd': '# Results\n\n![Kaplan-Meier estimates](km.png){#fig-km}\n\nSee @sec-intro.\n\n```{r}\n#| label: tbl-ae\nknitr::kable(ae)\n```\n',
    });
    assert.equal(
      run(['check', '.'], dir).stdout,
      [
        'index.qmd',
        '  3:55  warning  No section is labelled "sec-methods" in the document: label it {#sec-methods}, or correct the reference.  unknown-crossref',
        '',
        '✖ 1 problem (0 errors, 1 warning)',
        '',
      ].join('\n'),
    );
  });
});
