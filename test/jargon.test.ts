import assert from 'node:assert/strict';
import { describeFinding, linter } from './helpers';

const PATIENT = '---\nmedlint: { profile: patient }\n---\n';

function jargon(body: string): string[] {
  return linter()
    .lint(PATIENT + body)
    .filter((finding) => finding.ruleId === 'jargon')
    .map(describeFinding);
}

function fixOf(body: string): string | undefined {
  return linter()
    .lint(PATIENT + body)
    .find((finding) => finding.ruleId === 'jargon')?.fix?.newText;
}

const T_CELL = 'Explain "T cell" in plain words, e.g. "A kind of white blood cell that kills infected or cancer cells, or helps other immune cells do their job."';

describe('jargon', () => {
  describe('accepts a term explained as writers explain it', () => {
    const explained = [
      'A T cell (a kind of white blood cell) attacks the cancer.',
      'A T cell, a kind of white blood cell, attacks the cancer.',
      'A T cell — a kind of white blood cell — attacks the cancer.',
      'A T cell, which is a kind of white blood cell, attacks the cancer.',
      'A T cell, or killer white blood cell, attacks the cancer.',
      'A T cell is a kind of white blood cell that attacks cancer.',
      'Your body has a white blood cell called a T cell.',
      'Your body has a white blood cell known as a "T cell".',
      'The drug wakes up each T cell. It is a kind of white blood cell that attacks cancer.',
      'The drug wakes up each T cell. This means your immune system can attack the cancer.',
      'The drug wakes up each T cell. A T cell is a kind of white blood cell.',
      'The drug wakes up each T cell. T cells are a kind of white blood cell.',
      'A lab test shows how much of the protein PD-L1 a tumor has.',
      'These drugs do not work on the HER2 marker.',
      'The drug finds myeloma cancer cells.',
      // Forms in NCI and FDA patient materials (test/real/docs), reworded.
      'Call us if you have lung problems (pneumonitis).',
      'The drug blocks its partner protein PD-L1.',
      'It treats blood cancers like Hodgkin lymphoma and multiple myeloma.',
      'It treats large B-cell lymphoma or follicular lymphoma, two types of lymphoma.',
      'T-cell transfer therapy is a type of immunotherapy.',
      'Some people get tumor lysis syndrome. In this syndrome, the tumor cells break apart in the blood.',
      'It can release cytokines into the blood. Cytokines are immune substances with many jobs.',
      'These drugs block immune checkpoints. These checkpoints are a normal part of the immune system.',
    ];
    for (const text of explained) {
      it(text, () => assert.deepEqual(jargon(text), []));
    }
  });

  describe('reports a term left unexplained', () => {
    it('at its first use, once per document, with the lay definition', () => {
      assert.deepEqual(jargon('The drug wakes up each T cell. Take it each day. Each T cell then attacks.\n\nA T cell is a kind of white blood cell.\n'), [`4:24-4:30 ${T_CELL}`]);
    });

    it('not when its first use is explained and a later one is not', () => {
      assert.deepEqual(jargon('A T cell, a kind of white blood cell, attacks cancer.\n\nThe drug wakes up each T cell.\n'), []);
    });

    it('when the parenthesis after it is its abbreviation or expansion, not an explanation', () => {
      assert.deepEqual(jargon('Your medicine blocks programmed cell death protein 1 (PD-1).'), [
        '4:22-4:53 Explain "programmed cell death protein 1" in plain words, e.g. "A protein on T cells, a type of immune cell, that acts like a brake."',
      ]);
      assert.deepEqual(jargon('You may get cytokine release syndrome (CRS).').length, 1);
      assert.deepEqual(jargon('You may get an immune-related adverse event (irAE) and need care.').length, 1);
    });

    it('when the next sentence is in another section', () => {
      assert.deepEqual(jargon('The drug wakes up each T cell.\n\n## What it is\n\nIt is a kind of white blood cell.\n'), [`4:24-4:30 ${T_CELL}`]);
    });

    it('an abbreviation as well as a written-out term', () => {
      assert.deepEqual(jargon('Tell us about any irAE you have.'), ['4:19-4:23 Explain "irAE" in plain words, e.g. "A side effect of immune drugs for cancer."']);
    });
  });

  describe('leaves alone', () => {
    it('professional documents (off outside the patient profile)', () => {
      assert.deepEqual(linter().lint('The drug wakes up each T cell.').filter((finding) => finding.ruleId === 'jargon'), []);
    });

    it('everyday words the corpus marks plain', () => {
      assert.deepEqual(jargon('Chemotherapy and immunotherapy can both help. Your quality of life matters.'), []);
    });

    it('brand names, headings, and gene mentions', () => {
      assert.deepEqual(jargon('Keytruda is given by drip.'), []);
      assert.deepEqual(jargon('# About CAR T-cell therapy\n\nAsk your nurse.\n'), []);
      assert.deepEqual(jargon('| Medicine | Used for |\n| --- | --- |\n| Kymriah | Follicular lymphoma |\n'), []);
      assert.deepEqual(jargon('Tests looked at the *CD274* gene.'), []);
    });
  });

  describe('the fix', () => {
    it('puts the lay definition in parentheses after the term, never for fix-all', () => {
      const [finding] = linter().lint(`${PATIENT}The drug wakes up each T cell.`).filter((found) => found.ruleId === 'jargon');
      assert.equal(finding!.fix!.newText, 'T cell (a kind of white blood cell that kills infected or cancer cells, or helps other immune cells do their job)');
      assert.equal(finding!.fix!.safe, false);
    });

    it('is not offered where the text would not read: a plural, inside a parenthesis, a lay text that is not a noun phrase', () => {
      assert.equal(fixOf('The drug wakes up your T cells.'), undefined);
      assert.equal(fixOf('It helps your immune system (including each T cell).'), undefined);
      assert.equal(jargon('You may get colitis.').length, 1);
      assert.equal(fixOf('You may get colitis.'), undefined, 'its lay text opens "Swelling and soreness of…"');
    });
  });
});
