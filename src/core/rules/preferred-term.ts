import { abbreviationUses } from '../abbreviations';
import type { Analysis } from '../analysis';
import type { Rule } from './rule';
import { capitalizeAtSentenceStart, isGeneMention, nonOverlapping, surface, termMatches, writtenDefinition, type TermMatch } from './helpers';

/**
 * The definition to write when a variant is also the first, undefined use of its abbreviation ("CTLA4"
 * at first use): one finding then asks for both, and its fix writes both where English allows
 * ("cytotoxic T-lymphocyte-associated protein 4 (CTLA-4)"; a plural "PD1s" gets only the preferred form).
 */
function definitionNeeded(analysis: Analysis, match: TermMatch, plural: boolean): { written: string; fix?: string } | undefined {
  const { entry } = match.phrase.payload;
  if (!entry.abbreviation || entry.expandOnFirstUse === false || entry.otherSenses || !entry.expansions?.length) return undefined;
  const body = abbreviationUses(analysis).get(entry.id)?.filter((use) => !use.inHeading && !isGeneMention(analysis, use.match));
  const first = body?.[0];
  if (first?.match !== match || first.definition) return undefined;
  const fix = writtenDefinition(entry.expansions[0]!, entry.abbreviation, plural);
  return { written: fix ?? writtenDefinition(entry.expansions[0]!, entry.abbreviation, false)!, ...(fix ? { fix } : {}) };
}

export const preferredTerm: Rule = {
  id: 'preferred-term',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Use the preferred form of a term, not a listed variant.',
    description:
      'Reports a non-preferred variant listed in the corpus (PD1, Pd-1, CTLA4, CAR-T, Her2, HER-2, irAE\'s, T-cells) and fixes ' +
      'it to the preferred form. A gene symbol is not a protein variant: *CTLA4* in italics, "the CTLA4 gene" and ' +
      '"mutations in CTLA4" are left as written. A variant that is also the first, undefined use of its abbreviation is ' +
      'one problem: the finding asks for both and the fix writes the definition with the preferred form.',
    examples: [
      { markdown: 'Trastuzumab targets HER2.', expected: [] },
      { markdown: 'HER2-positive tumours respond.', expected: [] },
      { markdown: 'Cytotoxic T-lymphocyte-associated protein 4 (CTLA-4) is a checkpoint. Variants of the *CTLA4* gene and mutations in CTLA4 were studied.', expected: [] },
      {
        markdown: 'Human epidermal growth factor receptor 2 (HER2) is a target. Trastuzumab targets Her2.',
        expected: ['1:82-1:86 Use the preferred form "HER2", not "Her2".'],
      },
      {
        markdown: 'Trastuzumab targets Her2.',
        expected: ['1:21-1:25 Use the preferred form "HER2", not "Her2", and define it at first use: write "human epidermal growth factor receptor 2 (HER2)".'],
      },
      {
        markdown: 'Most PD1s were blocked.',
        expected: ['1:6-1:10 Use the preferred form "PD-1s", not "PD1s", and define it at first use: write "programmed cell death protein 1 (PD-1)".'],
      },
      {
        markdown: 'T-cells and CTLA4 were studied.',
        expected: [
          '1:1-1:8 Use the preferred form "T cells", not "T-cells".',
          '1:13-1:18 Use the preferred form "CTLA-4", not "CTLA4", and define it at first use: write "cytotoxic T-lymphocyte-associated protein 4 (CTLA-4)".',
        ],
      },
      { markdown: 'CAR-T products differ.', expected: ['1:1-1:6 Use the preferred form "CAR T", not "CAR-T".'] },
    ],
  },
  check(analysis, report) {
    for (const match of nonOverlapping(termMatches(analysis, ['variant']))) {
      if (isGeneMention(analysis, match)) continue;
      const { entry, replacement } = match.phrase.payload;
      const plural = match.plural || replacement === `${entry.abbreviation}s`;
      const preferred = `${replacement}${match.plural ? 's' : ''}`;
      const written = surface(analysis, match);
      const definition = replacement === entry.abbreviation || replacement === `${entry.abbreviation}s` ? definitionNeeded(analysis, match, plural) : undefined;
      report({
        start: match.start,
        end: match.end,
        message: definition
          ? `Use the preferred form "${preferred}", not "${written}", and define it at first use: write "${definition.written}".`
          : `Use the preferred form "${preferred}", not "${written}".`,
        fix: definition?.fix ? capitalizeAtSentenceStart(analysis, match.start, definition.fix) : preferred,
        entryId: entry.id,
      });
    }
  },
};
