import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../src/core/config';
import { formatProblem } from '../src/core/corpus/types';
import { PROFILE_SEVERITIES, resolveProfile } from '../src/core/profiles';
import { Project } from '../src/node/project';
import { builtinCorpus, linter, ROOT } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'medlint-profiles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const frontMatter = (profile: string) => `---\nmedlint: { profile: ${profile} }\n---\n`;
/** A leaflet sentence with an undefined abbreviation, a well-known one, an absolute claim and a term to explain. */
// The rules off in the professional profile (the default), on for some readers.
const STATISTICS = ['p-value-format', 'ci-format', 'number-style', 'unit-format', 'spin', 'statistic-consistency'];
const FOR_SOME_READERS_OFF = Object.fromEntries(['readability', 'jargon', ...STATISTICS, 'reference-order', 'uncited-reference'].map((id) => [id, 'off']));
const STATISTICS_ON = Object.fromEntries(STATISTICS.map((id) => [id, 'warning']));

const LEAFLET = 'Your medicine blocks PD-1. You will have a CT scan first. This medicine cures melanoma.\n';
const rulesAndSeverities = (findings: { ruleId: string; severity: string; message: string }[]) => findings.map((finding) => `${finding.ruleId} ${finding.severity}: ${finding.message.split(':')[0]}`);

