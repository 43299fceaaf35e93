import { blockAt, chunkReading, chunksWithMatches, documentMatch, indexOfMatch, placedChunkReadings, type Analysis, type DocumentChunk, KeptKind, type PlacedReading } from './analysis';
import { ownersOfExpansion, normalizeExpansion } from './corpus/compile';
import type { TermEntry } from './corpus/types';
import { inHeading, inSectionOf, isGeneMention, nonOverlapping, sentenceOf, termMatches, type TermMatch } from './rules/helpers';
import { partitionPoint } from './text/spans';

/** How an abbreviation is introduced where it is used: `expansion (ABBR)` or `ABBR (expansion)`. */
export type Definition =
  | { status: 'defined'; start: number; end: number }
  /** The expansion belongs to other entries (`PD-1 (programmed death-ligand 1)`). */
  | { status: 'other-entry'; start: number; end: number; owners: TermEntry[] }
  /** Looks like an expansion (its initials spell the abbreviation) but is not an accepted one. */
  | { status: 'unknown'; start: number; end: number }
  /** Defined with one of the abbreviation's other meanings (CDC: Centers for Disease Control and Prevention). */
  | { status: 'other-sense'; start: number; end: number; sense: string };

export interface AbbreviationUse {
  match: TermMatch;
  entry: TermEntry;
  /** Written as a plural: `irAEs`, or the variant `irAE's`. */
  plural: boolean;
  inHeading: boolean;
  definition?: Definition;
  /** Whether the use needs the abbreviation defined: not in a heading, a gene, an interval after a percentage or another abbreviation's letters. */
  needsDefinition: boolean;
}

const cache = new WeakMap<Analysis, Map<string, AbbreviationUse[]>>();

/**
 * Schwartz & Hearst (2003): the shortest run of words ending the text whose letters contain the
 * short form's letters in order, the first at the start of a word. Returns its start in `text`.
 */
export function findLongForm(shortForm: string, text: string): number | undefined {
  const short = shortForm.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  if (short.length < 2) return undefined;
  const maxWords = Math.min(short.length + 5, short.length * 2);
  // A longer run of words is no long form: read no further back, whatever the text holds before.
  const from = startOfLastWords(text, maxWords);
  const long = text.slice(from).toLowerCase();
  const isAlnum = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);
  let longIndex = long.length - 1;
  for (let shortIndex = short.length - 1; shortIndex >= 0; shortIndex--) {
    const char = short[shortIndex]!;
    while (longIndex >= 0 && (long[longIndex] !== char || (shortIndex === 0 && isAlnum(long[longIndex - 1])))) longIndex--;
    if (longIndex < 0) return undefined;
    longIndex--;
  }
  const start = from + startOfLastWords(long.slice(0, longIndex + 2), 1);
  return SPELLED_OUT_WORD.test(text.slice(start)) ? start : undefined;
}

