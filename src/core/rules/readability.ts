import { formatGrade, hardestSentences, proseReadability, sentenceText } from '../readability';
import type { Rule } from './rule';

// Fewer words than this give the formulas too little to go on: a section so short is not scored alone.
const FEWEST_WORDS = 20;
const QUOTED_WORDS = 8;

/** The opening words of a sentence, enough to find it. */
function opening(sentence: string): string {
  const words = sentence.split(' ');
  return words.length <= QUOTED_WORDS ? sentence : `${words.slice(0, QUOTED_WORDS).join(' ')}…`;
}

export const readability: Rule = {
  id: 'readability',
  defaultSeverity: 'warning',
  safeFixes: false,
  docs: {
    severity:
      'warning: in the patient profile only (off in the others), as health-literacy guidance (NIH, CDC Clear Communication Index, AMA) asks that patient materials read at grade 6–8, but a formula counts syllables, not meaning.',
    summary: 'Keep each section of a patient document at the target reading grade.',
    description:
      'Scores every section (heading to heading) and the whole document by the Flesch–Kincaid grade level and SMOG, ' +
      'and reports a section above the profile\'s target grade (8 in the patient profile; a team\'s profile sets ' +
      '`readability.targetGrade`) at its heading, with its scores and its three hardest sentences. Only paragraphs and ' +
      'list items are prose here: headings, tables, code, link targets, numbers and bracketed citations are not counted. ' +
      `A section of fewer than ${FEWEST_WORDS} words is too short to score alone. Syllables are counted by the \`syllable\` ` +
      'package and the grades by `flesch-kincaid` and `smog-formula`.',
    examples: [
      {
        markdown: '---\nmedlint: { profile: patient }\n---\n\n## Side effects\n\nYou may feel tired. You may feel sick to your stomach. Tell your nurse if you get a rash or a cough. Call us at once if you have a high fever.',
        expected: [],
      },
      {
        markdown:
          '---\nmedlint: { profile: patient }\n---\n\n## How it works\n\nImmune checkpoint inhibitors potentiate antitumour immunity by interrupting inhibitory signalling between tumour cells and activated lymphocytes. Consequently, immune-mediated inflammation may affect practically any organ system.',
        expected: [
          '5:4-5:16 Section "How it works" reads at grade 23.7 (SMOG 17.7), above the target of 8. Hardest sentences: "Consequently, immune-mediated inflammation may affect practically any organ…" (grade 24.6); "Immune checkpoint inhibitors potentiate antitumour immunity by interrupting…" (grade 23.8).',
        ],
      },
    ],
  },
  check(analysis, report) {
    const target = analysis.profile?.readability.targetGrade ?? 8;
    for (const section of proseReadability(analysis).sections) {
      const { scores } = section;
      if (scores.words < FEWEST_WORDS || !(scores.grade > target)) continue;
      const at = section.heading ?? section.sentences[0]!;
      const name = section.heading ? `Section "${section.title}"` : 'The text before the first heading';
      const hardest = hardestSentences(section).map((sentence) => `"${opening(sentenceText(analysis, sentence))}" (grade ${formatGrade(sentence.grade)})`);
      report({
        start: at.start,
        end: at.end,
        message: `${name} reads at grade ${formatGrade(scores.grade)} (SMOG ${formatGrade(scores.smog)}), above the target of ${target}. Hardest sentences: ${hardest.join('; ')}.`,
        explanation: 'Shorter sentences and everyday words bring the grade down: split long sentences, and say what a term means or use a plainer word.',
      });
    }
  },
};
