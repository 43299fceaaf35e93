import { abbreviationIndex, definesInText, definitionSpan, lineOf, occurrencesByScope } from '../abbreviationIndex';
import { normalizeExpansion } from '../corpus/compile';
import { definitionIn } from '../documentParts';
import type { Rule } from './rule';
import { surface } from './helpers';

const sameExpansion = (a: string, b: string) => {
  const [x, y] = [normalizeExpansion(a).replace(/s$/, ''), normalizeExpansion(b).replace(/s$/, '')];
  return x === y;
};

export const abbreviationRedefined: Rule = {
  id: 'abbreviation-redefined',
  defaultSeverity: 'warning',
  safeFixes: true,
  docs: {
    severity: 'warning: a second definition is noise to the reader, or, with another expansion, a second meaning for the same letters.',
    summary: 'Define an abbreviation once in each scope.',
    description:
      'An abbreviation defined a second time in the same scope (the abstract, the body, or one legend) is reported ' +
      'at the second definition. With the same expansion, the fix leaves only the abbreviation. With another ' +
      'expansion the letters mean two things: the message names both, and the writer chooses (no fix). The ' +
      'abstract and the body each define an abbreviation, as AMA style asks: that is not a redefinition; nor is a ' +
      'definition in a heading or in a list of abbreviations.',
    examples: [
      { markdown: '## Abstract\n\nIntention to treat (ITT) was used.\n\n## Methods\n\nIntention to treat (ITT) was used. ITT again.', expected: [] },
      {
        markdown: 'Intention to treat (ITT) was used. Later, intention to treat (ITT) was used again.',
        expected: ['1:43-1:67 "ITT" is already defined, on line 1: write "ITT".'],
      },
      {
        markdown: 'The hazard ratio (HR) was 0.7.\n\nHeart rate (HR) rose.',
        expected: ['3:13-3:15 "HR" is defined again as "heart rate", after "hazard ratio" on line 1: give each meaning its own abbreviation.'],
      },
    ],
  },
  check(analysis, report) {
    const text = analysis.prose.text;
    for (const record of abbreviationIndex(analysis).records) {
      const earlierFile = analysis.documentParts && definitionIn(analysis.documentParts.before, record.short);
      for (const [scope, occurrences] of occurrencesByScope(record)) {
        const definitions = occurrences.filter((occurrence) => definesInText(occurrence) && !occurrence.definition!.listed);
        const first = definitions[0];
        if (first && earlierFile && scope.kind === 'body') {
          const { definition } = first;
          const span = definitionSpan(first);
          const written = text.slice(first.start, first.end);
          report({
            ...span,
            message: `"${written}" is already defined in ${earlierFile.file}, on line ${earlierFile.line}: write "${written}".`,
            ...(definition!.phrase ? { fix: written } : {}),
            ...(record.entry ? { entryId: record.entry.id } : {}),
            abbreviation: { short: record.short, expansion: earlierFile.expansion },
          });
        }
        for (const again of definitions.slice(1)) {
          const { definition } = again;
          const span = definitionSpan(again);
          const where = `on line ${lineOf(analysis, first!.start)}`;
          const abbreviation = { short: record.short, expansion: first!.definition!.expansion };
          if (sameExpansion(definition!.expansion, first!.definition!.expansion)) {
            const written = text.slice(again.start, again.end);
            report({
              ...span,
              message: `"${written}" is already defined, ${where}: write "${written}".`,
              ...(definition!.phrase ? { fix: written } : {}),
              ...(record.entry ? { entryId: record.entry.id } : {}),
              abbreviation,
            });
            continue;
          }
          report({
            ...span,
            message: `"${surface(analysis, again)}" is defined again as "${definition!.expansion}", after "${first!.definition!.expansion}" ${where}: give each meaning its own abbreviation.`,
            ...(record.entry ? { entryId: record.entry.id } : {}),
            abbreviation,
          });
        }
      }
    }
  },
};
