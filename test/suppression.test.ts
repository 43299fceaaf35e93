import assert from 'node:assert/strict';
import { linter } from './helpers';

function rulesAt(text: string): string[] {
  return linter().lint(text).map((finding) => `${finding.range.start.line + 1}:${finding.ruleId}`);
}

describe('suppression comments', () => {
  it('disable-next-line silences the next line only', () => {
    assert.deepEqual(rulesAt('<!-- medlint-disable-next-line -->\nKeytruda here.\n\nKeytruda there.'), ['4:brand-name']);
  });

  it('disable-next-line with rule ids silences only those rules', () => {
    assert.deepEqual(rulesAt('<!-- medlint-disable-next-line brand-name -->\nKeytruda cures cancer patients.'), ['2:overclaim', '2:person-first']);
  });

  it('disable-line silences the line the comment is on', () => {
    assert.deepEqual(rulesAt('Keytruda here. <!-- medlint-disable-line brand-name -->\nKeytruda there.'), ['2:brand-name']);
  });

  it('disable ... enable silences a region', () => {
    const text = 'Keytruda 1.\n\n<!-- medlint-disable brand-name misnomer -->\n\nKeytruda 2, autoimmune therapy.\n\n<!-- medlint-enable brand-name -->\n\nKeytruda 3, autoimmune therapy.';
    assert.deepEqual(rulesAt(text), ['1:brand-name', '9:brand-name']);
  });

  it('disable-file silences the whole file, wherever it stands', () => {
    assert.deepEqual(rulesAt('Keytruda cures.\n\n<!-- medlint-disable-file -->'), []);
    assert.deepEqual(rulesAt('Keytruda cures.\n\n<!-- medlint-disable-file overclaim -->'), ['1:brand-name']);
  });

  it('ignores comments inside code and comments of other tools', () => {
    assert.deepEqual(rulesAt('```\n<!-- medlint-disable-file -->\n```\n\n<!-- markdownlint-disable -->\nKeytruda.'), ['6:brand-name']);
  });
});