/** Whether `\s` matches the character with this code. */
function isWhiteSpace(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Where the last `count` words of `text`, separated by white space, begin: 0 if it has fewer. */
function startOfLastWords(text: string, count: number): number {
  let at = text.length;
  for (let word = 0; word < count; word++) {
    while (at > 0 && isWhiteSpace(text.charCodeAt(at - 1))) at--;
    while (at > 0 && !isWhiteSpace(text.charCodeAt(at - 1))) at--;
    if (at === 0) return 0;
  }
  return at;
}

// A long form spells something out in at least one word: a run of abbreviations ("PD-L1, CTLA-4,
// irAEs (PD-1)") defines none. A word in capitals long enough not to be one counts, as in a heading set in capitals.
const SPELLED_OUT_WORD = /(?<![\p{L}\p{N}])(?:\p{Lu}?\p{Ll}{2,}|\p{Lu}{6,})(?![\p{L}\p{N}])/u;

// Square brackets define inside parentheses, as journal style asks: "(95% confidence interval [CI], 0.5 to 0.9)".
const CLOSING_BRACKET: Record<string, string> = { '(': ')', '[': ']' };

/** The prose block holding an offset, or the whole prose: a definition or an exemption never reaches past its paragraph. */
function blockOf(analysis: Analysis, offset: number): { start: number; end: number } {
  return blockAt(analysis.prose, offset) ?? { start: 0, end: analysis.prose.text.length };
}

function closingBracket(text: string, open: number, limit: number, blockEnd: number): number {
  const opener = text[open]!;
  const closer = CLOSING_BRACKET[opener]!;
  for (let i = open + 1; i < Math.min(blockEnd, open + 1 + limit); i++) {
    if (text[i] === closer) return i;
    if (text[i] === opener || text[i] === '\u2029') return -1;
  }
  return -1;
}

/** `expansion (ABBR)`: the abbreviation opens a parenthesis. */
type OtherSense = NonNullable<TermEntry['otherSenses']>[number];

// The corpus's other senses, normalized once: a document may put hundreds of uses in parentheses.
const normalizedSenses = new Map<string, string>();

function normalizedSense(sense: OtherSense): string {
  let normalized = normalizedSenses.get(sense.expansion);
  if (normalized === undefined) normalizedSenses.set(sense.expansion, (normalized = normalizeExpansion(sense.expansion)));
  return normalized;
}

/** The other sense whose expansion ends `lead` (the words before "(ABBR)"), if any. */
function otherSenseEnding(senses: readonly OtherSense[], lead: string): OtherSense | undefined {
  if (senses.length === 0) return undefined;
  const normalizedLead = ` ${normalizeExpansion(lead)}`;
  return senses.find((sense) => {
    const normalized = normalizedSense(sense);
    return normalizedLead.endsWith(normalized) && normalizedLead[normalizedLead.length - normalized.length - 1] === ' ';
  });
}

function definitionBefore(analysis: Analysis, use: TermMatch, entry: TermEntry, expansions: readonly TermMatch[]): Definition | undefined {
  const text = analysis.prose.text;
  if (!CLOSING_BRACKET[text[use.start - 1]!]) return undefined;
  const close = closingBracket(text, use.start - 1, 40 + use.end - use.start, blockOf(analysis, use.start).end);
  if (close < 0) return undefined;
  let beforeParen = use.start - 1;
  while (beforeParen > 0 && /[ \t\r\n]/.test(text[beforeParen - 1]!)) beforeParen--;
  // Words after the abbreviation inside the parenthesis ("(CAR T)") may also follow the expansion.
  const trailingWords = wordsBetween(text, use.end, close);
  // Only the words just before the parenthesis can define it: looking further back in a long
  // sentence would make every use cost the length of the sentence.
  const from = Math.max(sentenceOf(analysis, use.start).start, beforeParen - DEFINITION_REACH);
  const candidates: TermMatch[] = [];
  for (let index = partitionPoint(expansions.length, (at) => expansions[at]!.start < from); index < expansions.length && expansions[index]!.start < beforeParen; index++) {
    if (expansions[index]!.end <= beforeParen) candidates.push(expansions[index]!);
  }
  const own = candidates.find((match) => match.phrase.payload.entry === entry && wordsBetween(text, match.end, beforeParen) <= trailingWords);
  if (own) return { status: 'defined', start: own.start, end: own.end };
  const other = candidates.filter((match) => match.end === beforeParen);
  if (other.length > 0) {
    const longest = other.reduce((a, b) => (a.end - a.start >= b.end - b.start ? a : b));
    return { status: 'other-entry', start: longest.start, end: longest.end, owners: [...new Set(other.map((m) => m.phrase.payload.entry))] };
  }
  const lead = text.slice(from, beforeParen);
  const sense = entry.otherSenses && otherSenseEnding(entry.otherSenses, lead);
  if (sense) return { status: 'other-sense', start: use.start, end: use.end, sense: sense.expansion };
  const longStart = findLongForm(entry.abbreviation!, lead);
  if (longStart === undefined) return undefined;
  return { status: 'unknown', start: from + longStart, end: beforeParen };
}

// Characters before `(ABBR)` that may hold its expansion: far more than the longest expansion and the
// Schwartz–Hearst limit of words allow.
const DEFINITION_REACH = 400;

/** How many words, runs of characters other than white space, `text` holds from `from` to `to`. */
function wordsBetween(text: string, from: number, to: number): number {
  let words = 0;
  for (let at = from; at < to; at++) {
    if (!isWhiteSpace(text.charCodeAt(at)) && (at === from || isWhiteSpace(text.charCodeAt(at - 1)))) words++;
  }
  return words;
}

const normalizedExpansionsOf = new WeakMap<TermEntry, Set<string>>();

/** An entry's expansions as definitions are compared, normalized once: a parenthesis may follow every use. */
function normalizedExpansions(entry: TermEntry): Set<string> {
  let normalized = normalizedExpansionsOf.get(entry);
  if (!normalized) normalizedExpansionsOf.set(entry, (normalized = new Set((entry.expansions ?? []).map(normalizeExpansion))));
  return normalized;
}

/** `ABBR (expansion)`: a parenthesis right after the abbreviation. */
function definitionAfter(analysis: Analysis, use: TermMatch, entry: TermEntry): Definition | undefined {
  const text = analysis.prose.text;
  const blockEnd = blockOf(analysis, use.start).end;
  let open = use.end;
  while (open < blockEnd && /[ \t]/.test(text[open]!)) open++;
  if (open >= blockEnd || !CLOSING_BRACKET[text[open]!]) return undefined;
  const close = closingBracket(text, open, 120, blockEnd);
  if (close < 0) return undefined;
  let start = open + 1;
  let end = close;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const content = text.slice(start, end);
  const accepted = normalizedExpansions(entry);
  const normalized = normalizeExpansion(content);
  if (accepted.has(normalized) || (normalized.endsWith('s') && accepted.has(normalized.slice(0, -1)))) return { status: 'defined', start, end };
  const sense = entry.otherSenses?.find((other) => normalizedSense(other) === normalized);
  if (sense) return { status: 'other-sense', start, end, sense: sense.expansion };
  const owners = ownersOfExpansion(analysis.compiled, content).filter((owner) => owner !== entry);
  if (owners.length > 0) return { status: 'other-entry', start, end, owners };
  return findLongForm(entry.abbreviation!, content) === 0 ? { status: 'unknown', start, end } : undefined;
}

// Between an expansion and its abbreviation, the words writers use to introduce it: "tumor-infiltrating
// lymphocytes or TILs", ", or TILs", "(or TIL)", "(also known as CML)", "CD19-chimeric antigen receptor T
// cells, or CD19-CAR T cells"; up to two trailing words of the expansion's compound, and a prefix joined by
// a hyphen to the abbreviation.
const DEFINING_JOINER = /^(?:\s+[\p{L}\p{N}]+){0,2}\s*,?\s*\(?\s*(?:(?:or|also called|also known as|known as|called|abbreviated(?: as)?|hereafter|hereinafter)\s+)?(?:[\p{L}\p{N}]+[-\u2010])?$/iu;
const JOINER_REACH = 60;

/** `expansion or ABBR`, `expansion (also known as ABBR)` and the like. */
function definitionByJoiner(analysis: Analysis, use: TermMatch, entry: TermEntry, expansions: readonly TermMatch[]): Definition | undefined {
  const text = analysis.prose.text;
  const from = Math.max(sentenceOf(analysis, use.start).start, use.start - JOINER_REACH - 200);
  for (let index = partitionPoint(expansions.length, (at) => expansions[at]!.start < from); index < expansions.length && expansions[index]!.end <= use.start; index++) {
    const expansion = expansions[index]!;
    if (expansion.phrase.payload.entry !== entry || use.start - expansion.end > JOINER_REACH) continue;
    if (DEFINING_JOINER.test(text.slice(expansion.end, use.start))) return { status: 'defined', start: expansion.start, end: expansion.end };
  }
  return undefined;
}

/** `ABBR = expansion` or `ABBR: expansion`, as a legend or an abbreviation list writes it. */
function definitionByEquals(analysis: Analysis, use: TermMatch, entry: TermEntry): Definition | undefined {
  const text = analysis.prose.text;
  const blockEnd = blockOf(analysis, use.start).end;
  const after = /^\s*[=:]\s*/.exec(text.slice(use.end, Math.min(blockEnd, use.end + 8)));
  if (!after) return undefined;
  const start = use.end + after[0].length;
  const content = /^[^;,.\n\u2029]{1,120}/.exec(text.slice(start, blockEnd))?.[0].trimEnd() ?? '';
  const normalized = normalizeExpansion(content);
  return normalizedExpansions(entry).has(normalized) ? { status: 'defined', start, end: start + content.length } : undefined;
}

// "HR 0.68", "HR for death", "OS was 24 months": the statistic's own sense, whatever else the letters mean.
const STATISTIC_AFTER = /^\s*(?:[=:,(]\s*)?(?:\d|(?:was|were|is|of)\s+\d|for\s+(?:death|progression|relapse|recurrence|disease|overall|an?\s+event|os|pfs|efs|dfs)\b)/i;

/** Whether a statistic follows a use in its paragraph, which settles an ambiguous measure's sense. */
function statisticFollows(analysis: Analysis, use: AbbreviationUse): boolean {
  const { start, end } = use.match;
  return STATISTIC_AFTER.test(analysis.prose.text.slice(end, Math.min(end + 40, blockOf(analysis, start).end)));
}

// Words too common to tell senses apart.
const STOPWORDS = new Set(['about', 'after', 'among', 'and', 'as', 'before', 'between', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'their', 'there', 'these', 'this', 'those', 'through', 'with', 'which', 'while', 'where', 'when', 'that', 'than', 'other', 'such', 'used', 'often', 'writing', 'measure', 'number', 'value', 'values']);

function contentWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}[\p{L}-]{3,}/gu) ?? []).filter((word) => !STOPWORDS.has(word)));
}

