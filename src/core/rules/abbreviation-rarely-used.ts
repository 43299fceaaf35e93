import { abbreviationIndex, definesInText, occurrencesByScope } from '../abbreviationIndex';
import type { Analysis } from '../analysis';
import { definitionIn, usesAfter } from '../documentParts';
import { inQuotation } from '../quotations';
import type { Rule } from './rule';
import { surface } from './helpers';

// Molecules are known by their symbols ("programmed death-ligand 1 (PD-L1) blocking antibody"): giving the
// symbol once, beside the name, is the convention, not a wasted abbreviation.
const KNOWN_BY_SYMBOL = new Set(['receptor', 'ligand', 'protein', 'antigen', 'gene', 'biomarker']);

/** "- **intravenous (IV)** The drug goes into a vein.": a list item's term, taught to the reader, not set up for later. */
function opensListItem(analysis: Analysis, phrase: { start: number } | undefined): boolean {
  if (!phrase) return false;
  const at = analysis.prose.sourceStart(phrase.start);
  const lineStart = analysis.source.lastIndexOf('\n', at - 1) + 1;
  return /^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*|__)?$/.test(analysis.source.slice(lineStart, at));
}

export const abbreviationRarelyUsed: Rule = {
  id: 'abbreviation-rarely-used',
  defaultSeverity: 'info',
  safeFixes: false,
  docs: {
    severity: 'info: AMA style advises against abbreviating a term used only a few times, but the writer may have later sections in mind.',
    summary: 'Do not abbreviate a term the text does not use again.',
    description:
      'An abbreviation defined but used fewer than `abbreviations.minUses` times after its definition in the same ' +
      'scope (default 1: never used again) is reported at its definition; the fix writes the term out and drops the ' +
      'abbreviation. A legend\'s "Abbreviations:" line counts the uses anywhere in its table or figure. Not reported: ' +
      'a definition in a heading or a glossary; an alias given for the reader ("chronic myelogenous leukemia (also ' +
      'known as CML)") or a term a list item opens with ("- **intravenous (IV)** into a vein"); a molecule, gene or biomarker, known by its symbol ("programmed death-ligand 1 (PD-L1) ' +
      'blocking antibody"); an abbreviation readers know (FDA); and quoted text. The fix changes the text the writer ' +
      'chose, so fix-all leaves it to them.',
    examples: [
      { markdown: 'Intention to treat (ITT) was the analysis. The ITT population had 300 patients.', expected: [] },
      {
        markdown: 'Intention to treat (ITT) was the analysis. All 300 patients were included.',
        expected: ['1:1-1:25 "ITT" is not used again after its definition: write "Intention to treat" without it.'],
      },
      { markdown: 'Patients with programmed death-ligand 1 (PD-L1) expression responded.', expected: [] },
      { markdown: 'Chronic myelogenous leukemia (also known as CML) has one target.', expected: [] },
      {
        markdown: 'It is approved for small cell lung cancer (SCLC) and melanoma.',
        expected: ['1:20-1:49 "SCLC" is not used again after its definition: write "small cell lung cancer" without it.'],
      },
    ],
  },
  check(analysis, report) {
    const minUses = analysis.abbreviationOptions?.minUses ?? 1;
    for (const record of abbreviationIndex(analysis).records) {
      if (record.wellKnown || (record.entry && KNOWN_BY_SYMBOL.has(record.entry.category))) continue;
      for (const [scope, occurrences] of occurrencesByScope(record)) {
        const definition = occurrences.find(definesInText);
        // A definition an earlier file already made is abbreviation-redefined's.
        if (!definition || (scope.kind === 'body' && analysis.documentParts && definitionIn(analysis.documentParts.before, record.short))) continue;
        const { listed, phrase, expansion } = definition.definition!;
        // "Chronic myelogenous leukemia (also known as CML)": an alias given for the reader, not a shorthand for later.
        if (!phrase && !listed) continue;
        if (inQuotation(analysis, definition.start, definition.end) || opensListItem(analysis, phrase)) continue;
        // The files after this one of a document in several files use the body's definition too.
        const laterFiles = scope.kind === 'body' ? usesAfter(analysis.documentParts, record.short) : 0;
        // A legend's list of abbreviations comes after the table or figure that uses them.
        const uses = occurrences.filter((occurrence) => occurrence !== definition && (listed || occurrence.start > definition.start)).length + laterFiles;
        if (uses >= minUses) continue;
        const written = surface(analysis, definition);
        const often = minUses === 1 ? 'not used again' : `used ${uses === 0 ? 'not once' : uses === 1 ? 'once' : `${uses} times`} (fewer than ${minUses})`;
        report({
          ...(phrase ?? { start: definition.start, end: definition.end }),
          message: `"${written}" is ${often} after its definition: write "${expansion}" without it.`,
          ...(phrase ? { fix: expansion } : {}),
          ...(record.entry ? { entryId: record.entry.id } : {}),
          abbreviation: { short: record.short, expansion },
        });
      }
    }
  },
};
