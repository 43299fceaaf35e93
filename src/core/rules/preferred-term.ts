import type { Rule } from './rule';
import { nonOverlapping, surface, termMatches } from './helpers';

export const preferredTerm: Rule = {
  id: 'preferred-term',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Use the preferred form of a term, not a listed variant.',
    description: 'Reports a non-preferred variant listed in the corpus (PD1, Pd-1, CTLA4, CAR-T, Her2, HER-2, irAE\'s, T-cells) and fixes it to the preferred form.',
    examples: [
      { markdown: 'Trastuzumab targets HER2.', expected: [] },
      { markdown: 'HER2-positive tumours respond.', expected: [] },
      { markdown: 'Trastuzumab targets Her2.', expected: ['1:21-1:25 Use the preferred form "HER2", not "Her2".'] },
      { markdown: 'T-cells and CTLA4 were studied.', expected: ['1:1-1:8 Use the preferred form "T cells", not "T-cells".', '1:13-1:18 Use the preferred form "CTLA-4", not "CTLA4".'] },
      { markdown: 'CAR-T products differ.', expected: ['1:1-1:6 Use the preferred form "CAR T", not "CAR-T".'] },
    ],
  },
  check(analysis, report) {
    for (const match of nonOverlapping(termMatches(analysis, ['variant']))) {
      const { entry, replacement } = match.phrase.payload;
      const preferred = `${replacement}${match.plural ? 's' : ''}`;
      report({ start: match.start, end: match.end, message: `Use the preferred form "${preferred}", not "${surface(analysis, match)}".`, fix: preferred, entryId: entry.id });
    }
  },
};