const senseWordsOf = new WeakMap<TermEntry, Set<string>[]>();

/** The content words of each sense's description, the entry's own first, read once per entry. */
function senseWords(entry: TermEntry): Set<string>[] {
  let words = senseWordsOf.get(entry);
  if (!words) {
    words = [contentWords(`${entry.term} ${entry.definition}`), ...(entry.otherSenses ?? []).map((sense) => contentWords(`${sense.expansion} ${sense.description}`))];
    senseWordsOf.set(entry, words);
  }
  return words;
}

/** The senses of an ambiguous abbreviation in the order its context makes likely, and whether the context settles the first. */
export interface SenseRanking {
  senses: string[];
  decided: boolean;
}

/**
 * Ranks the senses of an abbreviation with several meanings by its uses' context: a team's pinned
 * sense, or a statistic ("95% CI", "HR 0.7", "HR for death") for a measure, settles it; otherwise the
 * words around the uses that a sense's description (or the entry's definition) shares order them,
 * the corpus's first sense first on a tie, and the writer chooses. `uses`: all the document's uses
 * of the abbreviation.
 */
export function rankSenses(analysis: Analysis, entry: TermEntry, uses: readonly AbbreviationUse[]): SenseRanking {
  const primary = entry.expansions![0]!;
  const others = entry.otherSenses ?? [];
  const all = [primary, ...others.map((sense) => sense.expansion)];
  const pinned = entry.pinnedSense && all.find((sense) => normalizeExpansion(sense) === normalizeExpansion(entry.pinnedSense!));
  if (pinned) return { senses: [pinned, ...all.filter((sense) => sense !== pinned)], decided: true };
  const context = (analysis.chunks && contextOfChunks(analysis, entry, uses)) || senseContext(analysis, entry, uses);
  if (entry.category === 'measure' && context.statistic) return { senses: all, decided: true };
  const score = (words: Set<string>) => [...words].filter((word) => context.words.has(word)).length;
  const scores = senseWords(entry).map(score);
  const order = all.map((sense, index) => ({ sense, index })).sort((a, b) => scores[b.index]! - scores[a.index]! || a.index - b.index);
  return { senses: order.map((item) => item.sense), decided: false };
}

