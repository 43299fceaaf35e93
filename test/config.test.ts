import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../src/core/config';
import { formatProblem } from '../src/core/corpus/types';
import { ruleIds } from '../src/core/rules';
import configSchema from '../src/schemas/medlintrc.schema.json';
import { Project } from '../src/node/project';
import { builtinCorpus } from './helpers';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'medlint-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const TEAM_TERM = 'term: examplumab\ncategory: drug\ndefinition: A made-up antibody used only in tests.\nbrands: [Exampla]\ntargets: [pd-1]\nclasses: [monoclonal-antibody]\nsources: [{name: "Test label"}]\n';

describe('config validation', () => {
  it('accepts comments and trailing commas', () => {
    const { config } = validateConfig('.medlintrc.json', '{\n  // team settings\n  "rules": { "brand-name": "off", },\n}');
    assert.deepEqual(JSON.parse(JSON.stringify(config)), { rules: { 'brand-name': 'off' } });
  });

  it('names file, line and column of a bad severity, an unknown rule and an unknown field', () => {
    const text = '{\n  "rules": {\n    "brand-name": "loud",\n    "no-such-rule": "error"\n  },\n  "colour": true\n}';
    assert.deepEqual(validateConfig('docs/.medlintrc.json', text).problems.map(formatProblem), [
      'docs/.medlintrc.json:6:3: config: unknown field "colour"',
      'docs/.medlintrc.json:4:5: rules: unknown rule "no-such-rule"',
      'docs/.medlintrc.json:3:19: rules.brand-name: must be one of off, hint, info, warning, error',
    ]);
  });

  it('names the line of a JSON syntax error', () => {
    assert.deepEqual(validateConfig('.medlintrc.json', '{\n  "rules": {\n    "brand-name" "off"\n  }\n}').problems.map(formatProblem), ['.medlintrc.json:3:18: invalid JSON: colon expected']);
  });

  it('lists exactly the rules medlint has in the shipped schema', () => {
    assert.deepEqual(Object.keys(configSchema.properties.rules.properties), [...ruleIds]);
  });
});

describe('project settings', () => {
  it('uses the nearest config walking up from the file', () => {
    const root = workspace({
      '.medlintrc.json': '{ "rules": { "brand-name": "error" } }',
      'promo/.medlintrc.json': '{ "rules": { "brand-name": "off" } }',
      'a.md': '',
      'promo/deep/b.md': '',
    });
    const project = new Project(builtinCorpus(), { base: root });
    assert.equal(project.settingsFor(join(root, 'a.md')).linter.severityOf('brand-name'), 'error');
    assert.equal(project.settingsFor(join(root, 'promo/deep/b.md')).linter.severityOf('brand-name'), 'off');
    assert.deepEqual(project.problems, []);
  });

  it('takes the quotations setting from the config', () => {
    const root = workspace({ '.medlintrc.json': '{ "quotations": "off" }' });
    const { linter } = new Project(builtinCorpus(), { base: root }).settingsFor(join(root, 'a.md'));
    assert.deepEqual(linter.lint('"It is a miracle," said Dr. Lee.'), []);
  });

  it('ignores files matching the ignore globs, relative to the config', () => {
    const root = workspace({ '.medlintrc.json': '{ "ignore": ["drafts/**"] }' });
    const project = new Project(builtinCorpus(), { base: root });
    assert.equal(project.settingsFor(join(root, 'drafts/x/old.md')).ignored, true);
    assert.equal(project.settingsFor(join(root, 'final.md')).ignored, false);
  });

  it('merges a team terms folder over the built-in corpus', () => {
    const root = workspace({
      '.medlintrc.json': '{ "terms": ["team-terms"] }',
      'team-terms/examplumab.yaml': TEAM_TERM,
      'team-terms/claims/hype.yaml': 'rule: overclaim\nexplanation: Our style guide bans this word.\nphrases: [game-changing]\n',
    });
    const project = new Project(builtinCorpus(), { base: root });
    const { linter } = project.settingsFor(join(root, 'x.md'));
    assert.deepEqual(project.problems, []);
    const findings = linter.lint('Exampla is game-changing. Examplumab, a CTLA-4 inhibitor.').map((f) => `${f.ruleId}: ${f.message.split('.')[0]}`);
    assert.deepEqual(findings, [
      'brand-name: "Exampla" is a brand name: use the generic name "examplumab"',
      'overclaim: Qualify the absolute claim "game-changing"',
      'undefined-abbreviation: "CTLA-4" is not defined and not used again: write "cytotoxic T-lymphocyte-associated protein 4"',
      'contradiction: "Examplumab" does not target CTLA-4: the corpus lists examplumab as targeting PD-1 (Test label)',
    ]);
    assert.ok(linter.define('pembrolizumab'), 'built-in entries remain');
  });

  it('reports a malformed team term file by file and line, and keeps the rest working', () => {
    const root = workspace({
      '.medlintrc.json': '{ "terms": ["team-terms", "missing"] }',
      'team-terms/examplumab.yaml': TEAM_TERM,
      'team-terms/broken.yaml': 'term: broken\ncategory: drug\ndefinition: [unclosed\n',
      'team-terms/orphan.yaml': 'term: orphan\ncategory: process\ndefinition: Points at nothing at all.\nsources: [{name: "Test"}]\nrelated: [nowhere]\n',
    });
    const project = new Project(builtinCorpus(), { base: root });
    const { linter } = project.settingsFor(join(root, 'x.md'));
    assert.deepEqual(project.problems.map(formatProblem), [
      'team-terms/broken.yaml:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      '.medlintrc.json: terms folder "missing" does not exist',
      'team-terms/orphan.yaml:5:11: related names "nowhere", which is not in the corpus',
    ]);
    assert.equal(linter.lint('Exampla and Keytruda.').length, 2);
  });

  it('falls back to the defaults when the config is broken, and says so', () => {
    const root = workspace({ '.medlintrc.json': '{ "rules": ' });
    const project = new Project(builtinCorpus(), { base: root });
    assert.equal(project.settingsFor(join(root, 'x.md')).linter.lint('Keytruda.').length, 1);
    assert.deepEqual(project.problems.map(formatProblem), ['.medlintrc.json:1:12: invalid JSON: value expected']);
  });
});
