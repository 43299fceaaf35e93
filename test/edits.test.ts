import assert from 'node:assert/strict';
import { moveFindings } from '../src/core/edits';
import { describeFinding, linter } from './helpers';

describe('findings moved with an edit', () => {
  const before = 'Intro.\nKeytruda and Opdivo.\n';

  it('drops a finding the edit touches, also at its end, and moves a later one by the exact offset', () => {
    const findings = linter().lint(before);
    assert.deepEqual(findings.map((finding) => before.slice(finding.start, finding.end)), ['Keytruda', 'Opdivo']);
    const after = 'Intro.\nKeytruda trial and Opdivo.\n';
    const moved = moveFindings(findings, [{ offset: 15, length: 0, text: ' trial' }], after);
    assert.deepEqual(moved.map(describeFinding), ['2:20-2:26 "Opdivo" is a brand name: use the generic name "nivolumab".']);
    assert.equal(after.slice(moved[0]!.start, moved[0]!.end), 'Opdivo');
    assert.deepEqual([moved[0]!.fix?.start, moved[0]!.fix?.end, moved[0]!.fix?.newText], [26, 32, 'nivolumab']);
    assert.deepEqual(moved[0]!.fix?.range, moved[0]!.range);
  });

  it('applies several changes of one event, each at offsets of the text before it, and keeps findings before them', () => {
    const findings = linter().lint(before);
    // "Intro." becomes "Title\nIntro." and "and" becomes "plus": Keytruda moves a line down, Opdivo too and by one more.
    const after = 'Title\nIntro.\nKeytruda plus Opdivo.\n';
    const moved = moveFindings(findings, [{ offset: 16, length: 3, text: 'plus' }, { offset: 0, length: 0, text: 'Title\n' }], after);
    assert.deepEqual(moved.map((finding) => `${describeFinding(finding).split(' ')[0]} ${after.slice(finding.start, finding.end)}`), ['3:1-3:9 Keytruda', '3:15-3:21 Opdivo']);
  });

  it('drops a finding a deletion reaches into, and keeps one ending just before an insertion after it', () => {
    const findings = linter().lint(before);
    const afterDeletion = 'Intro.\nKeyd Opdivo.\n';
    const deleted = moveFindings(findings, [{ offset: 10, length: 8, text: '' }], afterDeletion);
    assert.deepEqual(deleted.map((finding) => afterDeletion.slice(finding.start, finding.end)), ['Opdivo']);
    assert.deepEqual(deleted.map(describeFinding), ['2:6-2:12 "Opdivo" is a brand name: use the generic name "nivolumab".']);
    const kept = moveFindings(findings, [{ offset: 27, length: 0, text: ' now' }], 'Intro.\nKeytruda and Opdivo. now\n');
    assert.deepEqual(kept.map((finding) => [finding.start, finding.end]), [[7, 15], [20, 26]]);
  });
});