/** What uses of an abbreviation say of its sense: a statistic after one, and which of its senses' words their sentences hold. */
interface SenseContext {
  statistic: boolean;
  words: Set<string>;
}

function senseContext(analysis: Analysis, entry: TermEntry, uses: readonly AbbreviationUse[]): SenseContext {
  const statistic = uses.some((use) => statisticFollows(analysis, use) || afterPercentage(analysis, use.match.start));
  const senses = allSenseWords(entry);
  const words = new Set<string>();
  // Each sentence once, however many uses it holds: a long sentence of uses would be read again for each.
  let sentenceStart = -1;
  for (const use of uses) {
    const sentence = sentenceOf(analysis, use.match.start);
    if (sentence.start === sentenceStart) continue;
    sentenceStart = sentence.start;
    for (const word of contentWords(analysis.prose.text.slice(sentence.start, sentence.end))) if (senses.has(word)) words.add(word);
  }
  return { statistic, words };
}

const allSenseWordsOf = new WeakMap<TermEntry, Set<string>>();

/** The words of all an entry's senses: all of a sentence that can rank them. */
function allSenseWords(entry: TermEntry): Set<string> {
  let words = allSenseWordsOf.get(entry);
  if (!words) allSenseWordsOf.set(entry, (words = new Set(senseWords(entry).flatMap((sense) => [...sense]))));
  return words;
}

