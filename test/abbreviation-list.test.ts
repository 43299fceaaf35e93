import assert from 'node:assert/strict';
import { abbreviationTable } from '../src/core/abbreviationList';
import { linter } from './helpers';

describe('abbreviation list', () => {
  it('lists every corpus abbreviation the document uses, sorted, once, in the corpus wording', () => {
    const text = [
      '# Results in NSCLC',
      '',
      'Programmed cell death protein 1 (PD-1) blockade improved overall survival (OS). Most irAEs were mild;',
      'PD-1 inhibitors are given until progression. HIV status was recorded.',
    ].join('\n');
    assert.deepEqual(
      linter().abbreviations(text).map((item) => `${item.abbreviation}: ${item.expansion}${item.ambiguous ? ' (ambiguous)' : ''}`),
      ['HIV: human immunodeficiency virus', 'irAE: immune-related adverse event', 'NSCLC: non-small cell lung cancer', 'OS: overall survival', 'PD-1: programmed cell death protein 1'],
    );
  });

  it('gives the sense the document defines, and all senses when it defines none', () => {
    assert.deepEqual(linter().abbreviations('Resting heart rate (HR) was normal; HR rose on exercise.').map((item) => item.expansion), ['heart rate']);
    assert.deepEqual(linter().abbreviations('Risk fell (hazard ratio [HR], 0.68).').map((item) => item.expansion), ['hazard ratio']);
    assert.deepEqual(linter().abbreviations('The HR was 0.68.'), [{ abbreviation: 'HR', expansion: 'hazard ratio', entryId: 'hazard-ratio', ambiguous: false, status: 'undefined' }]);
    // Undecided, the senses come likeliest first: "status" is what a hormone receptor has.
    assert.deepEqual(linter().abbreviations('HR status was known.'), [
      { abbreviation: 'HR', expansion: 'hormone receptor or hazard ratio or heart rate or homologous recombination or high risk', entryId: 'hazard-ratio', ambiguous: true, status: 'undefined' },
    ]);
  });

  it('takes the accepted expansion the document uses', () => {
    assert.deepEqual(linter().abbreviations('The overall response rate (ORR) was 40%.').map((item) => item.expansion), ['overall response rate']);
  });

  it('writes a Markdown table in the line endings asked for', () => {
    const items = linter().abbreviations('Adverse events (AEs) and serious adverse events (SAEs) were rare.');
    assert.equal(abbreviationTable(items, '\r\n'), '| Abbreviation | Definition |\r\n| --- | --- |\r\n| AE | adverse event |\r\n| SAE | serious adverse event |\r\n');
  });

  it('lists every abbreviation, not only the corpus ones, and marks those used but never defined', () => {
    const text = 'Next-generation sequencing (NGS) found KRAS. IHC and NGS agreed; DNA was extracted. The EMILIA trial enrolled.';
    assert.deepEqual(linter().abbreviations(text), [
      { abbreviation: 'DNA', expansion: 'deoxyribonucleic acid', ambiguous: false, status: 'well-known' },
      { abbreviation: 'IHC', expansion: '', ambiguous: false, status: 'undefined' },
      { abbreviation: 'KRAS', expansion: 'Kirsten rat sarcoma viral oncogene homolog', entryId: 'kras', ambiguous: false, status: 'well-known' },
      { abbreviation: 'NGS', expansion: 'next-generation sequencing', ambiguous: false, status: 'defined' },
    ]);
    assert.equal(
      abbreviationTable(linter().abbreviations(text)),
      '| Abbreviation | Definition |\n| --- | --- |\n| DNA | deoxyribonucleic acid |\n| IHC | **not defined in the document** |\n| KRAS | Kirsten rat sarcoma viral oncogene homolog |\n| NGS | next-generation sequencing |\n',
    );
  });

  it('lists per scope on request: the abstract, the body, then each legend', () => {
    const text = [
      '## Abstract',
      '',
      'Next-generation sequencing (NGS) helped; NGS is fast.',
      '',
      '## Methods',
      '',
      'NGS and immunohistochemistry (IHC) were done; IHC agreed.',
      '',
      'Figure 1. IHC by arm.',
    ].join('\n');
    assert.equal(
      abbreviationTable(linter().abbreviations(text, { byScope: true })),
      [
        '**The abstract**',
        '',
        '| Abbreviation | Definition |',
        '| --- | --- |',
        '| NGS | next-generation sequencing |',
        '',
        '**The body**',
        '',
        '| Abbreviation | Definition |',
        '| --- | --- |',
        '| IHC | immunohistochemistry |',
        '| NGS | next-generation sequencing (**not defined in the body**) |',
        '',
        '**The legend of Figure 1**',
        '',
        '| Abbreviation | Definition |',
        '| --- | --- |',
        '| IHC | immunohistochemistry (**not defined in the legend of Figure 1**) |',
        '',
      ].join('\n'),
    );
  });

  it('lists nothing for a document without abbreviations', () => {
    assert.deepEqual(linter().abbreviations('Plain prose about melanoma.'), []);
  });
});
