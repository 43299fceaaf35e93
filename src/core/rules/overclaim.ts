import type { Rule } from './rule';
import { claimApplies, claimMatches, nonOverlapping, surface } from './helpers';

export const overclaim: Rule = {
  id: 'overclaim',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Avoid absolute or promotional claims.',
    description:
      'Reports claims no evidence supports in absolute form: cures, no side effects, completely safe, guaranteed, proven ' +
      'to, miracle, breakthrough, 100% effective, eliminates cancer. Negations ("there is no cure", "does not cure") and ' +
      'established terms ("Breakthrough Therapy designation", "breakthrough pain", "cure rate") are not reported.',
    examples: [
      { markdown: 'There is no cure for this cancer, and the drug does not cure it.', expected: [] },
      { markdown: 'The drug received Breakthrough Therapy designation.', expected: [] },
      {
        markdown: 'This drug cures melanoma.',
        expected: ['1:11-1:16 "cures" is an absolute claim. Few cancer treatments cure every patient; report what the evidence shows, such as response or survival rates.'],
      },
      {
        markdown: 'It has no side effects.',
        expected: ['1:8-1:23 "no side effects" is an absolute claim. Every active treatment has side effects; describe their type, frequency and severity instead.'],
      },
    ],
  },
  check(analysis, report) {
    for (const match of nonOverlapping(claimMatches(analysis, 'overclaim'))) {
      if (!claimApplies(analysis, match)) continue;
      const { claim } = match.phrase.payload;
      report({ start: match.start, end: match.end, message: `"${surface(analysis, match)}" is an absolute claim. ${claim.explanation}`, entryId: claim.id });
    }
  },
};
