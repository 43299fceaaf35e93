import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { validateConfig } from '../src/core/config';
import { planQuickFixes } from '../src/core/fixes';
import { abbreviationIgnoreChange } from '../src/core/ignoreEdits';
import { entryIdFor, teamTermEdit, teamTermYaml } from '../src/core/teamTerms';
import type { Finding } from '../src/core/types';
import { Project } from '../src/node/project';
import { checkTermsDirectory } from '../src/node/terms';
import { builtinCorpus, changed, describeFinding, FAS_DRAFT, FAS_QUICK_FIXES, linter } from './helpers';

const FAS_DEFINED = 'Full analysis set (FAS) was the primary population.\n';
const CATEGORIES = 'receptor, ligand, antigen, gene, protein, drug, drug-class, therapy, cell, process, adverse-event, disease, virus, biomarker, measure';
const PLACEHOLDERS = 'definition: "TODO: define FAS in one to three plain-language sentences."\nsources:\n  - name: "TODO: the dictionary, guideline or publication the definition rests on"\n';
const nothingTaken = () => false;

/** Writes a team term edit (and its config change) into a folder as an editor applying it would. */
function applied(root: string, configText: string | undefined, edit: NonNullable<ReturnType<typeof teamTermEdit>>, termsPathsBase = root): void {
  const file = join(edit.file.base === 'workspace' ? termsPathsBase : root, edit.file.path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, edit.content);
  if (edit.configEdit) writeFileSync(join(root, '.medlintrc.json'), changed(configText, edit.configEdit));
}

function lintIn(root: string, text: string, termsPaths: string[] = []): { findings: Finding[]; problems: string[] } {
  const project = new Project(builtinCorpus(), { base: root, termsPaths });
  const findings = project.settingsFor(join(root, 'draft.md')).linter.lint(text);
  return { findings, problems: project.problems.map((problem) => problem.message) };
}

