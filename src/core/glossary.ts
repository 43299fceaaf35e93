import { variantText } from './corpus/compile';
import type { TermEntry } from './corpus/types';

export interface GlossaryMatch {
  entry: TermEntry;
  /** The name the query found: the term, or its abbreviation, expansion, alias, variant or brand. */
  name: string;
}

/** Every name a writer may look an entry up by. */
export function namesOf(entry: TermEntry): string[] {
  return [entry.term, entry.abbreviation, ...(entry.expansions ?? []), ...(entry.aliases ?? []), ...(entry.variants ?? []).map(variantText), ...(entry.brands ?? []).map(variantText)].filter(
    (name): name is string => Boolean(name),
  );
}

/**
 * The entries a glossary search finds, best first: a name equal to the query, then one starting with
 * it, then one containing it (case-insensitive); within each, by the name found. A blank query finds
 * nothing.
 */
export function searchGlossary(entries: readonly TermEntry[], query: string): GlossaryMatch[] {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return [];
  const found: (GlossaryMatch & { rank: number })[] = [];
  for (const entry of entries) {
    let best: { name: string; rank: number } | undefined;
    for (const name of namesOf(entry)) {
      const lower = name.toLowerCase();
      const rank = lower === wanted ? 0 : lower.startsWith(wanted) ? 1 : lower.includes(wanted) ? 2 : 3;
      if (rank < 3 && (!best || rank < best.rank)) best = { name, rank };
    }
    if (best) found.push({ entry, ...best });
  }
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return found.sort((a, b) => a.rank - b.rank || collator.compare(a.name, b.name)).map(({ entry, name }) => ({ entry, name }));
}