describe('document profiles', () => {
  describe('built-in profiles as data', () => {
    it('professional is today\'s behaviour: the rules for some readers off, every other rule at its default', () => {
      const professional = resolveProfile('professional')!;
      assert.deepEqual(professional.builtinRules, { ...FOR_SOME_READERS_OFF });
      assert.equal(professional.audience, 'professional');
      assert.deepEqual(professional.abbreviations, {});
    });

    it('patient: readability and jargon on, abbreviations and claims at error, CT and MRI to be expanded, grade 8', () => {
      const patient = resolveProfile('patient')!;
      assert.deepEqual(patient.builtinRules, { ...FOR_SOME_READERS_OFF, readability: 'warning', jargon: 'warning', 'undefined-abbreviation': 'error', overclaim: 'error', 'unsupported-claim': 'error' });
      assert.equal(patient.label, 'Patient');
      assert.equal(patient.audience, 'lay');
      assert.equal(patient.readability.targetGrade, 8);
      assert.ok(patient.abbreviations.expand?.includes('CT') && patient.abbreviations.expand.includes('MRI'));
    });

    it('manuscript and regulatory turn on the numbers and statistics rules, manuscript its references\' too, and inherit professional otherwise', () => {
      assert.deepEqual(resolveProfile('manuscript')!.builtinRules, { ...FOR_SOME_READERS_OFF, ...STATISTICS_ON, 'reference-order': 'warning', 'uncited-reference': 'info' });
      assert.deepEqual(resolveProfile('regulatory')!.builtinRules, { ...FOR_SOME_READERS_OFF, ...STATISTICS_ON });
      // What adding a rule to a profile takes: one row of PROFILE_SEVERITIES.
      const table = PROFILE_SEVERITIES as Record<string, Record<string, string>>;
      table['person-first'] = { manuscript: 'error' };
      try {
        assert.equal(resolveProfile('manuscript')!.builtinRules['person-first'], 'error');
        assert.equal(resolveProfile('professional')!.builtinRules['person-first'], undefined);
      } finally {
        delete table['person-first'];
      }
    });

    it('a team profile extends a built-in one (or another team profile) and wins over it', () => {
      const team = {
        'our-leaflets': { extends: 'patient', rules: { jargon: 'error' as const }, readability: { targetGrade: 6 } },
        'our-kids-leaflets': { extends: 'our-leaflets', label: 'Children', readability: { targetGrade: 4 } },
      };
      const leaflets = resolveProfile('our-leaflets', team)!;
      assert.equal(leaflets.label, 'our-leaflets');
      assert.equal(leaflets.audience, 'lay');
      assert.equal(leaflets.readability.targetGrade, 6);
      assert.deepEqual(leaflets.teamRules, { jargon: 'error' });
      assert.equal(leaflets.builtinRules['undefined-abbreviation'], 'error');
      const kids = resolveProfile('our-kids-leaflets', team)!;
      assert.deepEqual([kids.label, kids.readability.targetGrade, kids.teamRules.jargon], ['Children', 4, 'error']);
      assert.equal(resolveProfile('nobody', team), undefined);
      assert.equal(resolveProfile('loop', { loop: { extends: 'loop' } }), undefined);
    });
  });

  describe('front matter', () => {
    it('one linter checks each document with the profile its front matter names', () => {
      const shared = linter();
      assert.deepEqual(rulesAndSeverities(shared.lint(LEAFLET)), [
        'undefined-abbreviation warning: "PD-1" is not defined and not used again',
        'overclaim warning: Qualify the absolute claim "cures".',
      ]);
      assert.deepEqual(rulesAndSeverities(shared.lint(frontMatter('patient') + LEAFLET)), [
        'undefined-abbreviation error: "PD-1" is not defined and not used again',
        'jargon warning: Explain "PD-1" in plain words, e.g. "A protein on T cells, a type of immune cell, that acts like a brake."',
        'undefined-abbreviation error: "CT" is not defined and not used again',
        'overclaim error: Qualify the absolute claim "cures".',
        'jargon warning: Explain "melanoma" in plain words, e.g. "A cancer of the cells that give skin its colour."',
      ]);
      assert.deepEqual(rulesAndSeverities(shared.lint(frontMatter('manuscript') + LEAFLET)), rulesAndSeverities(shared.lint(LEAFLET)));
      assert.equal(shared.profile(frontMatter('patient') + LEAFLET).name, 'patient');
      assert.equal(shared.profile(LEAFLET).name, 'professional');
    });

    it('reads ignore entries and the profile from one parse of the front matter', () => {
      const text = '---\ntitle: Leaflet\nmedlint:\n  profile: patient\n  ignore: [{ text: CT, rule: undefined-abbreviation }]\n---\n' + LEAFLET;
      const found = linter().lint(text).map((finding) => finding.ruleId);
      assert.deepEqual(found, ['undefined-abbreviation', 'jargon', 'overclaim', 'jargon']);
    });

    it('says when a document names a profile there is not, and checks it as professional', () => {
      const shared = linter();
      const text = frontMatter('patinet') + LEAFLET;
      assert.deepEqual(
        shared.notices(text).map(({ code, message, span }) => [code, message, span.range.start.line]),
        [['unknown-profile', '"patinet" is not a profile (professional, manuscript, patient, regulatory): checked as professional.', 1]],
      );
      assert.deepEqual(rulesAndSeverities(shared.lint(text)), rulesAndSeverities(shared.lint(LEAFLET)));
    });

    it('leads the hover card with the lay definition in a patient document', () => {
      const shared = linter();
      const professional = shared.hover(LEAFLET, LEAFLET.indexOf('PD-1'))!.markdown;
      const patientText = frontMatter('patient') + LEAFLET;
      const patient = shared.hover(patientText, patientText.indexOf('PD-1'))!.markdown;
      assert.match(professional, /^\*\*PD-1\*\* · programmed cell death protein 1 \*\(receptor\)\*\n\nA checkpoint receptor/);
      assert.match(patient, /^\*\*PD-1\*\* · programmed cell death protein 1 \*\(receptor\)\*\n\nA protein on T cells, a type of immune cell, that acts like a brake\. .*\n\n\*For professionals:\* A checkpoint receptor/);
      assert.doesNotMatch(patient, /In plain words/);
    });
  });

  describe('severity order', () => {
    it('overrides\' rules, then a team profile\'s, then the config\'s rules, then the built-in profile, then the rule', () => {
      const patientText = frontMatter('patient') + LEAFLET;
      const severity = (options: Parameters<typeof linter>[0], text = patientText) =>
        linter(options)
          .lint(text)
          .filter((finding) => finding.ruleId === 'overclaim')
          .map((finding) => finding.severity)
          .join();
      assert.equal(severity({}), 'error');
      assert.equal(severity({ rules: { overclaim: 'info' } }), 'info', 'the config\'s rules win over a built-in profile');
      const team = { leaflet: { extends: 'patient', rules: { overclaim: 'hint' as const } } };
      assert.equal(severity({ rules: { overclaim: 'info' }, profiles: team }, frontMatter('leaflet') + LEAFLET), 'hint', 'a team profile wins over the config\'s rules');
      assert.equal(severity({ rules: { overclaim: 'info' }, profiles: team, fileRules: { overclaim: 'warning' } }, frontMatter('leaflet') + LEAFLET), 'warning', 'overrides win over every profile');
      assert.equal(severity({ rules: { readability: 'warning' } }, LEAFLET), 'warning');
    });
  });

  describe('config', () => {
    it('validates profile, profiles and overrides, and names what is wrong with them', () => {
      const text = JSON.stringify({
        profile: 'manuscript',
        profiles: { ours: { extends: 'patient', rules: { jargon: 'error' }, readability: { targetGrade: 6 } }, theirs: { extends: 'nowhere' }, patient: { label: 'Mine' } },
        overrides: [{ files: ['leaflets/**'], profile: 'ours' }, { files: ['x/**'], profile: 'unknown' }],
      }, null, 2);
      const { config, problems } = validateConfig('.medlintrc.json', text);
      assert.deepEqual(problems, []);
      const root = workspace({ '.medlintrc.json': text });
      const project = new Project(builtinCorpus(), { base: root });
      project.settingsFor(join(root, 'a.md'));
      assert.ok(config);
      assert.deepEqual(project.problems.map(formatProblem), [
        '.medlintrc.json: profiles.theirs: extends "nowhere", which is not a profile (built-in: professional, manuscript, patient, regulatory)',
        '.medlintrc.json: profiles.patient: "patient" is a built-in profile; give yours another name and extend it',
        '.medlintrc.json: overrides.1.profile: "unknown" is not a profile (professional, manuscript, patient, regulatory, ours, theirs, patient)',
      ]);
    });

    it('rejects an override without files and an unknown field, by line', () => {
      const text = '{\n  "overrides": [\n    { "profile": "patient", "colour": 1 }\n  ]\n}';
      assert.deepEqual(validateConfig('.medlintrc.json', text).problems.map(formatProblem), [
        '.medlintrc.json:3:5: overrides.0: must have required property \'files\'',
        '.medlintrc.json:3:29: overrides.0: unknown field "colour"',
      ]);
    });

    it('gives files matching an override its profile and rules; front matter wins over it; the config\'s profile over the default', () => {
      const root = workspace({
        '.medlintrc.json': JSON.stringify({
          profile: 'manuscript',
          profiles: { 'our-leaflets': { extends: 'patient', readability: { targetGrade: 6 } } },
          overrides: [{ files: ['leaflets/**'], profile: 'our-leaflets' }, { files: ['leaflets/old/**'], rules: { overclaim: 'off' } }],
        }),
      });
      const project = new Project(builtinCorpus(), { base: root });
      const profileOf = (file: string, text = LEAFLET) => project.settingsFor(join(root, file)).linter.profile(text).name;
      assert.equal(profileOf('paper.md'), 'manuscript');
      assert.equal(profileOf('leaflets/a.md'), 'our-leaflets');
      assert.equal(profileOf('leaflets/a.md', frontMatter('regulatory') + LEAFLET), 'regulatory');
      assert.equal(project.settingsFor(join(root, 'leaflets/a.md')).linter.readability(LEAFLET).targetGrade, 6);
      const rulesOf = (file: string) => project.settingsFor(join(root, file)).linter.lint(LEAFLET).map((finding) => `${finding.ruleId} ${finding.severity}`);
      assert.deepEqual(rulesOf('leaflets/a.md'), ['undefined-abbreviation error', 'jargon warning', 'undefined-abbreviation error', 'overclaim error', 'jargon warning']);
      assert.deepEqual(rulesOf('leaflets/old/b.md'), ['undefined-abbreviation error', 'jargon warning', 'undefined-abbreviation error', 'jargon warning']);
      assert.equal(project.settingsFor(join(root, 'leaflets/a.md')).linter, project.settingsFor(join(root, 'leaflets/c.md')).linter, 'one linter per set of matching overrides');
      assert.deepEqual(project.problems, []);
    });

    it('--profile (the run\'s profile) wins over front matter and overrides', () => {
      const root = workspace({ '.medlintrc.json': JSON.stringify({ overrides: [{ files: ['leaflets/**'], profile: 'patient' }] }) });
      const project = new Project(builtinCorpus(), { base: root, profile: 'manuscript' });
      assert.equal(project.settingsFor(join(root, 'leaflets/a.md')).linter.profile(frontMatter('patient') + LEAFLET).name, 'manuscript');
    });
  });

  describe('medlint check --profile (built bundle)', () => {
    before(function () {
      if (!existsSync(CLI)) this.skip();
    });
    const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

    it('checks every file with the profile named, and prints the grade of patient documents in stylish', () => {
      const root = workspace({ 'leaflet.md': '# About your medicine\n\nYour medicine helps your body fight cancer. Take it once a day with food.\n' });
      const plain = run(['check', 'leaflet.md'], root);
      assert.equal(plain.status, 0);
      assert.equal(plain.stdout, '');
      const patient = run(['check', 'leaflet.md', '--profile', 'patient'], root);
      assert.equal(patient.status, 0, patient.stderr);
      // 2 sentences, 14 words, 18 syllables, 1 of three or more (medicine): 0.39·7 + 11.8·18/14 − 15.59 = 2.3; 1.043·√(1·30/2) + 3.1291 = 7.2.
      assert.equal(patient.stdout, 'leaflet.md\n  Patient · grade 2.3 (SMOG 7.2), target 8\n\n');
    });

    it('names an unknown profile on standard error and checks as professional', () => {
      const root = workspace({ 'a.md': 'Your medicine blocks PD-1.\n' });
      const result = run(['check', 'a.md', '--profile', 'patinet', '--format', 'json'], root);
      assert.equal(result.stderr, 'medlint: a.md:1:1: "patinet" is not a profile (professional, manuscript, patient, regulatory): checked as professional.\n');
      assert.deepEqual((JSON.parse(result.stdout) as { rule: string; severity: string }[]).map((row) => `${row.rule} ${row.severity}`), ['undefined-abbreviation warning']);
    });
  });
});
