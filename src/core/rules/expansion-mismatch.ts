import { abbreviationUses } from '../abbreviations';
import type { Rule } from './rule';
import { displayName, surface } from './helpers';

export const expansionMismatch: Rule = {
  id: 'expansion-mismatch',
  defaultSeverity: 'warning',
  safeFixes: false,
  docs: {
    severity: 'warning: an expansion the corpus does not list may be a sense it does not know yet (the audit found several), so this is a question, not a verdict.',
    summary: 'An abbreviation must be defined with one of its own expansions.',
    description:
      'Reports a definition whose expansion is not accepted for the abbreviation: either it is the expansion of another ' +
      'term (the message names it), or its initials spell the abbreviation but the corpus does not accept it (the fix ' +
      'offers the preferred expansion).',
    examples: [
      { markdown: 'Programmed death-ligand 1 (PD-L1) binds PD-1.', expected: [] },
      { markdown: 'Markers studied: PD-L1, CTLA-4, irAEs (PD-1).', expected: [] },
      {
        markdown: 'PD-1 (programmed death-ligand 1) is a receptor.',
        expected: ['1:7-1:32 "programmed death-ligand 1" is the expansion of PD-L1, not PD-1: PD-1 stands for "programmed cell death protein 1".'],
      },
      {
        markdown: 'Programmed death-ligand 1 (PD-1) is a receptor.',
        expected: ['1:1-1:26 "Programmed death-ligand 1" is the expansion of PD-L1, not PD-1: PD-1 stands for "programmed cell death protein 1".'],
      },
      {
        markdown: 'Antibody-directed cell cytotoxicity (ADCC) kills tumour cells.',
        expected: ['1:1-1:36 "Antibody-directed cell cytotoxicity" is not an accepted expansion of ADCC: use "antibody-dependent cellular cytotoxicity".'],
      },
      {
        markdown: 'Rituximab works partly by\nantibody-directed cell cytotoxicity (ADCC).',
        expected: ['2:1-2:36 "antibody-directed cell cytotoxicity" is not an accepted expansion of ADCC: use "antibody-dependent cellular cytotoxicity".'],
      },
    ],
  },
  check(analysis, report) {
    for (const uses of abbreviationUses(analysis).values()) {
      for (const { entry, definition } of uses) {
        if (!definition || definition.status === 'defined' || definition.status === 'other-sense') continue;
        const written = surface(analysis, definition);
        const preferred = entry.expansions![0]!;
        if (definition.status === 'other-entry') {
          const owners = definition.owners.map(displayName).join(' or ');
          report({
            start: definition.start,
            end: definition.end,
            message: `"${written}" is the expansion of ${owners}, not ${entry.abbreviation}: ${entry.abbreviation} stands for "${preferred}".`,
            entryId: entry.id,
          });
        } else {
          report({
            start: definition.start,
            end: definition.end,
            message: `"${written}" is not an accepted expansion of ${entry.abbreviation}: use "${preferred}".`,
            fix: written.charAt(0) === written.charAt(0).toUpperCase() ? preferred.charAt(0).toUpperCase() + preferred.slice(1) : preferred,
            entryId: entry.id,
          });
        }
      }
    }
  },
};
