import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../src/core/config';
import { planQuickFixes } from '../src/core/fixes';
import { frontMatterIgnores } from '../src/core/ignore';
import { configIgnoreChange, documentIgnoreEdit } from '../src/core/ignoreEdits';
import { Project } from '../src/node/project';
import { builtinCorpus, changed, findingsOf, linter } from './helpers';

const KEYTRUDA = { text: 'Keytruda', rule: 'brand-name' };
const NEW_CONFIG = '{\n  "ignore": [\n    {\n      "text": "Keytruda",\n      "rule": "brand-name"\n    }\n  ]\n}\n';
const withEdit = (text: string) => {
  const edit = documentIgnoreEdit(text, KEYTRUDA);
  assert.ok(edit, 'an edit');
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
};

describe('ignore: accepting a finding in the document or the workspace (issue #16)', () => {
  it('drops findings whose text and rule a front matter entry accepts, and only those', () => {
    const text = '---\ntitle: Draft\nmedlint:\n  ignore:\n    - { text: keytruda, rule: brand-name }\n    - irAEs\n---\n\nKeytruda and Opdivo help. Most irAEs are mild. Keytruda cures.\n';
    assert.deepEqual(findingsOf(text), [
      '9:14-9:20 "Opdivo" is a brand name: use the generic name "nivolumab".',
      '9:57-9:62 Qualify the absolute claim "cures".',
    ]);
  });

  it('drops findings a config entry accepts, by text for every rule or by text and rule', () => {
    const text = 'Keytruda and Opdivo help cancer patients.';
    assert.deepEqual(findingsOf(text, undefined, { ignore: [{ text: 'OPDIVO' }, { text: 'cancer patients', rule: 'brand-name' }] }), [
      '1:1-1:9 "Keytruda" is a brand name: use the generic name "pembrolizumab".',
      '1:26-1:41 Use "patients with cancer", not "cancer patients".',
    ]);
  });

  it('writes a new front matter block, a medlint key in an existing one, or an item in its list, keeping the YAML valid', () => {
    assert.equal(withEdit('Keytruda works.\n'), '---\nmedlint:\n  ignore:\n    - { text: "Keytruda", rule: brand-name }\n---\n\nKeytruda works.\n');
    assert.equal(withEdit('\ufeffKeytruda works.\r\n'), '\ufeff---\r\nmedlint:\r\n  ignore:\r\n    - { text: "Keytruda", rule: brand-name }\r\n---\r\n\r\nKeytruda works.\r\n');
    assert.equal(withEdit('---\ntitle: A\n---\nKeytruda works.\n'), '---\ntitle: A\nmedlint:\n  ignore:\n    - { text: "Keytruda", rule: brand-name }\n---\nKeytruda works.\n');
    assert.equal(
      withEdit('---\ntitle: A # the working title\nmedlint:\n  ignore:\n    - CR\n---\nKeytruda works.\n'),
      '---\ntitle: A # the working title\nmedlint:\n  ignore:\n    - CR\n    - { text: Keytruda, rule: brand-name }\n---\nKeytruda works.\n',
    );
    assert.equal(documentIgnoreEdit('---\ntitle: [unclosed\n---\nKeytruda.\n', KEYTRUDA), undefined);
    for (const text of ['Keytruda works.\n', '---\ntitle: A\n---\nKeytruda works.\n', '---\nmedlint: {}\n---\nKeytruda works.\n']) {
      assert.deepEqual(frontMatterIgnores(withEdit(text)), [KEYTRUDA], text);
      assert.deepEqual(findingsOf(withEdit(text), 'brand-name'), [], text);
    }
  });

  it('adds an entry to .medlintrc.json keeping its comments and globs, and not twice', () => {
    const config = '{\n  // team settings\n  "ignore": ["drafts/**"]\n}\n';
    const updated = changed(config, configIgnoreChange(config, KEYTRUDA));
    assert.equal(updated, '{\n  // team settings\n  "ignore": [\n    "drafts/**",\n    {\n      "text": "Keytruda",\n      "rule": "brand-name"\n    }\n  ]\n}\n');
    assert.deepEqual(validateConfig('.medlintrc.json', updated).problems, []);
    assert.equal(configIgnoreChange(updated, { text: 'KEYTRUDA ', rule: 'brand-name' }), undefined);
    assert.equal(configIgnoreChange('[1]', KEYTRUDA), undefined);
    assert.equal(changed('{ "rules": {} }', configIgnoreChange('{ "rules": {} }', KEYTRUDA)), '{\n  "rules": {},\n  "ignore": [\n    {\n      "text": "Keytruda",\n      "rule": "brand-name"\n    }\n  ]\n}');
    assert.deepEqual(configIgnoreChange(undefined, KEYTRUDA), { newText: NEW_CONFIG });
  });

  it('validates ignore entries in the config schema, and a project honours them while globs still skip files', () => {
    assert.deepEqual(validateConfig('c.json', '{ "ignore": [{ "rule": "brand-name" }] }').problems.map((problem) => problem.message).slice(0, 1), ['ignore.0: must be string']);
    const root = mkdtempSync(join(tmpdir(), 'medlint-ignore-'));
    writeFileSync(join(root, '.medlintrc.json'), NEW_CONFIG.replace('"ignore": [', '"ignore": [\n    "old/**",'));
    const project = new Project(builtinCorpus(), { base: root });
    assert.equal(project.settingsFor(join(root, 'old', 'a.md')).ignored, true);
    const { linter: projectLinter, ignored } = project.settingsFor(join(root, 'a.md'));
    assert.equal(ignored, false);
    assert.deepEqual(projectLinter.lint('Keytruda and Opdivo.').map((finding) => finding.message), ['"Opdivo" is a brand name: use the generic name "nivolumab".']);
    assert.deepEqual(project.problems, []);
    assert.ok(readFileSync(join(root, '.medlintrc.json'), 'utf8').includes('"old/**"'));
  });

  it('plans the ignore actions after the fix and the line suppression', () => {
    const text = 'Patients took Keytruda.';
    assert.deepEqual(
      planQuickFixes(linter().lint(text), 15, 15, text).map((quickFix) => quickFix.title),
      [
        'Replace with "pembrolizumab" (brand-name)',
        'Disable brand-name for this line',
        'Ignore "Keytruda" in this document (brand-name)',
        'Ignore "Keytruda" in this workspace (brand-name)',
        'Learn about brand-name',
      ],
    );
  });
});
