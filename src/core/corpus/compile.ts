import { addTo } from '../collections';
import { PhraseMatcher, type GapMode, type PhraseSpec } from '../matcher';
import type { ClaimEntry, ClaimPhrase, Corpus, PopulationConstraint, TermEntry } from './types';

export type TermForm = 'term' | 'abbreviation' | 'expansion' | 'alias' | 'variant' | 'brand';

export type MatchPayload =
  | { kind: 'term'; entry: TermEntry; form: TermForm; replacement?: string; asNoun?: boolean }
  | { kind: 'claim'; claim: ClaimEntry; phrase: ClaimPhrase; condition?: string }
  | { kind: 'population'; drug: TermEntry; constraint: PopulationConstraint };

export interface CompiledCorpus {
  corpus: Corpus;
  matcher: PhraseMatcher<MatchPayload>;
  entries: Map<string, TermEntry>;
  /** Normalised expansion → entries it expands. */
  expansionOwners: Map<string, TermEntry[]>;
  drugsByTarget: Map<string, TermEntry[]>;
  /** Class id → the drugs in it, directly or through a narrower class. */
  drugsByClass: Map<string, TermEntry[]>;
  /** Drug id → every class it belongs to: its own and all broader ones. */
  classesOfDrug: Map<string, Set<string>>;
  /** Drug id → classes that some of its classes' members belong to: neither membership nor its denial is a contradiction. */
  possibleClassesOfDrug: Map<string, Set<string>>;
  /** Lower-cased id, term, abbreviation, expansion, alias, variant or brand → entry. */
  lookup: Map<string, TermEntry>;
}

/** Case-, hyphen- and dash-insensitive form of an expansion. */
export function normalizeExpansion(text: string): string {
  return text.toLowerCase().replace(/[\s\-\u2010-\u2015]+/g, ' ').trim();
}

/** Mixed-case forms (PD-1, CAR T-cell therapy, HER2) are matched exactly; others ignore case. */
function isCaseSensitive(entry: TermEntry, text: string): boolean {
  return entry.caseSensitive ?? /[A-Z]/.test(text.slice(1));
}

export function variantText(variant: string | { text: string }): string {
  return typeof variant === 'string' ? variant : variant.text;
}

export function variantReplacement(entry: TermEntry, variant: string | { text: string; use: string }): string {
  return typeof variant === 'string' ? entry.abbreviation ?? entry.term : variant.use;
}

/** The phrases an entry is found by: each of its forms, with its separator mode, case and plural. */
export function* termPhrases(entry: TermEntry): Generator<PhraseSpec<MatchPayload>> {
  const plural = entry.category !== 'drug';
  const spec = (text: string, form: TermForm, mode: GapMode, caseSensitive: boolean, replacement?: string, asNoun = false): PhraseSpec<MatchPayload> => ({
    text,
    mode,
    caseSensitive,
    plural: plural && form !== 'brand',
    payload: { kind: 'term', entry, form, ...(replacement === undefined ? {} : { replacement }), ...(asNoun ? { asNoun } : {}) },
  });
  // A term that is also an expansion is matched as the expansion, so definitions can find it.
  if (!entry.expansions?.includes(entry.term)) yield spec(entry.term, 'term', 'word', isCaseSensitive(entry, entry.term));
  if (entry.abbreviation && entry.abbreviation !== entry.term) yield spec(entry.abbreviation, 'abbreviation', 'exact', entry.caseSensitive ?? true);
  // Expansions compare ignoring case: "Programmed cell death protein 1" starts a sentence as often as not.
  for (const expansion of entry.expansions ?? []) yield spec(expansion, 'expansion', 'loose', false);
  for (const alias of entry.aliases ?? []) yield spec(alias, 'alias', 'word', isCaseSensitive(entry, alias));
  for (const variant of entry.variants ?? []) {
    const text = variantText(variant);
    const asNoun = typeof variant !== 'string' && variant.as === 'noun';
    yield spec(text, 'variant', 'exact', entry.caseSensitive ?? /[A-Z]/.test(text), variantReplacement(entry, variant as string), asNoun);
  }
  for (const brand of entry.brands ?? []) yield spec(variantText(brand), 'brand', 'exact', false, typeof brand === 'string' ? undefined : brand.use);
  for (const constraint of entry.populations ?? []) {
    for (const text of constraint.contradictedBy) {
      yield { text, mode: 'loose', caseSensitive: /[A-Z]/.test(text.slice(1)), plural: false, payload: { kind: 'population', drug: entry, constraint } };
    }
  }
}

