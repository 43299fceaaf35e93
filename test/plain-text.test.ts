import assert from 'node:assert/strict';
import { plainProse } from '../src/core/plainText';
import { describeFinding, linter } from './helpers';

describe('plain text', () => {
  it('reads Markdown characters as text: an asterisk, a hash and a code span are prose', () => {
    const text = '# Keytruda\n\n*Opdivo* and `Yervoy` work.\n';
    assert.deepEqual(linter().lint(text, 'plaintext').filter((finding) => finding.ruleId === 'brand-name').map(describeFinding), [
      '1:3-1:11 "Keytruda" is a brand name: use the generic name "pembrolizumab".',
      '3:2-3:8 "Opdivo" is a brand name: use the generic name "nivolumab".',
      '3:15-3:21 "Yervoy" is a brand name: use the generic name "ipilimumab".',
    ]);
    // As Markdown the code span is not prose.
    assert.deepEqual(linter().lint(text).filter((finding) => finding.ruleId === 'brand-name').map((finding) => text.slice(finding.start, finding.end)), ['Keytruda', 'Opdivo']);
  });

  it('ends a sentence at a blank line, and reads CRLF as LF with exact ranges', () => {
    const prose = plainProse('Studies have shown\r\n\r\nit works.\r\nKeytruda');
    assert.equal(prose.text, 'Studies have shown\u2029it works.\nKeytruda');
    assert.deepEqual(prose.blocks, [{ kind: 'paragraph', start: 0, end: 18 }, { kind: 'paragraph', start: 19, end: 37 }]);
    assert.equal(prose.map[19], 22);
    assert.equal(prose.map[28], 32);
    assert.equal(prose.map[29], 33);
    const findings = linter().lint('Patients on Opdivo.\r\n\r\nCancer patients\r\nimproved.', 'plaintext');
    assert.deepEqual(findings.map(describeFinding), [
      '1:13-1:19 "Opdivo" is a brand name: use the generic name "nivolumab".',
      '3:1-3:16 Use "patients with cancer", not "Cancer patients".',
    ]);
  });

  it('hovers a term in plain text at its exact range', () => {
    const text = '**not bold** PD-1 here';
    const card = linter().hover(text, 15, 'plaintext');
    assert.equal(card?.entryId, 'pd-1');
    assert.deepEqual([card?.start, card?.end], [13, 17]);
  });

  it('honours medlint suppression comments, which are not prose, and reads other comments as text', () => {
    const text = 'Keytruda works. <!-- medlint-disable-line brand-name -->\nOpdivo <!-- a note --> works.\n';
    assert.deepEqual(linter().lint(text, 'plaintext').map(describeFinding), ['2:1-2:7 "Opdivo" is a brand name: use the generic name "nivolumab".']);
    assert.equal(plainProse(text).text, 'Keytruda works. \nOpdivo <!-- a note --> works.\n');
  });
});
