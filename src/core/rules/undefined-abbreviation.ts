import { abbreviationIndex, lineOf, undefinedFirstUses } from '../abbreviationIndex';
import { rankSenses } from '../abbreviations';
import { exactlyOne } from '../collections';
import type { Rule } from './rule';
import { capitalizeAtSentenceStart, lowerCaseOpening, surface, writtenDefinition, type TermMatch } from './helpers';
import { isExplained } from '../plainExplanation';

// Joined to a word by a hyphen, dash or slash: "anti–PD-1", "HLA-A*02:01", "TNF-α". The definition
// cannot go inside the compound, so the writer places it; no fix is offered.
const JOINER = /[-\u2010-\u2015\/]/;
const inCompound = (text: string, start: number, end: number) =>
  (JOINER.test(text[start - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[start - 2] ?? '')) || (JOINER.test(text[end] ?? '') && /[\p{L}\p{N}]/u.test(text[end + 1] ?? ''));

// A molecule's abbreviation is its name: patient materials name it and say what it is ("a protein
// called PD-1"), as its expansion would tell a patient nothing more.
const MOLECULES = new Set(['receptor', 'ligand', 'antigen', 'protein', 'gene']);
const namedInPlainWords = (analysis: Parameters<Rule['check']>[0], match: TermMatch | undefined) =>
  analysis.profile?.audience === 'lay' && match !== undefined && MOLECULES.has(match.phrase.payload.entry.category) && isExplained(analysis, match);

export const undefinedAbbreviation: Rule = {
  id: 'undefined-abbreviation',
  defaultSeverity: 'warning',
  safeFixes: true,
  docs: {
    severity: 'warning: whether an abbreviation needs defining depends on the reader and the house style, which the rule cannot see.',
    summary: 'Spell out an abbreviation at its first use in the body.',
    description:
      'The first use of an abbreviation outside headings must define it, as "programmed cell death protein 1 (PD-1)" or ' +
      '"PD-1 (programmed cell death protein 1)", in the forms writers use ("tumour-infiltrating lymphocytes or TILs", ' +
      '"(or TIL)", "also known as CML", a legend line "ICANS = immune effector cell-associated neurotoxicity syndrome"), ' +
      'or in the heading that opens its section ("## Interleukin-2 (IL-2)"). Gene symbols (italic *KRAS*, "EGFR or ALK ' +
      'genomic aberrations", "mutations in BRAF", HLA-C*08:02), an interval after a percentage ("95% CI") and the ' +
      'letters of another abbreviation ("UC-MSCs") need none. ' +
      'A definition may also stand in square brackets inside parentheses as journals ask ' +
      '("(95% confidence interval [CI], 0.53 to 0.87)"). Expansions are compared ignoring case, hyphens and dashes. A ' +
      'heading needs no definition. A plural whose expansion ends in a number ("PD-1s") gets no fix: the writer ' +
      'rephrases. Only the first undefined use is reported; the fix inserts the expansion, except inside a ' +
      'compound (anti–PD-1, HLA-A*02:01, TNF-α), where the writer places the definition. Abbreviations ' +
      'better known than their expansions (DNA, HIV, CD antigens, gene symbols) are exempt. An abbreviation with several ' +
      'common meanings (HR: hazard ratio, heart rate, hormone receptor) is defined in the sense its context settles: a ' +
      'statistic ("95% CI", "HR 0.68", "HR for death", "OS was 24 months") settles a measure, and a team can pin a sense ' +
      'in .medlintrc.json ("senses": { "CI": "cumulative incidence" }); then the finding has one safe fix. In a patient ' +
      'document (profile patient, where the rule is an error and DNA, CT or MRI need defining too), a molecule\'s ' +
      'abbreviation explained in plain words where it stands ("a protein called PD-1", "PD-1, a protein on immune ' +
      'cells") needs no expansion: the explanation is what the reader needs. Where the ' +
      'context cannot decide, the message lists every meaning, likeliest first by the words around the uses ("HR ' +
      'status" reads as hormone receptor), with one fix per meaning in that order, none applied by fix-all.',
    examples: [
      { markdown: '---\nmedlint: { profile: patient }\n---\nYour medicine blocks a protein called PD-1.', expected: [] },
      {
        markdown: '---\nmedlint: { profile: patient }\n---\nYour medicine blocks PD-1. You will have an MRI scan.',
        expected: [
          '4:22-4:26 "PD-1" is not defined and not used again: write "programmed cell death protein 1".',
          '4:45-4:48 "MRI" is not defined and not used again: write the term in full.',
        ],
      },
      { markdown: 'Programmed cell death protein 1 (PD-1) is a checkpoint. PD-1 is on T cells.', expected: [] },
      { markdown: 'PD-1 (programmed death-1) is a checkpoint.', expected: [] },
      { markdown: '# PD-1\n\nProgrammed cell death protein 1 (PD-1) is a checkpoint.', expected: [] },
      { markdown: 'HIV and TP53 need no expansion.', expected: [] },
      { markdown: 'These cells, called tumour-infiltrating lymphocytes or TILs, respond. Some patients receive TIL therapy.', expected: [] },
      { markdown: 'Tumor-infiltrating lymphocytes (or TIL) therapy uses them.', expected: [] },
      { markdown: 'Chronic myelogenous leukemia (also known as CML) has one target.', expected: [] },
      { markdown: 'Abbreviations: ICANS = immune effector cell-associated neurotoxicity syndrome.\n\nICANS was graded.', expected: [] },
      { markdown: '## Interleukin-2 (IL-2)\n\nThe FDA approved IL-2 in 1998.', expected: [] },
      { markdown: 'Patients with EGFR or ALK genomic tumor aberrations, mutations in BRAF and *KRAS* were excluded.', expected: [] },
      { markdown: 'The hazard ratio was 0.68 (95% CI, 0.56-0.84).', expected: [] },
      { markdown: 'They sell umbilical cord mesenchymal stem cells (UC-MSCs).', expected: [] },
      {
        markdown: '## Interleukin-2 (IL-2)\n\nIL-2 is a cytokine.\n\n## Later\n\nIL-2 again.',
        expected: [],
      },
      {
        markdown: '# Cytokines\n\n## Interleukin-2 (IL-2)\n\nText.\n\n## Interleukin-6\n\nUnlike IL-2, it rises.',
        expected: ['9:8-9:12 "IL-2" is not defined and not used again: write "interleukin-2".'],
      },

      { markdown: 'Risk of death fell (hazard ratio [HR], 0.68; 95% confidence interval [CI], 0.53 to 0.87).', expected: [] },
      {
        markdown: 'Tumours evade T cells through PD-1. Later, PD-1 is mentioned again.',
        expected: ['1:31-1:35 "PD-1" is not defined at first use: write "programmed cell death protein 1 (PD-1)".'],
      },
      { markdown: 'The Centers for Disease Control and Prevention (CDC) publishes guidance.', expected: [] },
      {
        markdown: 'Rituximab acts partly through CDC.',
        expected: ['1:31-1:34 "CDC" is not defined at first use and has several meanings: write "complement-dependent cytotoxicity (CDC)" or "Centers for Disease Control and Prevention (CDC)".'],
      },
      {
        markdown: 'The HR for death was 0.68.',
        expected: ['1:5-1:7 "HR" is not defined and not used again: write "hazard ratio".'],
      },
      {
        markdown: 'HR status was known for all patients.',
        expected: [
          '1:1-1:3 "HR" is not defined at first use and has several meanings: write "hormone receptor (HR)", "hazard ratio (HR)", "heart rate (HR)", "homologous recombination (HR)" or "high risk (HR)".',
        ],
      },
      {
        markdown: 'CAR T-cell therapy is given once.',
        expected: ['1:1-1:4 "CAR" is not defined and not used again: write "chimeric antigen receptor".'],
      },
    ],
  },
  check(analysis, report) {
    for (const record of abbreviationIndex(analysis).records) {
      for (const { occurrence, later, laterFile, elsewhere } of undefinedFirstUses(analysis, record)) {
        if (later || laterFile) continue;
        // A variant (CTLA4) is one problem with its definition: preferred-term reports both, with one fix.
        if (occurrence.corpusUse?.match.phrase.payload.form === 'variant') continue;
        if (namedInPlainWords(analysis, occurrence.corpusUse?.match as TermMatch | undefined)) continue;
        const { start, end, plural, scope } = occurrence;
        const where = scope.kind === 'body' && !elsewhere ? '' : ` in ${scope.name}`;
        const elsewhereNote = elsewhere ? ` It is defined in ${elsewhere.scope.name}, on line ${lineOf(analysis, elsewhere.start)}; ${scope.name} defines its own.` : '';
        const written = surface(analysis, occurrence);
        // Used once in its scope, the abbreviation is better written out (AMA): the fix gives the term alone.
        const once = exactlyOne(record.occurrences, (other) => other.scope === scope && !other.inHeading);
        const spelledOut = (expansion: string, asPlural: boolean) =>
          !once ? writtenDefinition(expansion, record.short, asPlural) : !asPlural ? expansion : /\p{L}$/u.test(expansion) ? `${expansion}s` : undefined;
        const what = once ? `"${written}" is not defined${where} and not used again` : `"${written}" is not defined at first use${where}`;
        const compound = inCompound(analysis.prose.text, start, end);
        const entry = record.entry;
        const abbreviation = { short: record.short, ...(elsewhere?.definition ? { expansion: lowerCaseOpening(elsewhere.definition.expansion) } : entry ? { expansion: entry.expansions![0]! } : {}) };
        if (!entry) {
          const expansion = elsewhere?.definition && lowerCaseOpening(elsewhere.definition.expansion);
          const fixable = expansion && spelledOut(expansion, plural);
          report({
            start,
            end,
            message: expansion
              ? `${what}: write "${fixable ?? spelledOut(expansion, false)}".${elsewhereNote}`
              : once
                ? `${what}: write the term in full.`
                : `${what}: write the term in full, followed by "(${written})".`,
            ...(fixable && !compound ? { fix: capitalizeAtSentenceStart(analysis, start, fixable) } : {}),
            abbreviation,
          });
          continue;
        }
        const ranking = entry.otherSenses
          ? rankSenses(analysis, entry, record.occurrences.filter((other) => other.corpusUse).map((other) => other.corpusUse!))
          : { senses: [entry.expansions![0]!], decided: true };
        if (!ranking.decided) {
          // Which meaning the writer intends is theirs to say: every sense, likeliest first, one fix each,
          // none of them safe for fix-all.
          const senses = ranking.senses.map((sense) => writtenDefinition(sense, entry.abbreviation!, false)!);
          const fixes = compound ? [] : ranking.senses.map((sense) => writtenDefinition(sense, entry.abbreviation!, plural)).filter((fix): fix is string => fix !== undefined).map((fix) => capitalizeAtSentenceStart(analysis, start, fix));
          const quoted = senses.map((sense) => `"${sense}"`);
          report({
            start,
            end,
            message: `"${written}" is not defined at first use${where} and has several meanings: write ${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}.${elsewhereNote}`,
            ...(fixes.length > 0 ? { fix: fixes[0]!, safe: false, alternatives: fixes.slice(1) } : {}),
            entryId: entry.id,
            abbreviation: { short: record.short },
          });
          continue;
        }
        const meant = ranking.senses[0]!;
        const fixable = spelledOut(meant, plural);
        report({
          start,
          end,
          message: `${what}: write "${fixable ?? spelledOut(meant, false)!}".${elsewhereNote}`,
          ...(fixable && !compound ? { fix: capitalizeAtSentenceStart(analysis, start, fixable) } : {}),
          entryId: entry.id,
          abbreviation: { short: record.short, expansion: meant },
        });
      }
    }
  },
};
