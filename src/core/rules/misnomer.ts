import type { Rule } from './rule';
import { capitalizeAtSentenceStart, claimApplies, claimMatches, nonOverlapping, surface } from './helpers';

export const misnomer: Rule = {
  id: 'misnomer',
  defaultSeverity: 'error',
  safeFixes: false,
  perChunk: true,
  docs: {
    severity: 'error: a wrong name for a concept is wrong in every context the rule can see (inside a named speaker\'s quotation it is at most info).',
    summary: 'Do not use a wrong name for a concept.',
    description:
      'Reports terms that name a concept wrongly, first of all "autoimmune therapy" for immunotherapy: immunotherapy ' +
      'strengthens immune responses against the tumour, while autoimmunity is an adverse effect of it (immune-related ' +
      'adverse events), not its mechanism. "Autoimmune disease" and "autoimmunity" are correct and never reported.',
    examples: [
      { markdown: 'Immunotherapy can cause autoimmune disease as an adverse effect.', expected: [] },
      { markdown: 'Autoimmunity is not the mechanism.', expected: [] },
      {
        markdown: 'Autoimmune therapy helps some patients.',
        expected: ['1:1-1:19 Use "immunotherapy", not "Autoimmune therapy".'],
      },
      {
        markdown: 'New **autoimmune**\ncancer therapies are here.',
        expected: ['1:7-2:17 Use "cancer immunotherapies", not "autoimmune cancer therapies".'],
      },
    ],
  },
  check(analysis, report) {
    for (const match of nonOverlapping(claimMatches(analysis, 'misnomer'))) {
      if (!claimApplies(analysis, match)) continue;
      const { claim, phrase } = match.phrase.payload;
      const use = phrase.use;
      report({
        start: match.start,
        end: match.end,
        message: use ? `Use "${use}", not "${surface(analysis, match)}".` : `Do not use the misnomer "${surface(analysis, match)}".`,
        explanation: claim.explanation,
        ...(use ? { fix: capitalizeAtSentenceStart(analysis, match.start, use) } : {}),
        entryId: claim.id,
      });
    }
  },
};
