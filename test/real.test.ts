import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  evaluate,
  falseAlarmsPerThousandWords,
  findingsIntroducedByFixes,
  precision,
  readDocuments,
  REAL_DIR,
  tallies,
  type Evaluation,
} from './real/realText';

describe('real text: the labelled public-domain set (npm run real)', () => {
  let evaluation: Evaluation;
  before(() => {
    evaluation = evaluate();
  });

  const where = (file: string, at: string, rule: string, text: string) => `${file}:${at} ${rule} "${text.replace(/\s+/g, ' ')}"`;

  it('holds at least 40 documents, a quarter of them loose writing, each with its source', () => {
    const documents = readDocuments();
    assert.ok(documents.length >= 40, `${documents.length} documents`);
    assert.ok(documents.filter((document) => document.register === 'loose').length * 4 >= documents.length, 'a quarter loose');
    const sources = readFileSync(join(REAL_DIR, 'SOURCES.md'), 'utf8');
    for (const document of documents) assert.match(sources, new RegExp(`\\|\\s*${document.file.replace(/\./g, '\\.')}\\s*\\|[^\\n]*https?://`), document.file);
  });

  it('has a reviewed label for every finding', () => {
    const unlabelled = evaluation.findings.filter(({ label }) => !label || label.label === 'todo');
    assert.deepEqual(
      unlabelled.map(({ file, finding, text }) => where(file, `${finding.range.start.line + 1}:${finding.range.start.character + 1}`, finding.ruleId, text)),
      [],
      'label these in test/real/labels.yaml (npm run real -- --update adds them as todo)',
    );
  });

  it('still reports every labelled problem, and every labelled false alarm is still a decision on record', () => {
    assert.deepEqual(evaluation.stale.map((label) => where(label.file, label.at, label.rule, label.text)), []);
  });

  it('gives each label a reason', () => {
    const unexplained = evaluation.findings.filter(({ label }) => label && label.why.trim().length < 8);
    assert.deepEqual(unexplained.map(({ file, label }) => where(file, label!.at, label!.rule, label!.text)), []);
  });

  // The target; `npm run real` prints the figure beside it.
  const PRECISION_FLOOR = 0.95;

  it(`is right about at least ${PRECISION_FLOOR * 100}% of its findings, with no false alarm at error severity and at most 0.3 per 1,000 words of professional text`, () => {
    const { overall, byRegister } = tallies(evaluation);
    assert.ok(precision(overall) >= PRECISION_FLOOR, `precision ${(100 * precision(overall)).toFixed(1)}%`);
    const errors = evaluation.findings.filter(({ finding, label }) => finding.severity === 'error' && label?.label === 'fp');
    assert.deepEqual(errors.map(({ file, label }) => where(file, label!.at, label!.rule, label!.text)), []);
    const rate = falseAlarmsPerThousandWords(byRegister.get('professional')!);
    assert.ok(rate <= 0.3, `professional text: ${rate.toFixed(2)} false alarms per 1,000 words`);
  });

  it('fixes leave text on which medlint reports nothing new at the fixed spans', () => {
    const introduced = readDocuments().flatMap((document) =>
      findingsIntroducedByFixes(document).map(({ fixed, finding }) => `${document.file}: "${fixed}" → ${finding.ruleId}: ${finding.message}`),
    );
    assert.deepEqual(introduced, []);
  });
});
