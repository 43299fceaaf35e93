import { abbreviationUses } from './abbreviations';
import type { Analysis } from './analysis';
import { entriesOf, variantText, type CompiledCorpus } from './corpus/compile';
import type { TermEntry } from './corpus/types';
import { displayName } from './rules/helpers';
import { splitSentences } from './text/sentences';
import { partitionPoint } from './text/spans';
import { count } from './text/count';
import type { SourceSpan } from './types';

export interface HoverCard extends SourceSpan {
  entryId: string;
  /** The card as Markdown, as an editor shows it. */
  markdown: string;
}

export interface DocumentUsage {
  /** 1-based line of the definition `expansion (ABBR)`, if the document defines the abbreviation. */
  definedOnLine?: number;
  uses: number;
}

/** Where a card's mention of another entry leads (an editor's command to open that entry's card). */
export type EntryLink = (entry: TermEntry) => string;

/** The card's heading: the abbreviation with its expansion, or the term, and the category. */
function headingOf(entry: TermEntry): string {
  const heading = entry.abbreviation && entry.abbreviation !== entry.term ? `**${entry.abbreviation}** · ${entry.expansions?.[0] ?? entry.term}` : `**${entry.term}**`;
  return `${heading} *(${entry.category})*`;
}

/**
 * The compact card a hover shows first: the heading and the definition's first sentence, with a
 * "more…" link to the full card.
 */
export function renderCompactCard(entry: TermEntry, moreLink: string): string {
  const definition = entry.definition.trim();
  const first = splitSentences(definition)[0];
  const sentence = first ? definition.slice(first.start, first.end).trim() : definition;
  return `${headingOf(entry)}

${sentence} [more…](${moreLink})`;
}

/**
 * The reference card for an entry, as Markdown; with document usage when hovering in a document.
 * With `link`, each other entry it names (targets, classes, drugs, related terms) links to its card.
 * With `layFirst` (a patient document), the plain-words definition leads and the professional one follows.
 */
export function renderCard(compiled: CompiledCorpus, entry: TermEntry, usage?: DocumentUsage, link?: EntryLink, layFirst = false): string {
  const named = (other: TermEntry, text: string) => (link ? `[${text}](${link(other)})` : text);
  const names = (ids: string[] | undefined) => entriesOf(compiled, ids).map((other) => named(other, displayName(other)));
  const terms = (entries: TermEntry[]) => entries.map((other) => named(other, other.term));
  const lines: string[] = [];
  if (layFirst && entry.lay) lines.push(headingOf(entry), '', entry.lay.trim(), '', `*For professionals:* ${entry.definition.trim()}`, '');
  else {
    lines.push(headingOf(entry), '', entry.definition.trim(), '');
    if (entry.lay) lines.push(`*In plain words:* ${entry.lay.trim()}`, '');
  }
  const facts: string[] = [];
  const targets = names(entry.targets);
  if (targets.length) facts.push(`Targets: ${targets.join(', ')}`);
  const classes = terms(entriesOf(compiled, entry.classes));
  if (classes.length) {
    const own = new Set(entry.classes);
    const above = terms(entriesOf(compiled, [...(compiled.classesOfDrug.get(entry.id) ?? [])].filter((id) => !own.has(id))));
    facts.push(`Class: ${classes.join(', ')}${above.length ? ` (and so ${above.join(', ')})` : ''}`);
  }
  const broader = terms(entriesOf(compiled, entry.broader));
  if (broader.length) facts.push(`A kind of: ${broader.join(', ')}`);
  const narrower = terms(compiled.corpus.terms.filter((other) => other.broader?.includes(entry.id)));
  if (narrower.length) facts.push(`Kinds: ${narrower.join(', ')}`);
  if (entry.noMolecularTarget) facts.push(`No single molecular target: ${entry.noMolecularTarget}`);
  if (entry.brands?.length) facts.push(`Brand names: ${entry.brands.map(variantText).join(', ')}`);
  if (entry.approvedUses) {
    const label = entry.approvedUses.label ? `, ${entry.approvedUses.label}` : '';
    facts.push(`Approved uses (US label${label}, as of ${entry.approvedUses.asOf}): ${entry.approvedUses.uses.join('; ')}`);
  }
  if (entry.geneSymbol) facts.push(`Gene: *${entry.geneSymbol}* (HGNC symbol; written as the gene, it is correct as it stands)`);
  for (const population of entry.populations ?? []) facts.push(`For: ${population.requires} disease only`);
  const actingDrugs = terms(compiled.drugsByTarget.get(entry.id) ?? []);
  if (actingDrugs.length) facts.push(`Drugs that act on it: ${actingDrugs.join(', ')}`);
  const members = terms(compiled.drugsByClass.get(entry.id) ?? []);
  if (members.length) facts.push(`Examples: ${members.join(', ')}`);
  for (const sense of entry.otherSenses ?? []) facts.push(`${entry.abbreviation} also stands for: ${sense.expansion} (${sense.description})`);
  const related = names(entry.related);
  if (related.length) facts.push(`Related: ${related.join(', ')}`);
  if (facts.length) lines.push(...facts.map((fact) => `- ${fact}`), '');
  if (usage) {
    const defined = usage.definedOnLine ? `defined on line ${usage.definedOnLine}` : entry.abbreviation && entry.expandOnFirstUse !== false ? 'not defined' : undefined;
    lines.push(`In this document: ${defined ? `${defined}; ` : ''}used ${count(usage.uses, 'time')}.`, '');
  }
  lines.push(`Sources: ${entry.sources.map((source) => (source.url ? `[${source.name}](${source.url})` : source.name)).join('; ')}${entry.reviewed ? ` · reviewed ${entry.reviewed}` : ''}`);
  return lines.join('\n');
}