// A use's sentence and paragraph are its chunk's: each chunk's context, per ambiguous abbreviation, is kept with it.
const chunkSenseContextsOf = new KeptKind<Map<string, SenseContext>>();

function readSenseContexts(view: Analysis): Map<string, SenseContext> {
  const contexts = new Map<string, SenseContext>();
  for (const [id, uses] of abbreviationUses(view)) {
    const { entry } = uses[0]!;
    if (entry.otherSenses) contexts.set(id, senseContext(view, entry, uses));
  }
  return contexts;
}

const senseContextsOfDocument = new WeakMap<Analysis, Map<string, SenseContext>>();

/** Each ambiguous abbreviation's context in the document, by entry id: its chunks' kept contexts, merged in one pass. */
function documentSenseContexts(analysis: Analysis): Map<string, SenseContext> {
  let contexts = senseContextsOfDocument.get(analysis);
  if (contexts) return contexts;
  senseContextsOfDocument.set(analysis, (contexts = new Map()));
  for (const { chunk } of placedChunkUses(analysis)) {
    for (const [id, { statistic, words }] of chunkReading(analysis, chunk, chunkSenseContextsOf, readSenseContexts)) {
      const context = contexts.get(id);
      if (!context) contexts.set(id, { statistic, words: new Set(words) });
      else {
        context.statistic ||= statistic;
        for (const word of words) context.words.add(word);
      }
    }
  }
  return contexts;
}

/**
 * The context of an entry's uses from its chunks' kept contexts; none when `uses` are not all of
 * one entry's, which the chunks keep theirs for.
 */
function contextOfChunks(analysis: Analysis, entry: TermEntry, uses: readonly AbbreviationUse[]): SenseContext | undefined {
  if (uses.some((use) => use.entry !== entry)) return undefined;
  return documentSenseContexts(analysis).get(entry.id) ?? { statistic: false, words: new Set() };
}

