import assert from 'node:assert/strict';
import { fleschKincaid } from 'flesch-kincaid';
import { smogFormula } from 'smog-formula';
import { describeFinding, linter } from './helpers';

const PATIENT = '---\nmedlint: { profile: patient }\n---\n';
const round = (value: number) => Math.round(value * 10) / 10;

describe('readability', () => {
  describe('scores against published references', () => {
    // Wikipedia, "Flesch–Kincaid readability tests", section "Flesch–Kincaid grade level": "The
    // sentence, 'The Australian platypus is seemingly a hybrid of a mammal and reptilian creature' is
    // an 11.3 as it has 24 syllables and 13 words."
    const PLATYPUS = 'The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.';

    it('the formula gives the published grade from the published counts', () => {
      assert.equal(round(fleschKincaid({ sentence: 1, word: 13, syllable: 24 })), 11.3);
    });

    it('counts the published words and sentence exactly, and the syllables within two of the published 24', () => {
      const { document } = linter().readability(PLATYPUS);
      assert.deepEqual([document.sentences, document.words], [1, 13]);
      // The syllable package hears "Aus-tra-li-an" and "rep-ti-li-an" (4 each) where the reference
      // counts 3: 26, not 24, so 13.1 where the reference says 11.3 (each syllable is 0.9 of a grade
      // in a 13-word sentence).
      assert.equal(document.syllables, 26);
      assert.equal(round(document.grade), 13.1);
      assert.ok(Math.abs(document.grade - 11.3) <= 2);
    });

    // The formulas as published: Kincaid, Fishburne, Rogers and Chissom (1975), "Derivation of new
    // readability formulas ... for Navy enlisted personnel", grade = 0.39 (words/sentences) +
    // 11.8 (syllables/words) − 15.59; McLaughlin (1969), "SMOG grading: a new readability formula",
    // J Reading 12(8):639–646, grade = 1.0430 √(polysyllables × 30/sentences) + 3.1291.
    it('gives the Flesch–Kincaid grade of one-syllable sentences: 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45', () => {
      const { document } = linter().readability('The cat sat on the mat.');
      assert.deepEqual([document.sentences, document.words, document.syllables, document.polysyllables], [1, 6, 6, 0]);
      assert.equal(document.grade.toFixed(2), '-1.45');
    });

    it('gives the SMOG grade of 30 sentences with 9 polysyllables: 1.043 × 3 + 3.1291 = 6.26 (McLaughlin\'s rule of thumb: 3 + √9 = 6)', () => {
      const sentences = Array.from({ length: 30 }, (_, index) => (index < 9 ? 'We ate a banana.' : 'We ate a plum.'));
      const { document } = linter().readability(sentences.join(' '));
      assert.deepEqual([document.sentences, document.polysyllables], [30, 9]);
      assert.equal(document.smog.toFixed(2), '6.26');
      assert.equal(document.smog, smogFormula({ sentence: 30, polysillabicWord: 9 }));
    });
  });

  describe('what counts as prose', () => {
    const BASE = '# Your medicine\n\nTake one pill each day. Drink a glass of water with it.\n';

    it('leaves out headings, tables, code, link targets, numbers and bracketed citations', () => {
      const withMarkup = [
        '# Your medicine and the immunotherapy programme',
        '',
        'Take one pill each day [1]. Drink a glass of water with it ([2-4], [@lee2021]).',
        '',
        '| Dose | Immunotherapy combination |',
        '| --- | --- |',
        '| 200 mg | Pembrolizumab |',
        '',
        '```',
        'Immunotherapy documentation configuration',
        '```',
        '',
      ].join('\n');
      const plain = linter().readability(BASE).document;
      const marked = linter().readability(withMarkup).document;
      assert.deepEqual(marked, plain);
      const linked = linter().readability('# Your medicine\n\nTake [one pill](https://example.org/immunotherapy-documentation) each day `immunotherapy`. Drink a glass of water with it.\n').document;
      assert.deepEqual([linked.words, linked.syllables], [plain.words, plain.syllables]);
    });

    it('scores each section, heading to heading, and the document as a whole', () => {
      const text = 'Intro text is here for you.\n\n## Short\n\nTake one pill.\n\n## Long\n\nImmunotherapy documentation is complicated.\n';
      const report = linter().readability(text);
      assert.deepEqual(
        report.sections.map((section) => [section.title, section.hasHeading, section.span.range.start.line, section.scores.sentences, section.scores.words]),
        [
          ['', false, 0, 1, 6],
          ['Short', true, 2, 1, 3],
          ['Long', true, 6, 1, 4],
        ],
      );
      assert.deepEqual([report.document.sentences, report.document.words], [3, 13]);
      assert.deepEqual(report.profile, { name: 'professional', label: 'Professional' });
      assert.equal(report.targetGrade, 8);
    });
  });

  describe('the readability rule', () => {
    const HARD = [
      '## How the medicine works',
      '',
      'Immune checkpoint inhibitors potentiate antitumour immunity by interrupting inhibitory signalling.',
      'Consequently, immune-mediated inflammation may affect practically any organ system.',
      'Corticosteroids are administered for clinically significant toxicity.',
      'Call us.',
      '',
      '## Side effects',
      '',
      'You may feel tired. You may feel sick to your stomach. Tell your nurse if you get a rash or a cough. Call us at once if you have a high fever.',
      '',
    ].join('\n');

    it('reports a section above the target at its heading, with its scores and its three hardest sentences', () => {
      const findings = linter().lint(PATIENT + HARD).filter((finding) => finding.ruleId === 'readability');
      assert.deepEqual(findings.map(describeFinding), [
        '4:4-4:26 Section "How the medicine works" reads at grade 23.0 (SMOG 14.6), above the target of 8. Hardest sentences: "Immune checkpoint inhibitors potentiate antitumour immunity by interrupting…" (grade 26.1); "Corticosteroids are administered for clinically significant toxicity." (grade 25.9); "Consequently, immune-mediated inflammation may affect practically any organ…" (grade 24.6).',
      ]);
      assert.equal(findings[0]!.severity, 'warning');
    });

    it('is off in professional documents and takes a team profile\'s target', () => {
      assert.deepEqual(linter().lint(HARD).filter((finding) => finding.ruleId === 'readability'), []);
      const team = linter({ profiles: { lenient: { extends: 'patient', readability: { targetGrade: 24 } }, strict: { extends: 'patient', readability: { targetGrade: 0 } } } });
      const sections = (profile: string) =>
        team
          .lint(`---\nmedlint: { profile: ${profile} }\n---\n${HARD}`)
          .filter((finding) => finding.ruleId === 'readability')
          .map((finding) => finding.message.split(',')[0]);
      assert.deepEqual(sections('lenient'), []);
      // 32 words, 4 sentences, 34 syllables: 0.39 × 8 + 11.8 × 34/32 − 15.59 = 0.07.
      assert.deepEqual(sections('strict'), ['Section "How the medicine works" reads at grade 23.0 (SMOG 14.6)', 'Section "Side effects" reads at grade 0.1 (SMOG 3.1)']);
    });

    it('does not score a section of fewer than 20 words alone', () => {
      const text = `${PATIENT}## Dose\n\nImmunotherapy administration is individualised.\n`;
      assert.deepEqual(linter().lint(text).filter((finding) => finding.ruleId === 'readability'), []);
    });

    it('reports text before the first heading at its first sentence', () => {
      const text = `${PATIENT}Immune checkpoint inhibitors potentiate antitumour immunity by interrupting inhibitory signalling. Consequently, immune-mediated inflammation may affect practically any organ system in the body.\n`;
      const [finding] = linter().lint(text).filter((found) => found.ruleId === 'readability');
      assert.match(describeFinding(finding!), /^4:1-4:99 The text before the first heading reads at grade/);
    });
  });
});
