import { abbreviationIndex, definesInText, expansionsAfterEarlierFiles, lineOf } from '../abbreviationIndex';
import { scopeAt } from '../scopes';
import type { Rule } from './rule';
import { surface } from './helpers';

export const expandedAfterDefinition: Rule = {
  id: 'expanded-after-definition',
  defaultSeverity: 'info',
  safeFixes: true,
  docs: {
    severity: 'info: AMA style asks for the abbreviation once it is defined, but a writer may spell a term out for emphasis or rhythm.',
    summary: 'Once an abbreviation is defined, use it.',
    description:
      'The full term written out again after its abbreviation was defined in the same scope is reported; the fix ' +
      'writes the abbreviation (with its plural s where the term was plural). The expansion counts as the document ' +
      'defined it and, for a corpus abbreviation, in any accepted form. Headings and definitions (of this or ' +
      'another abbreviation) are not reported, nor is a term written out before its definition or in another scope. ' +
      'In a document of several files (`documents`, a Quarto book\'s chapters), a definition in an earlier file\'s ' +
      'body serves the bodies of the files after it.',
    examples: [
      { markdown: 'Intention to treat (ITT) was the analysis. The ITT population had 300 patients.', expected: [] },
      {
        markdown: 'Intention to treat (ITT) was the analysis. By intention to treat, 300 patients were analysed.',
        expected: ['1:47-1:65 Write "ITT": "intention to treat" is abbreviated from line 1 on.'],
      },
      {
        markdown: 'Immune-related adverse events (irAEs) need monitoring. Most immune-related adverse events are mild.',
        expected: ['1:61-1:90 Write "irAEs": "immune-related adverse events" is abbreviated from line 1 on.'],
      },
    ],
  },
  check(analysis, report) {
    const index = abbreviationIndex(analysis);
    for (const written of index.expansionsWritten) {
      const { record } = written;
      const scope = scopeAt(index.scopes, written.start);
      const definition = record.occurrences.find((occurrence) => definesInText(occurrence) && occurrence.scope === scope);
      if (!definition || definition.start > written.start) continue;
      const abbreviation = record.short + (written.plural ? 's' : '');
      report({
        start: written.start,
        end: written.end,
        message: `Write "${abbreviation}": "${surface(analysis, written)}" is abbreviated from line ${lineOf(analysis, definition.start)} on.`,
        fix: abbreviation,
        ...(record.entry ? { entryId: record.entry.id } : {}),
        abbreviation: { short: record.short, expansion: definition.definition!.expansion },
      });
    }
    // In a document of several files, the body's abbreviations run on from the files before.
    const parts = analysis.documentParts;
    if (!parts) return;
    for (const written of expansionsAfterEarlierFiles(analysis, parts.before)) {
      const abbreviation = written.short + (written.plural ? 's' : '');
      report({
        start: written.start,
        end: written.end,
        message: `Write "${abbreviation}": "${surface(analysis, written)}" is abbreviated in ${written.elsewhere.file} from line ${written.elsewhere.line} on.`,
        fix: abbreviation,
        ...(written.entry ? { entryId: written.entry.id } : {}),
        abbreviation: { short: written.short, expansion: written.elsewhere.expansion },
      });
    }
  },
};
