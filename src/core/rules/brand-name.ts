import type { Rule } from './rule';
import { groupBy } from '../collections';
import { capitalizeAtSentenceStart, surface, termMatches, type TermMatch } from './helpers';

const TRADEMARK = /^[\u00ae\u2122]/;

export const brandName: Rule = {
  id: 'brand-name',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Use the generic name of a drug, not its brand name.',
    description:
      'Reports a brand name (Keytruda, Opdivo, Yervoy, Herceptin, Kymriah, Yescarta...) and fixes it to the generic name, ' +
      'including a trademark sign that follows it. A brand given in parentheses right after its own generic name, as ' +
      'regulatory style allows, is not reported.',
    examples: [
      { markdown: 'Patients received pembrolizumab (Keytruda).', expected: [] },
      { markdown: 'Patients received Keytruda every 3 weeks.', expected: ['1:19-1:27 "Keytruda" is a brand name: use the generic name "pembrolizumab".'] },
      { markdown: 'Yervoy® was added.', expected: ['1:1-1:8 "Yervoy®" is a brand name: use the generic name "ipilimumab".'] },
    ],
  },
  check(analysis, report) {
    const text = analysis.prose.text;
    let genericsByEnd: Map<number, TermMatch[]> | undefined;
    for (const match of termMatches(analysis, ['brand'])) {
      const { entry, replacement } = match.phrase.payload;
      const generic = replacement ?? entry.term;
      if (text[match.start - 1] === '(') {
        genericsByEnd ??= groupBy(termMatches(analysis, ['term', 'alias']), (generic) => generic.end);
        let genericEnd = match.start - 1;
        while (genericEnd > 0 && /\s/.test(text[genericEnd - 1]!)) genericEnd--;
        if (genericsByEnd.get(genericEnd)?.some((generic) => generic.phrase.payload.entry === entry)) continue;
      }
      const end = TRADEMARK.test(text.slice(match.end, match.end + 1)) ? match.end + 1 : match.end;
      const written = surface(analysis, { start: match.start, end });
      report({
        start: match.start,
        end,
        message: `"${written}" is a brand name: use the generic name "${generic}".`,
        fix: capitalizeAtSentenceStart(analysis, match.start, generic),
        entryId: entry.id,
      });
    }
  },
};