/**
 * A use or occurrence, with its definition if it has one: set on the object, not spread into a new
 * one, which is V8's slow path, once per abbreviation of the document.
 */
export function withDefinition<T extends { definition?: unknown }>(found: T, definition: T['definition'] | undefined): T {
  if (definition) found.definition = definition;
  return found;
}

/** What a use of an abbreviation says by itself, read within its block. */
function useFacts(analysis: Analysis, match: TermMatch, expansions: readonly TermMatch[]): Pick<AbbreviationUse, 'inHeading' | 'needsDefinition' | 'definition'> {
  const { entry } = match.phrase.payload;
  const heading = inHeading(analysis, match.start);
  const definition =
    definitionBefore(analysis, match, entry, expansions) ??
    definitionAfter(analysis, match, entry) ??
    definitionByJoiner(analysis, match, entry, expansions) ??
    definitionByEquals(analysis, match, entry);
  const needsDefinition = !heading && !isGeneMention(analysis, match) && !afterPercentage(analysis, match.start) && !inAbbreviationCompound(analysis, match.start, match.end);
  return withDefinition<Pick<AbbreviationUse, 'inHeading' | 'needsDefinition' | 'definition'>>({ inHeading: heading, needsDefinition }, definition);
}

/** Every use of every abbreviation in the document, in order, keyed by entry id. */
export function abbreviationUses(analysis: Analysis): Map<string, AbbreviationUse[]> {
  let uses = cache.get(analysis);
  if (!uses) {
    uses = analysis.chunks ? usesOfChunks(analysis) : readUses(analysis);
    cache.set(analysis, uses);
  }
  return uses;
}

/** A use read in its chunk alone, and the index of its match among the chunk's matches. */
interface ChunkUse {
  use: AbbreviationUse;
  matchIndex: number;
}

// A use reads no further than its block, so no further than its chunk.
const chunkUsesOf = new KeptKind<Map<string, ChunkUse[]>>();

function readChunkUses(view: Analysis, chunk: DocumentChunk): Map<string, ChunkUse[]> {
  const found = new Map<string, ChunkUse[]>();
  for (const [id, uses] of abbreviationUses(view)) found.set(id, uses.map((use) => ({ use, matchIndex: indexOfMatch(chunk, use.match) })));
  return found;
}

// A chunk's uses in document offsets, with the document's matches, moved with the chunk.
const PLACED_USES = new KeptKind<PlacedReading<Map<string, AbbreviationUse[]>>>();

function placeChunkUses(document: Analysis, chunk: DocumentChunk): Map<string, AbbreviationUse[]> {
  const by = chunk.proseOffset;
  const placed = new Map<string, AbbreviationUse[]>();
  for (const [id, read] of chunkReading(document, chunk, chunkUsesOf, readChunkUses)) {
    placed.set(
      id,
      read.map(({ use, matchIndex }) => {
        const { entry, plural, inHeading, needsDefinition, definition } = use;
        const match = documentMatch(document, chunk, matchIndex) as TermMatch;
        return withDefinition<AbbreviationUse>({ match, entry, plural, inHeading, needsDefinition }, definition && { ...definition, start: definition.start + by, end: definition.end + by });
      }),
    );
  }
  return placed;
}

// The uses' matches are the document's, which the analysis moves: only their definitions are the uses' own.
function moveUses(uses: Map<string, AbbreviationUse[]>, by: number): void {
  for (const list of uses.values()) {
    for (const { definition } of list) {
      if (!definition) continue;
      definition.start += by;
      definition.end += by;
    }
  }
}

const chunkUsesInDocument = new WeakMap<Analysis, { chunk: DocumentChunk; value: Map<string, AbbreviationUse[]> }[]>();

