import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFixList, describeFixSummary, fixDocument, minimalEdit, planQuickFixes } from '../src/core/fixes';
import { LineIndex } from '../src/core/text/lineIndex';
import type { Finding } from '../src/core/types';
import { linter, ROOT } from './helpers';

const SEEDS = join(ROOT, '..', 'shared', 'seeds');
const fixAll = (text: string) => {
  const medlint = linter();
  return fixDocument(text, (current) => medlint.lint(current));
};

describe('fix-all (issue #16: safe, to a fixed point, tables aligned, with a summary)', () => {
  it('never applies a misnomer fix: "Autoimmune therapy is a subset of immunotherapy" stays as written', () => {
    const text = 'Autoimmune therapy is a subset of immunotherapy.\n';
    const fixed = fixAll(text);
    assert.equal(fixed.text, text);
    assert.deepEqual(fixed.summary, { applied: {}, total: 0, passes: 0, leftForReview: { misnomer: 1 } });
    assert.equal(describeFixSummary(fixed.summary), 'Nothing to fix safely. 1 fix changes the meaning: apply it one by one (misnomer 1).');
    // The per-instance fix is still offered, but not marked safe.
    const [finding] = linter().lint(text);
    assert.deepEqual([finding!.fix!.newText, finding!.fix!.safe], ['Immunotherapy', false]);
  });

  it('marks spelling, variant and first-use definition fixes safe, and brand, person-first and misnomer fixes not', () => {
    const text = 'Cancer patients on Keytruda had autoimmune therapy; PD1 and ipilumumab, then CAR T cells.';
    const marks = linter()
      .lint(text)
      .filter((finding) => finding.fix)
      .map((finding) => `${finding.ruleId}:${finding.fix!.safe}`);
    assert.deepEqual(marks, ['person-first:false', 'brand-name:false', 'misnomer:false', 'preferred-term:true', 'preferred-term:true', 'undefined-abbreviation:true']);
  });

  it('keeps the capital that opens a sentence when a variant is replaced', () => {
    assert.equal(fixAll('Biogeneric drugs cost less. Black-box warnings apply.').text, 'Biosimilar drugs cost less. Boxed warnings apply.');
    // Inside a sentence the preferred form keeps its own case.
    assert.equal(fixAll('They prescribe biogeneric drugs.').text, 'They prescribe biosimilar drugs.');
    // A quotation opened after a colon starts a sentence too.
    assert.equal(fixAll('The label said: "Black box warning applies."').text, 'The label said: "Boxed warning applies."');
  });

  it('re-pads an aligned table so that its pipes stay aligned, keeping alignment colons and untouched columns', () => {
    const table = ['| Drug       | Target |', '|:-----------|-------:|', '| Nivolumab  | PD1    |', '| Ipilumumab | CTLA-4 |', ''].join('\n');
    assert.equal(
      fixAll(table).text,
      [
        '| Drug       | Target                                               |',
        '|:-----------|-----------------------------------------------------:|',
        '| Nivolumab  | Programmed cell death protein 1 (PD-1)               |',
        '| Ipilimumab | Cytotoxic T-lymphocyte-associated protein 4 (CTLA-4) |',
        '',
      ].join('\n'),
    );
  });

  it('narrows a column again when a fix shortens its widest cell, and leaves an unaligned table as it was', () => {
    const table = ['| Warning           | Note |', '| ----------------- | ---- |', '| black-box warning | x    |', ''].join('\r\n');
    assert.equal(fixAll(table).text, ['| Warning       | Note |', '| ------------- | ---- |', '| boxed warning | x    |', ''].join('\r\n'));
    const loose = '| Drug | Target |\n|---|---|\n| Nivolumab | PD1 |\n';
    assert.equal(fixAll(loose).text, '| Drug | Target |\n|---|---|\n| Nivolumab | Programmed cell death protein 1 (PD-1) |\n');
  });

  it('lints again after each pass until nothing safe is left to fix', () => {
    // A fix that uncovers another: each pass here lowers one more word, as a real fix can reveal a definition.
    const lint = (text: string): Finding[] => {
      const at = text.search(/[A-Z]/);
      if (at < 0) return [];
      const lines = new LineIndex(text);
      const range = { start: lines.positionAt(at), end: lines.positionAt(at + 1) };
      const fix = { start: at, end: at + 1, range, newText: text[at]!.toLowerCase(), safe: true };
      return [{ ruleId: 'test-rule', severity: 'warning', message: 'lower it', start: at, end: at + 1, range, fix }];
    };
    const fixed = fixDocument('ABC', lint);
    assert.equal(fixed.text, 'abc');
    assert.deepEqual(fixed.summary, { applied: { 'test-rule': 3 }, total: 3, passes: 3, leftForReview: {} });
    assert.equal(describeFixSummary(fixed.summary), 'Fixed 3 problems (test-rule 3).');
  });

  it('leaves no safely fixable problem in the seed drafts and reports what it fixed', function () {
    if (!existsSync(SEEDS)) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'medlint-fixall-'));
    copyFileSync(join(SEEDS, '003_93f5c97bdb2aa39c.txt'), join(dir, 'draft.md'));
    const fixed = fixAll(readFileSync(join(dir, 'draft.md'), 'utf8'));
    assert.deepEqual(fixed.findings.filter((finding) => finding.fix?.safe).map((finding) => finding.ruleId), []);
    assert.deepEqual(fixed.summary.applied, { 'undefined-abbreviation': 4, 'preferred-term': 2 });
    assert.deepEqual(fixed.summary.leftForReview, { 'abbreviation-rarely-used': 6, misnomer: 10, 'person-first': 4 });
  });

  it('applies fixes without overlaps and computes one minimal edit for editors', () => {
    const text = 'ab cd ef';
    const lines = new LineIndex(text);
    const span = (start: number, end: number) => ({ start, end, range: { start: lines.positionAt(start), end: lines.positionAt(end) } });
    assert.equal(applyFixList(text, [{ ...span(6, 8), newText: 'EF', safe: true }, { ...span(0, 2), newText: 'AB', safe: true }]), 'AB cd EF');
    assert.deepEqual(minimalEdit('The PD1 cell.', 'The PD-1 cell.'), { start: 6, end: 6, newText: '-' });
    assert.deepEqual(minimalEdit('same', 'same'), { start: 4, end: 4, newText: '' });
  });

  it('offers fix-all of a rule, and fix all, only for safe fixes; a misnomer is fixed one instance at a time', () => {
    const text = 'Autoimmune therapy and autoimmune therapy differ. PD1 and PD1 too.';
    const findings = linter().lint(text);
    assert.deepEqual(
      planQuickFixes(findings, 0, 0).map((quickFix) => quickFix.title),
      // Fix all is offered (the document has safe fixes) but leaves the misnomers; no "fix all misnomer problems".
      ['Replace with "Immunotherapy" (misnomer)', 'Fix all safe medlint problems', 'Disable misnomer for this line', 'Learn about misnomer'],
    );
    const at = text.indexOf('PD1');
    assert.deepEqual(
      planQuickFixes(findings, at, at).map((quickFix) => quickFix.title),
      ['Replace with "Programmed cell death protein 1 (PD-1)" (preferred-term)', 'Fix all preferred-term problems in this file', 'Fix all safe medlint problems', 'Disable preferred-term for this line', 'Learn about preferred-term'],
    );
  });
});
