import { abbreviationIndex, lineOf, undefinedFirstUses } from '../abbreviationIndex';
import type { Rule } from './rule';
import { lowerCaseOpening, surface, writtenDefinition } from './helpers';

export const abbreviationDefinedLate: Rule = {
  id: 'abbreviation-defined-late',
  defaultSeverity: 'warning',
  safeFixes: true,
  docs: {
    severity: 'warning: the reader meets the abbreviation before they can know what it stands for, though the document does say.',
    summary: 'Define an abbreviation at its first use, not after it.',
    description:
      'An abbreviation used before its definition in the same scope (the abstract, the body, or one table or figure ' +
      'legend; see undefined-abbreviation) is reported at its first use. The fix moves the definition there: it ' +
      'writes the expansion, as the document gives it, at the first use, and leaves the abbreviation alone where ' +
      'the definition was. Where the later definition is not in parentheses ("tumour-infiltrating lymphocytes, or ' +
      'TILs"), the writer moves it: no fix. A definition in a heading serves only the section it opens.',
    examples: [
      { markdown: 'Intention to treat (ITT) was the primary analysis. The ITT population had 300 patients.', expected: [] },
      {
        markdown: 'Most irAEs are mild.\n\nImmune-related adverse events (irAEs) need monitoring.',
        expected: ['1:6-1:11 "irAEs" is used before its definition on line 3: define it here.'],
      },
      {
        markdown: 'The ITT population had 300 patients. Intention to treat (ITT) was the primary analysis.',
        expected: ['1:5-1:8 "ITT" is used before its definition on line 1: define it here.'],
      },
      {
        markdown: 'Few TILs persist. Tumour-infiltrating lymphocytes, or TILs, are T cells.',
        expected: ['1:5-1:9 "TILs" is used before its definition on line 1: define it here.'],
      },
    ],
  },
  check(analysis, report) {
    const text = analysis.prose.text;
    for (const record of abbreviationIndex(analysis).records) {
      for (const { occurrence, later, laterFile } of undefinedFirstUses(analysis, record)) {
        if (laterFile) {
          // The definition is in another file: the fix writes it here, and that file's redefinition is then reported there.
          const expansion = lowerCaseOpening(laterFile.expansion);
          const fix = writtenDefinition(expansion, record.short, occurrence.plural);
          report({
            start: occurrence.start,
            end: occurrence.end,
            message: `"${surface(analysis, occurrence)}" is used before its definition in ${laterFile.file}, on line ${laterFile.line}: define it here.`,
            ...(fix ? { fix, safe: false } : {}),
            ...(record.entry ? { entryId: record.entry.id } : {}),
            abbreviation: { short: record.short, expansion },
          });
          continue;
        }
        if (!later?.definition) continue;
        const expansion = lowerCaseOpening(later.definition.expansion);
        const singular = later.plural ? expansion.replace(/s$/, '') : expansion;
        const fix = writtenDefinition(singular, record.short, occurrence.plural);
        const phrase = later.definition.phrase;
        report({
          start: occurrence.start,
          end: occurrence.end,
          message: `"${surface(analysis, occurrence)}" is used before its definition on line ${lineOf(analysis, later.start)}: define it here.`,
          ...(fix && phrase ? { fix, moreEdits: [{ start: phrase.start, end: phrase.end, text: text.slice(later.start, later.end) }] } : {}),
          ...(record.entry ? { entryId: record.entry.id } : {}),
          abbreviation: { short: record.short, expansion: singular },
        });
      }
    }
  },
};
