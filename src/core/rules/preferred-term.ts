import { abbreviationUses, firstUndefinedUse } from '../abbreviations';
import type { Analysis } from '../analysis';
import type { TermEntry } from '../corpus/types';
import { misspelledDrugs } from '../spelling';
import { wordAt } from '../text/tokens';
import type { ProseReport, Rule } from './rule';
import { capitalizeAtSentenceStart, isGeneMention, nonOverlapping, sentenceOf, surface, termMatches, writtenDefinition, type TermMatch } from './helpers';

/**
 * The definition to write when a variant is also the first, undefined use of its abbreviation ("CTLA4"
 * at first use): one finding then asks for both, and its fix writes both where English allows
 * ("cytotoxic T-lymphocyte-associated protein 4 (CTLA-4)"; a plural "PD1s" gets only the preferred form).
 */
function definitionToWrite(entry: TermEntry, plural: boolean): { written: string; fix?: string } | undefined {
  if (!entry.abbreviation || entry.expandOnFirstUse === false || entry.otherSenses || !entry.expansions?.length) return undefined;
  const fix = writtenDefinition(entry.expansions[0]!, entry.abbreviation, plural);
  return { written: fix ?? writtenDefinition(entry.expansions[0]!, entry.abbreviation, false)!, ...(fix ? { fix } : {}) };
}

// After a noun, these words show it stands alone: "a T-cell is", "the T-cell that", "each T-cell."
const AFTER_A_NOUN = new Set(['is', 'was', 'are', 'were', 'that', 'which', 'can', 'could', 'may', 'might', 'will', 'would', 'must', 'has', 'had', 'recognizes', 'recognises', 'kills', 'attacks', 'binds', 'becomes', 'then', 'in', 'from', 'to', 'with']);

/** Whether a compound like "T-cell" stands as a noun rather than modifying the next word ("T-cell lymphoma"). */
function standsAsNoun(analysis: Analysis, match: TermMatch): boolean {
  const { tokens, prose } = analysis;
  const sentenceEnd = sentenceOf(analysis, match.start).end;
  const next = match.lastToken + 1;
  if (next >= tokens.count || tokens.starts[next]! >= sentenceEnd) return true;
  const gap = prose.text.slice(match.end, tokens.starts[next]);
  if (/[.,;:!?)\]]/.test(gap)) return true;
  return gap === ' ' && AFTER_A_NOUN.has(wordAt(tokens, next));
}

/** The variants a writer should change: not a gene symbol, and a compound only where it stands as a noun. */
function reportableVariants(analysis: Analysis): TermMatch[] {
  return nonOverlapping(termMatches(analysis, ['variant'])).filter((match) => !isGeneMention(analysis, match) && !(match.phrase.payload.asNoun && !standsAsNoun(analysis, match)));
}

/** The report of a variant, which asks for a definition too where it is the first, undefined use of its abbreviation. */
function variantReport(analysis: Analysis, match: TermMatch, definition?: { written: string; fix?: string }): ProseReport {
  const { entry, replacement } = match.phrase.payload;
  const preferred = `${replacement}${match.plural ? 's' : ''}`;
  const written = surface(analysis, match);
  return {
    start: match.start,
    end: match.end,
    message: definition
      ? `Use the preferred form "${preferred}", not "${written}", and define it at first use: write "${definition.written}".`
      : `Use the preferred form "${preferred}", not "${written}".`,
    fix: definition?.fix ? capitalizeAtSentenceStart(analysis, match.start, definition.fix) : preferred,
    entryId: entry.id,
  };
}

export const preferredTerm: Rule = {
  id: 'preferred-term',
  defaultSeverity: 'warning',
  safeFixes: true,
  docs: {
    severity: 'warning: a variant is a matter of style, and a gene symbol can look like a protein variant.',
    summary: 'Use the preferred form of a term, not a listed variant.',
    description:
      'Reports a non-preferred variant listed in the corpus (PD1, Pd-1, CTLA4, Her2, HER-2, irAE\'s, T-cells; CAR-T, which EMA and ESMO print, is accepted) and fixes ' +
      'it to the preferred form. A gene symbol is not a protein variant: *CTLA4* in italics, "the CTLA4 gene" and ' +
      '"mutations in CTLA4" are left as written. A variant that is also the first, undefined use of its abbreviation is ' +
      'one problem: the finding asks for both and the fix writes the definition with the preferred form. "T-cell" is ' +
      'reported only where it stands as a noun ("each T-cell is"), not as a modifier ("T-cell lymphoma"). A word one ' +
      'letter from a drug or brand name (two for long names) with the shape of one ("ipilumumab") is reported as a ' +
      'misspelling, with the name as the fix. Possessive eponyms follow AMA style: "Hodgkin lymphoma", not "Hodgkin\'s".',
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
        markdown: '## Cytotoxic T-lymphocyte-associated protein 4 (CTLA-4)\n\nCTLA4 is on T cells.',
        expected: ['3:1-3:6 Use the preferred form "CTLA-4", not "CTLA4".'],
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
      { markdown: 'Chimeric antigen receptor (CAR) T-cell products, or CAR-T, differ.', expected: [] },
      { markdown: 'CAR-T-cell therapy is given once.', expected: ['1:1-1:19 Use the preferred form "CAR T-cell therapy", not "CAR-T-cell therapy".'] },
      { markdown: 'T-cell lymphoma and T-cell receptors differ from a T cell.', expected: [] },
      { markdown: 'Each T-cell is engineered.', expected: ['1:6-1:12 Use the preferred form "T cell", not "T-cell".'] },
      { markdown: 'Nivolumab and ipilumumab were combined.', expected: ['1:15-1:25 "ipilumumab" looks like a misspelling of "ipilimumab".'] },
      { markdown: 'Relatimab blocks LAG-3.', expected: ['1:1-1:10 "Relatimab" looks like a misspelling of "Relatlimab".'] },
      { markdown: "Hodgkin's lymphoma responds to nivolumab.", expected: ['1:1-1:19 Use the preferred form "Hodgkin lymphoma", not "Hodgkin\'s lymphoma".'] },
    ],
  },
  perChunk: true,
  check(analysis, report) {
    for (const match of reportableVariants(analysis)) report(variantReport(analysis, match));
    for (const misspelling of misspelledDrugs(analysis)) {
      report({
        start: misspelling.start,
        end: misspelling.end,
        message: `"${misspelling.written}" looks like a misspelling of "${misspelling.correct}".`,
        fix: misspelling.correct,
        entryId: misspelling.entry.id,
      });
    }
  },
  // Only the whole document knows which use of an abbreviation is its first.
  amendReports(analysis, report) {
    for (const uses of abbreviationUses(analysis).values()) {
      const match = firstUndefinedUse(analysis, uses)?.match;
      if (!match || match.phrase.payload.form !== 'variant') continue;
      const { entry, replacement } = match.phrase.payload;
      const pluralAbbreviation = replacement === `${entry.abbreviation}s`;
      if (replacement !== entry.abbreviation && !pluralAbbreviation) continue;
      const definition = definitionToWrite(entry, match.plural || pluralAbbreviation);
      if (definition) report(variantReport(analysis, match, definition));
    }
  },
};