function* claimPhrases(claim: ClaimEntry): Generator<PhraseSpec<MatchPayload>> {
  for (const phrase of claim.phrases ?? []) {
    const normalized = typeof phrase === 'string' ? { text: phrase } : phrase;
    yield { text: normalized.text, mode: 'loose', caseSensitive: false, plural: false, payload: { kind: 'claim', claim, phrase: normalized } };
  }
  for (const condition of claim.conditions ?? []) {
    for (const template of claim.templates ?? []) {
      const text = template.text.replace('{condition}', condition);
      yield {
        text,
        mode: 'loose',
        caseSensitive: /[A-Z]/.test(condition.slice(1)),
        plural: false,
        payload: { kind: 'claim', claim, phrase: { text, use: template.use }, condition },
      };
    }
  }
}

/** Class ids and every class above them through `broader`, each once (a cycle is an integrity problem, not a hang). */
export function classClosure(ids: readonly string[], entries: ReadonlyMap<string, TermEntry>): Set<string> {
  const closure = new Set<string>();
  const pending = [...ids];
  while (pending.length) {
    const id = pending.pop()!;
    if (closure.has(id)) continue;
    closure.add(id);
    pending.push(...(entries.get(id)?.broader ?? []));
  }
  return closure;
}

export function compileCorpus(corpus: Corpus): CompiledCorpus {
  const entries = new Map<string, TermEntry>();
  const expansionOwners = new Map<string, TermEntry[]>();
  const drugsByTarget = new Map<string, TermEntry[]>();
  const drugsByClass = new Map<string, TermEntry[]>();
  const lookup = new Map<string, TermEntry>();
  const specs: PhraseSpec<MatchPayload>[] = [];

  for (const entry of corpus.terms) {
    entries.set(entry.id, entry);
    for (const expansion of entry.expansions ?? []) addTo(expansionOwners, normalizeExpansion(expansion), entry);
    for (const target of entry.targets ?? []) addTo(drugsByTarget, target, entry);
    const names = [entry.id, entry.term, entry.abbreviation, ...(entry.expansions ?? []), ...(entry.aliases ?? []), ...(entry.variants ?? []).map(variantText), ...(entry.brands ?? []).map(variantText)];
    for (const name of names) if (name && !lookup.has(name.toLowerCase())) lookup.set(name.toLowerCase(), entry);
    specs.push(...termPhrases(entry));
  }
  for (const claim of corpus.claims) specs.push(...claimPhrases(claim));

  const classesOfDrug = new Map<string, Set<string>>();
  const possibleClassesOfDrug = new Map<string, Set<string>>();
  for (const entry of corpus.terms) {
    if (!entry.classes) continue;
    const closure = classClosure(entry.classes, entries);
    classesOfDrug.set(entry.id, closure);
    for (const drugClass of closure) addTo(drugsByClass, drugClass, entry);
    const possible = [...closure].flatMap((drugClass) => entries.get(drugClass)?.overlaps ?? []);
    possibleClassesOfDrug.set(entry.id, classClosure(possible, entries));
  }

  return { corpus, matcher: new PhraseMatcher(specs), entries, expansionOwners, drugsByTarget, drugsByClass, classesOfDrug, possibleClassesOfDrug, lookup };
}

/** The entries named by ids (a drug's targets, classes, relations); unknown ids are left out. */
export function entriesOf(compiled: CompiledCorpus, ids: string[] | undefined): TermEntry[] {
  return (ids ?? []).map((id) => compiled.entries.get(id)).filter((entry): entry is TermEntry => entry !== undefined);
}

/** The entries an expansion (as written in a document) belongs to, tolerating a plural `s`. */
export function ownersOfExpansion(compiled: CompiledCorpus, text: string): TermEntry[] {
  const normalized = normalizeExpansion(text);
  return compiled.expansionOwners.get(normalized) ?? (normalized.endsWith('s') ? compiled.expansionOwners.get(normalized.slice(0, -1)) : undefined) ?? [];
}
