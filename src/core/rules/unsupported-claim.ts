import type { Rule } from './rule';
import { claimApplies, claimMatches, hasCitation, hasStatistic, inHeading, nonOverlapping, sentenceOf, surface } from './helpers';

export const unsupportedClaim: Rule = {
  id: 'unsupported-claim',
  defaultSeverity: 'warning',
  safeFixes: false,
  perChunk: true,
  docs: {
    severity: 'warning: whether a citation is expected depends on the register (a news item, a manuscript, promotional copy).',
    summary: 'Back an appeal to evidence or a comparison with a citation in the same sentence.',
    description:
      'Reports "studies have shown", "research shows", "experts agree", "it is well known" and unqualified comparatives ' +
      '("fewer side effects", "less toxic", "more effective") when the sentence cites nothing. A citation is [1], [1, 2], ' +
      '[ref 3], a footnote [^note], <sup>1</sup>, (Author et al., 2020), (2020) or a link, also when the sentence wraps ' +
      'onto the next line or the citation follows the full stop. Not reported: a comparison that explains how something ' +
      'works or what was aimed at ("helps T cells to be more effective", "designed to have fewer side effects"), a ' +
      'reported belief ("thought it would be less toxic"), a condition ("when clinical trials show"), the authors\' own ' +
      'results ("our data show"), a headline, whose body cites, and a comparison whose sentence reports its statistic ' +
      '("HR 0.59; 95% CI, 0.44 to 0.79", "15% vs 55%"). A named trial in parentheses ("(KEYNOTE-024)") is a citation.',
    examples: [
      { markdown: 'Studies have shown a benefit [1].', expected: [] },
      { markdown: 'Studies have shown a benefit\n(Smith et al., 2020).', expected: [] },
      { markdown: 'It caused fewer side effects.<sup>3</sup>', expected: [] },
      { markdown: 'Research shows a benefit ([trial](https://example.org/trial)).', expected: [] },
      { markdown: 'Reducing your immune cells helps the transferred T cells to be more effective.', expected: [] },
      { markdown: 'Nivolumab improved survival compared with docetaxel (HR 0.59; 95% CI, 0.44 to 0.79; P < .001).', expected: [] },
      { markdown: 'The regimen was better tolerated (15% vs 55%).', expected: [] },
      { markdown: 'Studies have shown a benefit (KEYNOTE-024, KEYNOTE-189).', expected: [] },
      { markdown: 'Our data show that tumour mutational burden predicts response.', expected: [] },
      { markdown: 'The trial was designed to find regimens with fewer side effects.', expected: [] },
      { markdown: 'Scientists thought targeted therapy would be less toxic than chemotherapy.', expected: [] },
      { markdown: 'When clinical trials show that a new treatment is better, it may become standard.', expected: [] },
      { markdown: '# Trial results show high remission rates\n\nThe trial enrolled 30 children [1].', expected: [] },
      {
        markdown: 'Studies have shown it slows tumours, with less side effects.',
        expected: [
          '1:1-1:19 Cite a source for "Studies have shown" in this sentence.',
          '1:43-1:60 Cite a source for "less side effects" in this sentence.',
        ],
      },
      {
        markdown: 'Studies have shown a benefit.',
        expected: ['1:1-1:19 Cite a source for "Studies have shown" in this sentence.'],
      },
      {
        markdown: 'The new drug is less toxic.',
        expected: ['1:17-1:27 Cite a source for "less toxic" in this sentence.'],
      },
    ],
  },
  check(analysis, report) {
    for (const match of nonOverlapping(claimMatches(analysis, 'unsupported-claim'))) {
      // A headline announces what the body then reports, and cites there.
      if (inHeading(analysis, match.start) || !claimApplies(analysis, match)) continue;
      const { claim } = match.phrase.payload;
      const sentence = sentenceOf(analysis, match.start);
      if (hasCitation(analysis, sentence) || (claim.supportedByStatistics && hasStatistic(analysis, sentence))) continue;
      report({ start: match.start, end: match.end, message: `Cite a source for "${surface(analysis, match)}" in this sentence.`, explanation: claim.explanation, entryId: claim.id });
    }
  },
};
