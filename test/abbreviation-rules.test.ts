import assert from 'node:assert/strict';
import { applyFixes } from '../src/core/fixes';
import { WELL_KNOWN_ABBREVIATIONS } from '../src/core/wellKnownAbbreviations';
import type { AbbreviationOptions } from '../src/core/types';
import { findingsOf, linter } from './helpers';

const ABBREVIATION_RULES = ['undefined-abbreviation', 'abbreviation-defined-late', 'abbreviation-redefined', 'expanded-after-definition', 'abbreviation-rarely-used'];

/** The abbreviation rules' findings, in the rule docs' notation. */
function abbreviationFindings(markdown: string, abbreviations?: AbbreviationOptions): string[] {
  return linter(abbreviations ? { abbreviations } : {})
    .lint(markdown)
    .filter((finding) => ABBREVIATION_RULES.includes(finding.ruleId))
    .map((finding) => `${finding.ruleId} ${finding.range.start.line + 1}:${finding.range.start.character + 1}-${finding.range.end.line + 1}:${finding.range.end.character + 1} ${finding.message}`);
}

describe('abbreviations found by their shape (issue #17)', () => {
  it('reports every undefined abbreviation, not only the corpus ones, without a fix when the corpus does not know it', () => {
    const text = 'NGS and IHC were done; ALT rose.';
    const findings = linter().lint(text).filter((finding) => finding.ruleId === 'undefined-abbreviation');
    assert.deepEqual(
      findings.map((finding) => [text.slice(finding.start, finding.end), finding.message, finding.fix, finding.entryId, finding.abbreviation]),
      [
        ['NGS', '"NGS" is not defined and not used again: write the term in full.', undefined, undefined, { short: 'NGS' }],
        ['IHC', '"IHC" is not defined and not used again: write the term in full.', undefined, undefined, { short: 'IHC' }],
        ['ALT', '"ALT" is not defined and not used again: write the term in full.', undefined, undefined, { short: 'ALT' }],
      ],
    );
  });

  it('finds abbreviations of every shape: mixed case, digits, Greek letters, plurals', () => {
    assert.deepEqual(abbreviationFindings('HbA1c, IFN-γ, IL-6R, ADRs and TNFα were recorded.'), [
      'undefined-abbreviation 1:1-1:6 "HbA1c" is not defined and not used again: write the term in full.',
      'undefined-abbreviation 1:8-1:13 "IFN-γ" is not defined and not used again: write "interferon gamma".',
      'undefined-abbreviation 1:15-1:20 "IL-6R" is not defined and not used again: write "interleukin-6 receptor".',
      'undefined-abbreviation 1:22-1:26 "ADRs" is not defined and not used again: write the term in full.',
      'undefined-abbreviation 1:31-1:35 "TNFα" is not defined and not used again: write the term in full.',
    ]);
    const plural = linter().lint('ADRs were mild.')[0]!;
    assert.deepEqual(plural.abbreviation, { short: 'ADR' });
  });

  describe('definition forms', () => {
    const defined = [
      'Next-generation sequencing (NGS) was done. NGS found KRAS.',
      'NGS (next-generation sequencing) was done. NGS found KRAS.',
      'Tumours were profiled (next-generation sequencing [NGS], 2019). NGS found KRAS.',
      'Next-generation sequencing or NGS was done. NGS found KRAS.',
      'Next-generation sequencing (or NGS) was done. NGS found KRAS.',
      'Next-generation sequencing, also called NGS, was done. NGS found KRAS.',
      'NGS, for next-generation sequencing, was done. NGS found KRAS.',
      'NGS = next-generation sequencing\n\nNGS found KRAS.',
      'Abbreviations: NGS, next-generation sequencing; IHC, immunohistochemistry.\n\nNGS and IHC were done.',
      '## Abbreviations\n\n| Abbreviation | Definition |\n| --- | --- |\n| NGS | next-generation sequencing |\n\n## Methods\n\nNGS was done.',
      '## List of abbreviations\n\n- NGS: next-generation sequencing\n\n## Methods\n\nNGS was done.',
      '## Next-generation sequencing (NGS)\n\nNGS found KRAS.',
      'The Center for Cancer Research (CCR) leads. The CCR grew.',
    ];
    for (const markdown of defined) {
      it(`accepts ${JSON.stringify(markdown)}`, () => assert.deepEqual(abbreviationFindings(markdown), []));
    }

    it('reads the words whose initials spell the abbreviation, minor words skipped, so a fix keeps the whole name', () => {
      const text = 'The Center for Cancer Research (CCR) leads. Later, the Center for Cancer Research (CCR) grew. The CCR hires.';
      const [finding] = linter().lint(text).filter((candidate) => candidate.ruleId === 'abbreviation-redefined');
      assert.equal(text.slice(finding!.start, finding!.end), 'Center for Cancer Research (CCR)');
      assert.equal(applyFixes(text, [finding!]).text, 'The Center for Cancer Research (CCR) leads. Later, the CCR grew. The CCR hires.');
    });

    it('does not take a parenthesis in the next paragraph as the one a definition closes', () => {
      const text = 'Programmed cell death protein 1 (PD-1) is a receptor. Later, programmed cell death protein 1 (PD-1\n\n) is written again.';
      const [finding] = linter().lint(text).filter((candidate) => candidate.ruleId === 'abbreviation-redefined');
      assert.equal(text.slice(finding!.start, finding!.end), 'programmed cell death protein 1 (PD-1');
    });
  });

  describe('scopes (AMA: the abstract, the body and each legend define their own)', () => {
    it('asks the body to define what the abstract defined, offering the abstract\'s expansion', () => {
      const text = '## Abstract\n\nNext-generation sequencing (NGS) was done; NGS found KRAS.\n\n## Methods\n\nNGS was done. NGS agreed.';
      const [finding] = linter().lint(text).filter((candidate) => candidate.ruleId === 'undefined-abbreviation');
      assert.equal(
        finding!.message,
        '"NGS" is not defined at first use in the body: write "next-generation sequencing (NGS)". It is defined in the abstract, on line 3; the body defines its own.',
      );
      assert.equal(applyFixes(text, [finding!]).text, text.replace('\n\nNGS was done.', '\n\nNext-generation sequencing (NGS) was done.'));
      assert.deepEqual(finding!.abbreviation, { short: 'NGS', expansion: 'next-generation sequencing' });
    });

    it('writes the term out where the abbreviation is used only once in its scope', () => {
      const text = 'The ITT population was analysed.';
      const [finding] = linter().lint(text).filter((candidate) => candidate.ruleId === 'undefined-abbreviation');
      assert.equal(finding!.message, '"ITT" is not defined and not used again: write "intention-to-treat".');
      assert.equal(applyFixes(text, [finding!]).text, 'The intention-to-treat population was analysed.');
    });

    it('reads "Key points" and a front section headed Summary as the abstract, but not a closing Summary', () => {
      assert.equal(abbreviationFindings('## Key Points\n\nNext-generation sequencing (NGS) helps; NGS is fast.\n\n## Introduction\n\nNGS is fast.').length, 1);
      assert.equal(abbreviationFindings('# Title\n\n## Summary\n\nNext-generation sequencing (NGS) helps; NGS is fast.\n\n## Introduction\n\nNGS is fast.').length, 1);
      assert.deepEqual(abbreviationFindings('## Methods\n\nNext-generation sequencing (NGS) helps; NGS is fast.\n\n## Summary\n\nNGS is fast.'), []);
    });

    it('asks each captioned table and figure legend to define its own, and its "Abbreviations:" line serves the whole legend', () => {
      const body = 'Next-generation sequencing (NGS) was done. NGS found KRAS.\n\n';
      assert.deepEqual(abbreviationFindings(`${body}Table 1. Results by test\n\n| Test | NGS |\n| --- | --- |\n| A | 3 |`), [
        'undefined-abbreviation 5:10-5:13 "NGS" is not defined in the legend of Table 1 and not used again: write "next-generation sequencing". It is defined in the body, on line 1; the legend of Table 1 defines its own.',
      ]);
      assert.deepEqual(abbreviationFindings(`${body}Table 1. Results by test\n\n| Test | NGS |\n| --- | --- |\n| A | 3 |\n\nAbbreviation: NGS, next-generation sequencing.`), []);
      assert.deepEqual(abbreviationFindings(`${body}Figure 2. NGS results by arm.`), [
        'undefined-abbreviation 3:11-3:14 "NGS" is not defined in the legend of Figure 2 and not used again: write "next-generation sequencing". It is defined in the body, on line 1; the legend of Figure 2 defines its own.',
      ]);
      // A table with neither caption nor notes belongs to the text around it.
      assert.deepEqual(abbreviationFindings(`${body}| Test | NGS |\n| --- | --- |\n| A | 3 |`), []);
    });

    it('lets a glossary serve every scope, and `scopes: document` one definition serve all', () => {
      const glossary = '## Abbreviations\n\n| Abbreviation | Definition |\n| --- | --- |\n| NGS | next-generation sequencing |\n\n';
      const parts = '## Abstract\n\nNGS helps.\n\n## Methods\n\nNGS was done.\n\nFigure 1. NGS by arm.';
      assert.deepEqual(abbreviationFindings(glossary + parts), []);
      const defined = '## Abstract\n\nNext-generation sequencing (NGS) helps; NGS is fast.\n\n## Methods\n\nNGS was done.\n\nFigure 1. NGS by arm.';
      assert.equal(abbreviationFindings(defined).length, 2);
      assert.deepEqual(abbreviationFindings(defined, { scopes: 'document' }), []);
    });
  });

  describe('exempt', () => {
    it('lets every abbreviation of the documented well-known list stand, and a team trims or extends it', () => {
      const sentence = `Readers know ${Object.keys(WELL_KNOWN_ABBREVIATIONS).join(', ')}.`;
      assert.deepEqual(abbreviationFindings(sentence), []);
      assert.deepEqual(abbreviationFindings('A CT scan and NGS were done.', { expand: ['CT'], ignore: ['NGS'] }), [
        'undefined-abbreviation 1:3-1:5 "CT" is not defined and not used again: write the term in full.',
      ]);
    });

    const exempt: [string, string][] = [
      ['units and symbols', 'Doses of 10 mg/kg, 5 mL, 37 °C, 2 kg/m² and 5 MBq were used.'],
      ['roman numerals', 'In phase III and stage IIIB, grade IV events were rare.'],
      ['chemical formulae', 'CO2, H2O, NaCl and MgSO4 were measured.'],
      ['gene symbols, italic or beside "gene"', 'The *ABCB1* variant and the SLC22A1 gene were sequenced.'],
      ['a sentence about genes', 'The genes known as RAS have three members: KRAS, NRAS and HRAS.'],
      ['CD antigens', 'CD8+ and CD19 cells were counted.'],
      ['code, URLs and citation keys', 'See `NGS`, <https://example.org/NGS> and [@NGS2020].'],
      ['trial names', 'The EMILIA trial and the CLEOPATRA (NCT00567190) trial enrolled patients.'],
      ['identifiers and protein changes', 'Trial NCT01234567 tested MK-3475-054 in G12D and V600E tumours.'],
      ['a block in capitals', 'WARNING: SERIOUS INFECTIONS AND MALIGNANCY'],
      ['a phrase in capitals', 'Read the BOXED WARNING first.'],
      ['a speaker or memo label', 'SB: We talked about the series.'],
      ['a date and an address', 'FEB 26, 2015, from Bethesda, MD 20892.'],
      ['a legal citation and a company', 'Under 21 CFR Part 108, H2 BEV, LLC was inspected.'],
      ['a pronunciation', 'KYMRIAH (pronounced KIM-RYE-AH) is given once.'],
      ['a heading', '## NGS results\n\nNext-generation sequencing (NGS) was done. NGS found KRAS.'],
      ['camel-case names', 'PubMed, ClinicalTrials and McDonald were cited.'],
    ];
    for (const [what, markdown] of exempt) {
      it(what, () => assert.deepEqual(abbreviationFindings(markdown), []));
    }

    it('reads the words around the capitals in their own paragraph only', () => {
      // A citation split by a paragraph break: the number now opens the next paragraph.
      assert.deepEqual(abbreviationFindings('It violates 21 USC\n\n331 of the Act.'), ['undefined-abbreviation 1:16-1:19 "USC" is not defined and not used again: write the term in full.']);
      assert.deepEqual(abbreviationFindings('It violates 21 USC 331 of the Act.'), []);
    });
  });

  describe('the other abbreviation rules', () => {
    it('moves a late definition to the first use, in one fix', () => {
      const text = 'The NGS panel was run. Next-generation sequencing (NGS) found KRAS.';
      const findings = linter().lint(text);
      assert.deepEqual(findingsOf(text, 'abbreviation-defined-late'), ['1:5-1:8 "NGS" is used before its definition on line 1: define it here.']);
      const late = findings.find((finding) => finding.ruleId === 'abbreviation-defined-late')!;
      assert.equal(applyFixes(text, [late]).text, 'The next-generation sequencing (NGS) panel was run. NGS found KRAS.');
      assert.equal(late.fix!.safe, true);
    });

    it('reports a redefinition with the same meaning (fixed to the abbreviation) and with another (no fix)', () => {
      const text = 'Next-generation sequencing (NGS) was done. Next-generation sequencing (NGS) was repeated. NGS agreed.';
      const [again] = linter().lint(text).filter((finding) => finding.ruleId === 'abbreviation-redefined');
      assert.equal(again!.message, '"NGS" is already defined, on line 1: write "NGS".');
      assert.equal(applyFixes(text, [again!]).text, 'Next-generation sequencing (NGS) was done. NGS was repeated. NGS agreed.');
      assert.deepEqual(abbreviationFindings('Adverse drug reactions (ADRs) were mild. Later, automated dose reduction (ADR) was used. ADRs fell.'), [
        'abbreviation-redefined 1:49-1:79 "ADR" is defined again as "automated dose reduction", after "Adverse drug reactions" on line 1: give each meaning its own abbreviation.',
      ]);
    });

    it('fixes a term written out after its abbreviation to the abbreviation', () => {
      const text = 'Next-generation sequencing (NGS) was done. Next-generation sequencing found KRAS.';
      const [written] = linter().lint(text).filter((finding) => finding.ruleId === 'expanded-after-definition');
      assert.equal(written!.message, 'Write "NGS": "Next-generation sequencing" is abbreviated from line 1 on.');
      assert.equal(applyFixes(text, [written!]).text, 'Next-generation sequencing (NGS) was done. NGS found KRAS.');
    });

    it('counts uses after the definition against `minUses`', () => {
      const text = 'Next-generation sequencing (NGS) was done. NGS found KRAS.';
      assert.deepEqual(abbreviationFindings(text), []);
      assert.deepEqual(abbreviationFindings(text, { minUses: 2 }), [
        'abbreviation-rarely-used 1:1-1:33 "NGS" is used once (fewer than 2) after its definition: write "Next-generation sequencing" without it.',
      ]);
      const [rare] = linter({ abbreviations: { minUses: 2 } }).lint(text).filter((finding) => finding.ruleId === 'abbreviation-rarely-used');
      assert.equal(applyFixes(text, [rare!]).text, 'Next-generation sequencing was done. NGS found KRAS.');
      assert.equal(rare!.fix!.safe, false);
    });
  });
});
