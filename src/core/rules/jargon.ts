import type { TermEntry } from '../corpus/types';
import { splitSentences } from '../text/sentences';
import { blockAt } from '../analysis';
import { isExplained, sentenceIndexAt } from '../plainExplanation';
import { isGeneMention, nonOverlapping, surface, termMatches, type TermMatch } from './helpers';
import type { Rule } from './rule';

/** The lay definition's first sentence, as an explanation in parentheses after the term: only a noun phrase ("A protein…") reads so. */
function parentheticalLay(entry: TermEntry): string | undefined {
  const lay = entry.lay!.trim();
  const first = splitSentences(lay)[0];
  const sentence = (first ? lay.slice(first.start, first.end) : lay).trim().replace(/\.$/, '');
  if (!/^An? \p{Ll}/u.test(sentence) || /[()]/.test(sentence)) return undefined;
  return `${sentence[0]!.toLowerCase()}${sentence.slice(1)}`;
}

/** Whether the corpus marks the term, or the form written, as an everyday word ("kidney cancer" for renal cell carcinoma). */
function isPlain(entry: TermEntry, match: TermMatch): boolean {
  return entry.plain === true || (Array.isArray(entry.plain) && entry.plain.some((form) => form.toLowerCase() === match.phrase.text.toLowerCase()));
}

function firstSentenceOf(lay: string): string {
  const text = lay.trim();
  const first = splitSentences(text)[0];
  return (first ? text.slice(first.start, first.end) : text).trim();
}

const PATIENT = '---\nmedlint: { profile: patient }\n---\n';

export const jargon: Rule = {
  id: 'jargon',
  defaultSeverity: 'warning',
  safeFixes: false,
  docs: {
    severity:
      'warning: in the patient profile only (off in the others), as a term a professional reads at a glance stops a patient, but whether this reader knows it is the writer\'s call.',
    summary: 'Explain professional terms in plain words for patients.',
    description:
      'In patient documents, reports the first use of a corpus term written for professionals (PD-1, cytokine release ' +
      'syndrome, colitis, irAEs) that the text does not explain in the same or the next sentence, and offers the ' +
      'entry\'s plain-words (`lay`) definition. An explanation is what writers use: a parenthesis in words ("(a type of ' +
      'immune cell)"), an apposition (", a protein that…", " — a …", ", which is…", ", or …"), a definition ' +
      '(" is a …", " means …"), a name given ("a protein called PD-1"), the kind of thing it is ("the protein PD-L1", ' +
      '"the HER2 marker", "myeloma cancer cells"), or a next sentence that starts "It is…", "This ' +
      'means…" or defines the term again. A term is reported once per document; headings, tables, medicines\' names and gene ' +
      'mentions are left alone, as are everyday words the corpus marks `plain` (chemotherapy; "kidney cancer" for renal cell carcinoma). The fix ' +
      'puts the lay definition in parentheses after the term, offered only where it reads as a noun phrase ("a ' +
      'protein…"); it is never applied by fix-all.',
    examples: [
      { markdown: `${PATIENT}PD-1, a protein on immune cells, can be blocked by some medicines.`, expected: [] },
      { markdown: `${PATIENT}You may get colitis (swelling of the lining of the colon), which causes diarrhea.`, expected: [] },
      { markdown: `${PATIENT}Some medicines block a protein called PD-1.`, expected: [] },
      { markdown: `${PATIENT}Your medicine blocks PD-1. It is a protein on immune cells that acts like a brake.`, expected: [] },
      { markdown: `${PATIENT}Chemotherapy can cause hair loss.`, expected: [] },
      {
        markdown: `${PATIENT}Your medicine blocks PD-1 on your immune cells.`,
        expected: ['4:22-4:26 Explain "PD-1" in plain words, e.g. "A protein on T cells, a type of immune cell, that acts like a brake."'],
      },
      {
        markdown: `${PATIENT}Tell your doctor if you have signs of cytokine release syndrome, such as fever.`,
        expected: ['4:39-4:64 Explain "cytokine release syndrome" in plain words, e.g. "A reaction in which immune cells release a flood of chemical signals into the blood."'],
      },
    ],
  },
  check(analysis, report) {
    const seen = new Set<string>();
    for (const match of nonOverlapping(termMatches(analysis))) {
      const { entry, form } = match.phrase.payload;
      // A medicine's name is its name: a leaflet names the patient's medicines, brand or generic.
      if (!entry.lay || entry.category === 'drug' || form === 'brand' || isPlain(entry, match) || seen.has(entry.id)) continue;
      // A heading or a table cell names; the prose around it explains.
      if (blockAt(analysis.prose, match.start)?.kind !== 'paragraph' || isGeneMention(analysis, match)) continue;
      seen.add(entry.id);
      if (isExplained(analysis, match)) continue;
      const term = surface(analysis, match);
      const lay = parentheticalLay(entry);
      const before = analysis.prose.text.slice(analysis.sentences[sentenceIndexAt(analysis, match.start)]?.start ?? 0, match.start);
      // No parenthesis inside a parenthesis, and a plural term takes no singular explanation.
      const fits = lay !== undefined && !match.plural && !/^\s*\(/.test(analysis.prose.text.slice(match.end)) && (before.match(/\(/g) ?? []).length === (before.match(/\)/g) ?? []).length;
      report({
        start: match.start,
        end: match.end,
        message: `Explain "${term}" in plain words, e.g. "${firstSentenceOf(entry.lay)}"`,
        explanation: `Patients may not know "${term}". In plain words: ${entry.lay.trim()}`,
        entryId: entry.id,
        ...(fits ? { fix: `${analysis.prose.text.slice(match.start, match.end)} (${lay})` } : {}),
      });
    }
  },
};
