import { abbreviationIndex, type AbbreviationOccurrence, type AbbreviationRecord } from './abbreviationIndex';
import { rankSenses, type Definition } from './abbreviations';
import type { Analysis } from './analysis';
import { normalizeExpansion } from './corpus/compile';
import type { TermEntry } from './corpus/types';
import { lowerCaseOpening } from './rules/helpers';
import { WELL_KNOWN_ABBREVIATIONS } from './wellKnownAbbreviations';

/** One row of a document's list of abbreviations, as a study report or manuscript carries it. */
export interface AbbreviationListItem {
  abbreviation: string;
  /**
   * The expansion the document defines (in the corpus's wording for a corpus abbreviation); for an
   * abbreviation it never defines, the corpus's, every sense joined by " or " when it has several,
   * and empty when the corpus does not know it.
   */
  expansion: string;
  /** The corpus entry, for a corpus abbreviation. */
  entryId?: string;
  /** The abbreviation has several meanings and the document does not say which it means. */
  ambiguous: boolean;
  /** `undefined`: used and never defined; `well-known`: needs no definition (DNA, HIV, or only "95% CI"). */
  status: 'defined' | 'well-known' | 'undefined';
  /** With `byScope`: the scope the row is for ("the abstract", "the body", "the legend of Table 1"). */
  scope?: string;
}

/** The expansion the document defines, in the corpus's wording (its case, its spelling). */
function corpusExpansion(entry: TermEntry, analysis: Analysis, definition: Definition | undefined): string | undefined {
  if (definition?.status === 'other-sense') return definition.sense;
  if (definition?.status !== 'defined') return undefined;
  const written = normalizeExpansion(analysis.prose.text.slice(definition.start, definition.end));
  return entry.expansions?.find((expansion) => [written, written.replace(/s$/, '')].includes(normalizeExpansion(expansion)));
}

/** Whether the document uses the abbreviation as one: not only as a gene's symbol, a trial's name and the like. */
const usedAsAbbreviation = (record: AbbreviationRecord) =>
  record.entry !== undefined || record.occurrences.some((occurrence) => occurrence.needsDefinition || occurrence.definition || occurrence.inHeading);

/**
 * The row for a record's occurrences (all of them, or one scope's): defined when they, or the
 * glossary, define it; the expansion may come from another scope's definition.
 */
function itemOf(analysis: Analysis, record: AbbreviationRecord, occurrences: readonly AbbreviationOccurrence[]): AbbreviationListItem {
  const { entry } = record;
  const definedHere = occurrences.find((occurrence) => occurrence.definition);
  const defining = definedHere ?? record.occurrences.find((occurrence) => occurrence.definition);
  const needsNone = record.wellKnown || !occurrences.some((occurrence) => occurrence.needsDefinition);
  const status = definedHere || record.glossary ? 'defined' : needsNone ? 'well-known' : 'undefined';
  if (!entry) {
    const definition = defining?.definition ?? record.glossary;
    const expansion = definition ? lowerCaseOpening(definition.expansion) : (WELL_KNOWN_ABBREVIATIONS[record.short] ?? '');
    return { abbreviation: record.short, expansion, ambiguous: false, status };
  }
  const uses = record.occurrences.flatMap((occurrence) => (occurrence.corpusUse ? [occurrence.corpusUse] : []));
  const defined = occurrences.map((occurrence) => corpusExpansion(entry, analysis, occurrence.corpusUse?.definition)).find((expansion) => expansion !== undefined);
  // Undefined and ambiguous: the context ranks the senses ("95% CI", "HR 0.7" settle a statistic's).
  const ranking = !defined && entry.otherSenses ? rankSenses(analysis, entry, uses) : undefined;
  const meant = defined ?? (ranking?.decided ? ranking.senses[0] : undefined);
  const ambiguous = !meant && entry.otherSenses !== undefined;
  const expansion = meant ?? (ambiguous ? ranking!.senses.join(' or ') : defining ? lowerCaseOpening(defining.definition!.expansion) : entry.expansions![0]!);
  return { abbreviation: record.short, expansion, entryId: entry.id, ambiguous, status };
}

/**
 * Every abbreviation the document uses, the corpus's and those found by their shape, sorted as a
 * reader looks one up; with `byScope`, one list per scope (the abstract, the body, each legend), in
 * document order, each item naming its scope.
 */
export function abbreviationList(analysis: Analysis, options: { byScope?: boolean } = {}): AbbreviationListItem[] {
  const index = abbreviationIndex(analysis);
  const records = index.records.filter(usedAsAbbreviation);
  if (!options.byScope) return sorted(records.map((record) => itemOf(analysis, record, record.occurrences)));
  const scopes = [...new Set(records.flatMap((record) => record.occurrences.map((occurrence) => occurrence.scope)))]
    .filter((scope) => scope.kind !== 'glossary')
    .sort((a, b) => (a.kind === 'body' ? (b.kind === 'abstract' ? 1 : -1) : b.kind === 'body' ? (a.kind === 'abstract' ? -1 : 1) : a.start - b.start));
  return scopes.flatMap((scope) =>
    sorted(
      records.flatMap((record) => {
        const occurrences = record.occurrences.filter((occurrence) => occurrence.scope === scope);
        return occurrences.length > 0 ? [{ ...itemOf(analysis, record, occurrences), scope: scope.name }] : [];
      }),
    ),
  );
}

function sorted(items: AbbreviationListItem[]): AbbreviationListItem[] {
  const key = (item: AbbreviationListItem) => item.abbreviation.toLowerCase();
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.abbreviation < b.abbreviation ? -1 : 1));
}

const notDefined = (item: AbbreviationListItem) => `**not defined in ${item.scope ?? 'the document'}**`;

/** The list as Markdown: one table, or with scopes, one table under each scope's name. */
export function abbreviationTable(items: AbbreviationListItem[], eol = '\n'): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const table = (rows: AbbreviationListItem[]) =>
    ['| Abbreviation | Definition |', '| --- | --- |', ...rows.map((item) => `| ${escape(item.abbreviation)} | ${item.status === 'undefined' && !item.expansion ? notDefined(item) : escape(item.expansion)}${item.status === 'undefined' && item.expansion ? ` (${notDefined(item)})` : ''} |`)].join(eol) + eol;
  const scopes = [...new Set(items.map((item) => item.scope))];
  if (scopes.length === 1 && scopes[0] === undefined) return table(items);
  return scopes.map((scope) => `**${scope!.charAt(0).toUpperCase()}${scope!.slice(1)}**${eol}${eol}${table(items.filter((item) => item.scope === scope))}`).join(eol);
}
