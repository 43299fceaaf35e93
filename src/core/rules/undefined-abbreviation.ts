import { abbreviationUses } from '../abbreviations';
import type { Rule } from './rule';
import { capitalizeAtSentenceStart, surface } from './helpers';

// Joined to a word by a hyphen, dash or slash: "anti–PD-1", "HLA-A*02:01", "TNF-α". The definition
// cannot go inside the compound, so the writer places it; no fix is offered.
const JOINER = /[-\u2010-\u2015\/]/;
const inCompound = (text: string, start: number, end: number) =>
  (JOINER.test(text[start - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[start - 2] ?? '')) || (JOINER.test(text[end] ?? '') && /[\p{L}\p{N}]/u.test(text[end + 1] ?? ''));

export const undefinedAbbreviation: Rule = {
  id: 'undefined-abbreviation',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Spell out an abbreviation at its first use in the body.',
    description:
      'The first use of an abbreviation outside headings must define it, as "programmed cell death protein 1 (PD-1)" or ' +
      '"PD-1 (programmed cell death protein 1)", or in square brackets inside parentheses as journals ask ' +
      '("(95% confidence interval [CI], 0.53 to 0.87)"). Expansions are compared ignoring case, hyphens and dashes. Headings neither ' +
      'need nor give a definition. Only the first undefined use is reported; the fix inserts the expansion, except inside a ' +
      'compound (anti–PD-1, HLA-A*02:01, TNF-α), where the writer places the definition. Abbreviations ' +
      'better known than their expansions (DNA, HIV, CD antigens, gene symbols) are exempt. An abbreviation with several ' +
      'common meanings (HR: hazard ratio, heart rate, hormone receptor) gets no fix: the message lists the meanings.',
    examples: [
      { markdown: 'Programmed cell death protein 1 (PD-1) is a checkpoint. PD-1 is on T cells.', expected: [] },
      { markdown: 'PD-1 (programmed death-1) is a checkpoint.', expected: [] },
      { markdown: '# PD-1\n\nProgrammed cell death protein 1 (PD-1) is a checkpoint.', expected: [] },
      { markdown: 'HIV and TP53 need no expansion.', expected: [] },
      { markdown: 'Risk of death fell (hazard ratio [HR], 0.68; 95% confidence interval [CI], 0.53 to 0.87).', expected: [] },
      {
        markdown: 'Tumours evade T cells through PD-1. Later, PD-1 is mentioned again.',
        expected: ['1:31-1:35 "PD-1" is not defined at first use: write "programmed cell death protein 1 (PD-1)".'],
      },
      {
        markdown: 'Most irAEs are mild.\n\nImmune-related adverse events (irAEs) need monitoring.',
        expected: ['1:6-1:11 "irAEs" is not defined at first use: write "immune-related adverse events (irAEs)". It is defined later, on line 3.'],
      },
      { markdown: 'The Centers for Disease Control and Prevention (CDC) publishes guidance.', expected: [] },
      {
        markdown: 'Rituximab acts partly through CDC.',
        expected: ['1:31-1:34 "CDC" is not defined at first use and has several meanings: write "complement-dependent cytotoxicity (CDC)" or "Centers for Disease Control and Prevention (CDC)".'],
      },
      {
        markdown: 'The HR for death was 0.68.',
        expected: ['1:5-1:7 "HR" is not defined at first use and has several meanings: write "hazard ratio (HR)", "heart rate (HR)" or "hormone receptor (HR)".'],
      },
      {
        markdown: 'CAR T-cell therapy is given once.',
        expected: ['1:1-1:4 "CAR" is not defined at first use: write "chimeric antigen receptor (CAR)".'],
      },
    ],
  },
  check(analysis, report) {
    for (const uses of abbreviationUses(analysis).values()) {
      const entry = uses[0]!.entry;
      if (entry.expandOnFirstUse === false) continue;
      const body = uses.filter((use) => !use.inHeading);
      const first = body[0];
      if (!first || first.definition) continue;
      const { match, plural } = first;
      const abbreviation = `${entry.abbreviation}${plural ? 's' : ''}`;
      const expansion = `${entry.expansions![0]}${plural ? 's' : ''}`;
      const written = `${expansion} (${abbreviation})`;
      const later = body.find((use) => use.definition?.status === 'defined');
      const laterNote = later ? ` It is defined later, on line ${analysis.lines.positionAt(analysis.prose.sourceStart(later.match.start)).line + 1}.` : '';
      if (entry.otherSenses) {
        // Which meaning the writer intends is theirs to say: list them all, offer no fix.
        const senses = [written, ...entry.otherSenses.map((sense) => `${sense.expansion} (${abbreviation})`)].map((sense) => `"${sense}"`);
        report({
          start: match.start,
          end: match.end,
          message: `"${surface(analysis, match)}" is not defined at first use and has several meanings: write ${senses.slice(0, -1).join(', ')} or ${senses.at(-1)}.${laterNote}`,
          entryId: entry.id,
        });
        continue;
      }
      report({
        start: match.start,
        end: match.end,
        message: `"${surface(analysis, match)}" is not defined at first use: write "${written}".${laterNote}`,
        ...(inCompound(analysis.prose.text, match.start, match.end) ? {} : { fix: capitalizeAtSentenceStart(analysis, match.start, written) }),
        entryId: entry.id,
      });
    }
  },
};
