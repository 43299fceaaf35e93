import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { parse } from 'yaml';
import sarifSchema from './fixtures/sarif-2.1.0-rtm.5.json';
import { ROOT } from './helpers';
import { hasTool, packedTarball } from './packed';

const DRAFT = 'Keytruda is an autoimmune therapy.\n';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startColumn: number } } }[];
}

function project(files: Record<string, string>): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'medlint-recipe-')));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  return folder;
}

/**
 * The integration recipes the README gives, each run as its user would: the GitHub Actions workflow's
 * shell steps on a runner-like folder, the pre-commit hook through the pre-commit framework itself.
 */
describe('integration recipes', function () {
  this.timeout(600_000);

  describe('GitHub Actions workflow (examples/ci/github-workflow.yml)', () => {
    const workflow = parse(readFileSync(join(ROOT, 'examples', 'ci', 'github-workflow.yml'), 'utf8')) as {
      permissions: Record<string, string>;
      env: Record<string, string>;
      jobs: { medlint: { steps: Step[] } };
    };
    const steps = workflow.jobs.medlint.steps;

    /** Runs the workflow's shell steps in order, as the runner would, until one fails. */
    function runSteps(workspace: string): { failed?: string; summary: string } {
      const prefix = mkdtempSync(join(tmpdir(), 'medlint-global-'));
      const summary = join(workspace, '..', `${workspace.split('/').pop()}-summary.md`);
      writeFileSync(summary, '');
      const env = {
        ...process.env,
        ...workflow.env,
        MEDLINT: packedTarball(),
        GITHUB_STEP_SUMMARY: summary,
        npm_config_prefix: prefix,
        npm_config_offline: 'true',
        PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH}`,
      };
      for (const step of steps.filter((candidate) => candidate.run)) {
        const result = spawnSync('bash', ['-e', '-c', step.run!], { cwd: workspace, env, encoding: 'utf8' });
        if (result.status !== 0) return { failed: `${step.name}: ${result.stderr}`, summary: readFileSync(summary, 'utf8') };
      }
      return { summary: readFileSync(summary, 'utf8') };
    }

    it('installs medlint, writes SARIF that code scanning accepts and a job summary, and passes with findings', () => {
      const workspace = project({ 'draft.md': DRAFT });
      const { failed, summary } = runSteps(workspace);
      assert.equal(failed, undefined);
      const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
      assert.equal(upload?.if, 'always()', 'the upload runs even when linting failed');
      assert.equal(workflow.permissions['security-events'], 'write');
      const sarif = JSON.parse(readFileSync(join(workspace, upload!.with!.sarif_file as string), 'utf8')) as { runs: { results: SarifResult[] }[] };
      const validate = new AjvDraft04({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(sarifSchema);
      assert.ok(validate(sarif), JSON.stringify(validate.errors));
      assert.deepEqual(
        sarif.runs[0]!.results.map((result) => {
          const { artifactLocation, region } = result.locations[0]!.physicalLocation;
          return `${artifactLocation.uri}:${region.startColumn} ${result.ruleId}`;
        }),
        ['draft.md:1 brand-name', 'draft.md:16 misnomer'],
      );
      assert.match(summary, /^### medlint: 2 problems \(1 error, 1 warning\) in 1 file\n/);
    });

    it('fails the job on a configuration error', () => {
      const workspace = project({ 'draft.md': DRAFT, '.medlintrc.json': '{ "rules": { "misnomer": "loud" } }\n' });
      assert.match(runSteps(workspace).failed ?? '', /^Lint the drafts: /);
    });
  });

  describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
    it('fails a commit whose Markdown or Quarto has an error and names the finding; passes clean files and skips other text', function () {
      if (!hasTool('pre-commit')) this.skip();
      const repository = project({ 'draft.md': DRAFT, 'paper.qmd': DRAFT, 'notes.txt': DRAFT, 'clean.md': '# Notes\n\nNothing to report.\n' });
      const git = (...args: string[]) => assert.equal(spawnSync('git', args, { cwd: repository }).status, 0, `git ${args.join(' ')}`);
      git('init', '-q');
      git('add', '.');
      const home = mkdtempSync(join(tmpdir(), 'medlint-pre-commit-'));
      // try-repo installs the hook from this checkout, uncommitted changes included, exactly as from a
      // published repository; npm works from its cache (npm ci filled it), as nothing may download.
      const tryRepo = (files: string[]) =>
        spawnSync('pre-commit', ['try-repo', ROOT, 'medlint', '--files', ...files], {
          cwd: repository,
          encoding: 'utf8',
          env: { ...process.env, PRE_COMMIT_HOME: home, npm_config_offline: 'true', NO_COLOR: '1' },
        });
      const failing = tryRepo(['draft.md', 'paper.qmd', 'notes.txt', 'clean.md']);
      assert.equal(failing.status, 1, failing.stdout + failing.stderr);
      assert.match(failing.stdout, /^medlint\.+Failed$/m);
      assert.match(failing.stdout, /^ {2}1:16 {2}error {4}.*misnomer$/m);
      assert.match(failing.stdout, /^paper\.qmd$/m);
      assert.doesNotMatch(failing.stdout, /notes\.txt/);
      assert.match(failing.stdout, /✖ 4 problems \(2 errors, 2 warnings\)/);
      const passing = tryRepo(['clean.md']);
      assert.equal(passing.status, 0, passing.stdout + passing.stderr);
      assert.match(passing.stdout, /^medlint\.+Passed$/m);

      // The configuration the README tells users to copy is one pre-commit accepts.
      mkdirSync(join(repository, 'config'));
      const config = join(repository, 'config', '.pre-commit-config.yaml');
      writeFileSync(config, readFileSync(join(ROOT, 'examples', 'ci', 'pre-commit-config.yaml'), 'utf8'));
      const validated = spawnSync('pre-commit', ['validate-config', config], { encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: home } });
      assert.equal(validated.status, 0, validated.stdout + validated.stderr);
    });
  });
});
