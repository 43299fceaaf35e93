import type { Rule } from './rule';
import { claimApplies, claimMatches, nonOverlapping, surface } from './helpers';

export const overclaim: Rule = {
  id: 'overclaim',
  defaultSeverity: 'warning',
  safeFixes: false,
  perChunk: true,
  docs: {
    severity: 'warning: whether a word is a claim depends on who says it and how, which the rule reads only in part.',
    summary: 'Avoid absolute or promotional claims.',
    description:
      'Reports claims no evidence supports in absolute form: cures, no side effects, completely safe, guaranteed, proven ' +
      'to, miracle, breakthrough, 100% effective, eliminates cancer. Negations ("there is no cure", "does not cure") and ' +
      'established terms ("Breakthrough Therapy designation", "breakthrough pain", "cure rate") are not reported, nor ' +
      'are uses the sentence shows are not claims: hedged ("appear to be cured"), an aim ("intended to cure"), reported ' +
      '("claimed it was a breakthrough"), one of a list of purposes ("diagnosis, cure, mitigation"), a quantified rate ' +
      '("80% are cured"), the word in quotes, or part of a capitalised name ("Miracle Mushroom Blend"). Also reported: ' +
      'promotional vocabulary (revolutionary, groundbreaking, game-changer, paradigm shift, beacon of hope, astonishing).',
    examples: [
      { markdown: 'There is no cure for this cancer, and the drug does not cure it.', expected: [] },
      { markdown: 'The drug received Breakthrough Therapy designation.', expected: [] },
      { markdown: 'More than 80% of children with ALL are cured by intensive chemotherapy.', expected: [] },
      { markdown: 'Many of these children survive for years: they appear to be cured.', expected: [] },
      { markdown: 'Products intended for use in the diagnosis, cure, mitigation, treatment, or prevention of disease are drugs.', expected: [] },
      { markdown: 'The company claimed its tea was a breakthrough.', expected: [] },
      {
        markdown: 'We believe our tea is clinically proven to work.',
        expected: ['1:23-1:40 Qualify the absolute claim "clinically proven".'],
      },
      { markdown: 'NIH is investigating the causes, treatments, and cures for both common and rare diseases.', expected: [] },
      { markdown: 'The word "cure" is best avoided.', expected: [] },
      { markdown: 'FDA named "Miracle Mushroom Blend" among the products.', expected: [] },
      { markdown: 'Patients had breakthrough CMV infection.', expected: [] },
      { markdown: 'No side effects were observed in the first cohort.', expected: [] },
      {
        markdown: 'This revolutionary therapy is a game-changer.',
        expected: [
          '1:6-1:19 Qualify the absolute claim "revolutionary".',
          '1:33-1:45 Qualify the absolute claim "game-changer".',
        ],
      },
      {
        markdown: 'This drug cures melanoma.',
        expected: ['1:11-1:16 Qualify the absolute claim "cures".'],
      },
      {
        markdown: 'It has no side effects.',
        expected: ['1:8-1:23 Qualify the absolute claim "no side effects".'],
      },
    ],
  },
  check(analysis, report) {
    for (const match of nonOverlapping(claimMatches(analysis, 'overclaim'))) {
      if (!claimApplies(analysis, match)) continue;
      const { claim } = match.phrase.payload;
      report({ start: match.start, end: match.end, message: `Qualify the absolute claim "${surface(analysis, match)}".`, explanation: claim.explanation, entryId: claim.id });
    }
  },
};
