import { abbreviationUses, rankSenses, type Definition } from './abbreviations';
import type { Analysis } from './analysis';
import { normalizeExpansion } from './corpus/compile';
import type { TermEntry } from './corpus/types';

/** One row of a document's list of abbreviations, as a study report or manuscript carries it. */
export interface AbbreviationListItem {
  abbreviation: string;
  /** In the corpus's wording; for an undefined ambiguous abbreviation, every sense joined by " or ". */
  expansion: string;
  entryId: string;
  /** The abbreviation has several meanings and the document does not say which it means. */
  ambiguous: boolean;
}

/** The expansion the document defines, in the corpus's wording (its case, its spelling). */
function expansionMeant(entry: TermEntry, analysis: Analysis, definition: Definition | undefined): string | undefined {
  if (definition?.status === 'other-sense') return definition.sense;
  if (definition?.status !== 'defined') return undefined;
  const written = normalizeExpansion(analysis.prose.text.slice(definition.start, definition.end));
  return entry.expansions?.find((expansion) => [written, written.replace(/s$/, '')].includes(normalizeExpansion(expansion)));
}

/** Every corpus abbreviation the document uses, sorted as a reader looks one up. */
export function abbreviationList(analysis: Analysis): AbbreviationListItem[] {
  const items: AbbreviationListItem[] = [];
  for (const uses of abbreviationUses(analysis).values()) {
    const entry = uses[0]!.entry;
    const defined = uses.map((use) => expansionMeant(entry, analysis, use.definition)).find((expansion) => expansion !== undefined);
    // Undefined and ambiguous: the context ranks the senses ("95% CI", "HR 0.7" settle a statistic's).
    const ranking = !defined && entry.otherSenses ? rankSenses(analysis, entry, uses) : undefined;
    const meant = defined ?? (ranking?.decided ? ranking.senses[0] : undefined);
    const ambiguous = !meant && entry.otherSenses !== undefined;
    const expansion = meant ?? (ambiguous ? ranking!.senses.join(' or ') : entry.expansions![0]!);
    items.push({ abbreviation: entry.abbreviation!, expansion, entryId: entry.id, ambiguous });
  }
  const key = (item: AbbreviationListItem) => item.abbreviation.toLowerCase();
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.abbreviation < b.abbreviation ? -1 : 1));
}

/** The list as a Markdown table. */
export function abbreviationTable(items: AbbreviationListItem[], eol = '\n'): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  return ['| Abbreviation | Definition |', '| --- | --- |', ...items.map((item) => `| ${escape(item.abbreviation)} | ${escape(item.expansion)} |`)].join(eol) + eol;
}