// No corpus phrase is longer than this in the source, markup included: how far back a match under
// the cursor can start.
const LONGEST_PHRASE_SOURCE = 400;

const usesCache = new WeakMap<Analysis, Map<string, number>>();

function usesOf(analysis: Analysis, entry: TermEntry): number {
  let counts = usesCache.get(analysis);
  if (!counts) {
    counts = new Map();
    for (const match of analysis.matches) {
      if (match.phrase.payload.kind === 'term') counts.set(match.phrase.payload.entry.id, (counts.get(match.phrase.payload.entry.id) ?? 0) + 1);
    }
    usesCache.set(analysis, counts);
  }
  return counts.get(entry.id) ?? 0;
}

/** The card for the corpus term under a source offset, preferring the longest term there. */
export function hoverAt(analysis: Analysis, offset: number): HoverCard | undefined {
  const { prose, matches } = analysis;
  // Matches are in document order: find the last one starting at or before the offset.
  const after = partitionPoint(matches.length, (index) => prose.sourceStart(matches[index]!.start) <= offset);
  let best: { start: number; end: number; entry: TermEntry } | undefined;
  for (let index = after - 1; index >= 0; index--) {
    const match = matches[index]!;
    const start = prose.sourceStart(match.start);
    if (start < offset - LONGEST_PHRASE_SOURCE) break;
    const payload = match.phrase.payload;
    if (payload.kind !== 'term') continue;
    const end = prose.sourceEnd(match.end);
    if (offset >= end) continue;
    if (!best || end - start > best.end - best.start) best = { start, end, entry: payload.entry };
  }
  if (!best) return undefined;
  const entry = best.entry;
  const uses = usesOf(analysis, entry);
  const definition = abbreviationUses(analysis).get(entry.id)?.find((use) => use.definition?.status === 'defined');
  const definedOnLine = definition ? analysis.lines.positionAt(prose.sourceStart(definition.match.start)).line + 1 : undefined;
  return {
    entryId: entry.id,
    start: best.start,
    end: best.end,
    range: analysis.lines.rangeOf(best.start, best.end),
    markdown: renderCard(analysis.compiled, entry, definedOnLine ? { definedOnLine, uses } : { uses }, undefined, analysis.profile?.audience === 'lay'),
  };
}