describe('team vocabulary from the editor (issue #17)', () => {
  it('finds an abbreviation the corpus lacks as undefined, with no entry, and plans both quick fixes', () => {
    const findings = linter().lint(FAS_DRAFT);
    assert.deepEqual(
      findings.map((finding) => [describeFinding(finding), finding.entryId, finding.abbreviation]),
      [['1:5-1:8 "FAS" is not defined at first use: write the term in full, followed by "(FAS)".', undefined, { short: 'FAS' }]],
    );
    assert.deepEqual(
      planQuickFixes(findings, 5, 5, FAS_DRAFT).map((quickFix) => quickFix.title),
      [...FAS_QUICK_FIXES, 'Learn about undefined-abbreviation'],
    );
  });

  it('offers "Add to team terms" only for an abbreviation the corpus lacks, "Ignore" for every abbreviation finding, once per abbreviation', () => {
    const corpusAbbreviation = 'Patients had PD-1 and then PD-1.';
    const titles = (text: string) => planQuickFixes(linter().lint(text), 0, text.length, text).map((quickFix) => quickFix.title);
    assert.deepEqual(titles(corpusAbbreviation).filter((title) => /team terms|Ignore PD-1/.test(title)), ['Ignore PD-1 in this workspace']);
    const lateAndRare = 'The FAS was used. Later the full analysis set (FAS) was large.';
    assert.deepEqual(
      linter()
        .lint(lateAndRare)
        .map((finding) => [finding.ruleId, finding.abbreviation]),
      [
        ['abbreviation-defined-late', { short: 'FAS', expansion: 'full analysis set' }],
        ['abbreviation-rarely-used', { short: 'FAS', expansion: 'full analysis set' }],
      ],
    );
    assert.deepEqual(titles(lateAndRare).filter((title) => /team terms|Ignore FAS/.test(title)), ['Add FAS to team terms', 'Ignore FAS in this workspace']);
    assert.deepEqual(planQuickFixes(linter().lint('Keytruda works.'), 0, 8, 'Keytruda works.').filter((quickFix) => quickFix.kind === 'add-team-term' || quickFix.kind === 'ignore-abbreviation'), []);
  });

  it('writes the entry with the expansion the document gives, in lower case unless it is a name, with placeholders for what the schema requires', () => {
    const [finding] = linter().lint(FAS_DEFINED);
    assert.deepEqual([finding?.ruleId, finding?.abbreviation], ['abbreviation-rarely-used', { short: 'FAS', expansion: 'Full analysis set' }]);
    assert.equal(
      teamTermYaml(finding!.abbreviation!, 'terms'),
      '# FAS: a team term added by medlint. Replace each TODO, then check the folder: npx medlint terms validate terms\n\n' +
        'term: full analysis set\nabbreviation: FAS\nexpansions:\n  - full analysis set\n' +
        `# Choose the kind of thing FAS names: ${CATEGORIES}.\ncategory: measure\n` +
        PLACEHOLDERS,
    );
    assert.match(teamTermYaml({ short: 'KM', expansion: 'Kaplan-Meier method' }, 'terms'), /^term: Kaplan-Meier method$/m);
    assert.match(teamTermYaml({ short: 'BCMA', expansion: 'B cell maturation antigen' }, 'terms'), /^term: B cell maturation antigen$/m);
  });

  it('without an expansion, asks for one and spares the abbreviation a definition until it is written', () => {
    assert.equal(
      teamTermYaml({ short: 'FAS' }, 'style/terms'),
      '# FAS: a team term added by medlint. Replace each TODO, then check the folder: npx medlint terms validate style/terms\n\n' +
        'term: FAS\nabbreviation: FAS\n' +
        '# Write what FAS stands for (a fix writes the first expansion at its first use), then delete expandOnFirstUse: until then FAS needs no definition.\n' +
        'expansions:\n  - "TODO: what FAS stands for"\nexpandOnFirstUse: false\n' +
        `# Choose the kind of thing FAS names: ${CATEGORIES}.\ncategory: measure\n` +
        PLACEHOLDERS,
    );
  });

  it('names the entry file after the abbreviation, as the corpus names its files, and never after an entry the corpus has', () => {
    assert.deepEqual(['FAS', 'TNF-α', 'IFN-γ', 'CLDN18.2', 'bsAb', 'ΔΔ'].map(entryIdFor), ['fas', 'tnf-alpha', 'ifn-gamma', 'cldn18-2', 'bsab', 'team-term']);
    const taken = new Set(['fas', 'fas-2']);
    assert.equal(teamTermEdit({ short: 'FAS' }, {}, (id) => taken.has(id))?.file.path, 'terms/fas-3.yaml');
  });

  it('puts the entry in the config\'s first terms folder, else the first medlint.termsPaths folder, else a new terms/ folder the config names', () => {
    const fas = { short: 'FAS', expansion: 'full analysis set' };
    const content = teamTermYaml(fas, 'terms');
    assert.deepEqual(teamTermEdit(fas, {}, nothingTaken), { file: { base: 'config', path: 'terms/fas.yaml' }, content, configEdit: { newText: '{\n  "terms": [\n    "terms"\n  ]\n}\n' } });
    assert.deepEqual(teamTermEdit(fas, { termsPaths: [] }, nothingTaken)?.file, { base: 'config', path: 'terms/fas.yaml' });

    const commented = '{\n  // house style\n  "rules": { "brand-name": "off" }\n}\n';
    const intoConfig = teamTermEdit(fas, { configText: commented }, nothingTaken);
    assert.deepEqual(intoConfig?.file, { base: 'config', path: 'terms/fas.yaml' });
    // jsonc-parser formats the lines its insertion touches: the comment stays, the line before is laid out again.
    assert.equal(changed(commented, intoConfig?.configEdit), '{\n  // house style\n  "rules": {\n    "brand-name": "off"\n  },\n  "terms": [\n    "terms"\n  ]\n}\n');

    const withTerms = '{ "terms": ["./style/terms/", "more"] }';
    assert.deepEqual(teamTermEdit(fas, { configText: withTerms, termsPaths: ['team/terms'] }, nothingTaken), { file: { base: 'config', path: './style/terms/fas.yaml' }, content: teamTermYaml(fas, './style/terms/') });
    assert.deepEqual(teamTermEdit(fas, { configText: '{ "terms": [] }', termsPaths: ['team/terms', 'other'] }, nothingTaken), { file: { base: 'workspace', path: 'team/terms/fas.yaml' }, content: teamTermYaml(fas, 'team/terms') });
    assert.deepEqual(teamTermEdit(fas, { termsPaths: ['team/terms'] }, nothingTaken)?.file, { base: 'workspace', path: 'team/terms/fas.yaml' });

    // A config medlint cannot read is repaired first: nothing is written.
    assert.equal(teamTermEdit(fas, { configText: '{ "terms": "terms" }' }, nothingTaken), undefined);
    assert.equal(teamTermEdit(fas, { configText: '{ "rules": ' }, nothingTaken), undefined);
  });

  it('writes entries that load with no problems, by the schema and the integrity checks, and give the finding its entry', () => {
    const root = mkdtempSync(join(tmpdir(), 'medlint-team-'));
    const withExpansion = teamTermEdit({ short: 'FAS', expansion: 'Full analysis set' }, {}, nothingTaken)!;
    applied(root, undefined, withExpansion);
    assert.deepEqual(checkTermsDirectory(join(root, 'terms'), root).problems, []);
    const { findings, problems } = lintIn(root, FAS_DRAFT);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      findings.map((finding) => [describeFinding(finding), finding.entryId, finding.fix?.newText]),
      [['1:5-1:8 "FAS" is not defined at first use: write "full analysis set (FAS)".', 'fas', 'full analysis set (FAS)']],
    );
    assert.deepEqual(lintIn(root, 'The full analysis set (FAS) was used. The FAS was large.').findings, []);
  });

  it('writes an entry without an expansion that loads, and silences the undefined abbreviation until the expansion is written', () => {
    const root = mkdtempSync(join(tmpdir(), 'medlint-team-'));
    const termsPaths = ['team/terms'];
    const edit = teamTermEdit({ short: 'FAS' }, { termsPaths }, nothingTaken)!;
    assert.equal(edit.configEdit, undefined);
    applied(root, undefined, edit);
    assert.deepEqual(checkTermsDirectory(join(root, 'team', 'terms'), root).problems, []);
    assert.deepEqual(lintIn(root, FAS_DRAFT, termsPaths), { findings: [], problems: [] });
    assert.equal(new Project(builtinCorpus(), { base: root, termsPaths }).settingsFor(join(root, 'draft.md')).linter.define('FAS')?.id, 'fas');
  });

  it('adds an abbreviation to abbreviations.ignore: a new config, or the existing one with its comments, once', () => {
    assert.deepEqual(abbreviationIgnoreChange(undefined, 'FAS'), { newText: '{\n  "abbreviations": {\n    "ignore": [\n      "FAS"\n    ]\n  }\n}\n' });
    const commented = '{\n  // house style\n  "rules": {}\n}\n';
    const added = changed(commented, abbreviationIgnoreChange(commented, 'FAS'));
    assert.equal(added, '{\n  // house style\n  "rules": {},\n  "abbreviations": {\n    "ignore": [\n      "FAS"\n    ]\n  }\n}\n');
    const withOptions = '{\n  "abbreviations": { "minUses": 2 } // two uses at least\n}\n';
    assert.equal(changed(withOptions, abbreviationIgnoreChange(withOptions, 'FAS')), '{\n  "abbreviations": {\n    "minUses": 2,\n    "ignore": [\n      "FAS"\n    ]\n  } // two uses at least\n}\n');
    const withList = '{\n\t"abbreviations": {\n\t\t"ignore": ["ECOG"]\n\t}\n}\n';
    const appended = changed(withList, abbreviationIgnoreChange(withList, 'FAS'));
    assert.equal(appended, '{\n\t"abbreviations": {\n\t\t"ignore": [\n\t\t\t"ECOG",\n\t\t\t"FAS"\n\t\t]\n\t}\n}\n');
    for (const config of [added, appended]) {
      assert.deepEqual(validateConfig('.medlintrc.json', config).problems, []);
      assert.equal(abbreviationIgnoreChange(config, 'FAS'), undefined);
    }
    // Abbreviations differ by case (cHL is not CHL): a different case is another abbreviation.
    assert.ok(abbreviationIgnoreChange(appended, 'fas'));
    assert.equal(abbreviationIgnoreChange('{ "abbreviations": [] }', 'FAS'), undefined);
    assert.equal(abbreviationIgnoreChange('{ "abbreviations": { "ignore": "FAS" } }', 'FAS'), undefined);
  });

  it('once ignored in the workspace config, the abbreviation is not reported', () => {
    const root = mkdtempSync(join(tmpdir(), 'medlint-team-'));
    writeFileSync(join(root, '.medlintrc.json'), changed(undefined, abbreviationIgnoreChange(undefined, 'FAS')));
    assert.deepEqual(lintIn(root, FAS_DRAFT), { findings: [], problems: [] });
  });
});
