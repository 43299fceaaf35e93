import { abbreviationIndex, definesInText, occurrencesByScope } from '../abbreviationIndex';
import type { Rule } from './rule';
import { surface } from './helpers';

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
      'abbreviation. A legend\'s "Abbreviations:" line counts the uses anywhere in its table or figure. A definition ' +
      'in a heading or a list of abbreviations is not reported. The fix changes the text the writer chose, so ' +
      'fix-all leaves it to them.',
    examples: [
      { markdown: 'Intention to treat (ITT) was the analysis. The ITT population had 300 patients.', expected: [] },
      {
        markdown: 'Intention to treat (ITT) was the analysis. All 300 patients were included.',
        expected: ['1:1-1:25 "ITT" is not used again after its definition: write "Intention to treat" without it.'],
      },
      {
        markdown: 'Patients with programmed death-ligand 1 (PD-L1) expression responded.',
        expected: ['1:15-1:48 "PD-L1" is not used again after its definition: write "programmed death-ligand 1" without it.'],
      },
    ],
  },
  check(analysis, report) {
    const minUses = analysis.abbreviationOptions?.minUses ?? 1;
    for (const record of abbreviationIndex(analysis).records) {
      for (const occurrences of occurrencesByScope(record).values()) {
        const definition = occurrences.find(definesInText);
        if (!definition) continue;
        const { listed, phrase, expansion } = definition.definition!;
        // A legend's list of abbreviations comes after the table or figure that uses them.
        const uses = occurrences.filter((occurrence) => occurrence !== definition && (listed || occurrence.start > definition.start)).length;
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