/** Each chunk's uses in the document, by entry id, for the chunks that have any (placedChunkReadings). */
export function placedChunkUses(document: Analysis): { chunk: DocumentChunk; value: Map<string, AbbreviationUse[]> }[] {
  let placed = chunkUsesInDocument.get(document);
  if (!placed) chunkUsesInDocument.set(document, (placed = placedChunkReadings(document, chunksWithMatches(document), PLACED_USES, (chunk) => placeChunkUses(document, chunk), moveUses)));
  return placed;
}

/** The document's uses from its chunks' (each read alone), in document offsets and with the document's matches. */
function usesOfChunks(analysis: Analysis): Map<string, AbbreviationUse[]> {
  const uses = new Map<string, AbbreviationUse[]>();
  for (const { value } of placedChunkUses(analysis)) {
    for (const [id, placed] of value) {
      const list = uses.get(id);
      if (list) for (const use of placed) list.push(use);
      else uses.set(id, placed.slice());
    }
  }
  return uses;
}

function readUses(analysis: Analysis): Map<string, AbbreviationUse[]> {
  const expansions = termMatches(analysis, ['expansion']);
  const uses = new Map<string, AbbreviationUse[]>();
  // A variant of the abbreviation (PD1, irAE's) is a use of it too; the longest form at a place wins.
  const written = termMatches(analysis, ['abbreviation', 'variant']).filter(({ phrase: { payload } }) => {
    const abbreviation = payload.entry.abbreviation;
    return abbreviation && (payload.form === 'abbreviation' || payload.replacement === abbreviation || payload.replacement === `${abbreviation}s`);
  });
  for (const match of nonOverlapping(written)) {
    const { entry, replacement } = match.phrase.payload;
    const plural = match.plural || replacement === `${entry.abbreviation}s`;
    const { inHeading, needsDefinition, definition } = useFacts(analysis, match, expansions);
    const list = uses.get(entry.id) ?? [];
    list.push(withDefinition<AbbreviationUse>({ match, entry, plural, inHeading, needsDefinition }, definition));
    uses.set(entry.id, list);
  }
  return uses;
}

const HYPHENS = '-\u2010';

// "UC-MSCs", "CD19-CAR": joined by a hyphen to another abbreviation, the letters belong to that
// abbreviation, which may stand for something else entirely (umbilical cord, not urothelial carcinoma).
function inAbbreviationCompound(analysis: Analysis, start: number, end: number): boolean {
  const text = analysis.prose.text;
  if (!HYPHENS.includes(text[start - 1]!) && !HYPHENS.includes(text[end]!)) return false;
  const block = blockOf(analysis, start);
  return /\p{Lu}[\p{Lu}\p{N}]+[-\u2010]$/u.test(text.slice(Math.max(block.start, start - 12), start)) || /^[-\u2010]\p{Lu}[\p{Lu}\p{N}]/u.test(text.slice(end, Math.min(block.end, end + 4)));
}

// "95% CI", "90% PI": a statistic's interval, which AMA and JAMA print without expansion.
export function afterPercentage(analysis: Analysis, start: number): boolean {
  return /\d\s?%\s$/.test(analysis.prose.text.slice(Math.max(blockOf(analysis, start).start, start - 8), start));
}

/**
 * The first use that needed a definition (outside headings, and not a gene, an interval after a
 * percentage or another abbreviation's letters) and has none, for preferred-term when that use is a
 * variant: none when it defines the abbreviation itself, or when the heading that opens its section
 * does ("## Interleukin-2 (IL-2)").
 */
export function firstUndefinedUse(analysis: Analysis, uses: readonly AbbreviationUse[]): AbbreviationUse | undefined {
  const first = uses.find((use) => use.needsDefinition);
  if (!first || first.definition) return undefined;
  const definedByHeading = uses.some((use) => use.inHeading && use.definition?.status === 'defined' && inSectionOf(analysis, use.match.start, first.match.start));
  return definedByHeading ? undefined : first;
}
