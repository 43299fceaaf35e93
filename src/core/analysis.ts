import { grownInt32 } from './collections';
import type { CompiledCorpus, MatchPayload } from './corpus/compile';
import type { PhraseMatch } from './matcher';
import { splitEditedChunks, type Chunk } from './markdown/chunks';
import { chunkDefinitions, chunkProse, documentLabels, labelSignature, mayDefine, opensDocument, splitChunks, type DefinedLabels } from './markdown/document';
import type { PlainTextReason } from './markdown/budget';
import type { Labels } from './markdown/fastProse';
import { sourceEndAfter, sourceEndOf, type ChunkProse, type Prose, type ProseBlock } from './markdown/prose';
import type { PandocLabel, PandocReference } from './markdown/pandoc';
import { plainProse, type TextFormat } from './plainText';
import { LineIndex } from './text/lineIndex';
import { splitSentences, type Sentence } from './text/sentences';
import { partitionPoint, spanAt } from './text/spans';
import { abbreviationShapes } from './text/abbreviationShapes';
import { tokenize, type Tokens } from './text/tokens';
import type { CitationSources } from './citations';
import type { DocumentParts } from './documentParts';
import { parseFrontMatter, type ParsedFrontMatter } from './frontMatter';
import type { PlacedReport } from './placement';
import type { ResolvedProfile } from './profiles';
import type { StatisticsFacts } from './text/statistics';
import type { AbbreviationOptions, StatisticsOptions } from './types';

export type CorpusMatch = PhraseMatch<MatchPayload>;

/** Everything the rules and hover need about one version of a document, computed once. */
export interface Analysis {
  source: string;
  lines: LineIndex;
  prose: Prose;
  tokens: Tokens;
  sentences: Sentence[];
  matches: CorpusMatch[];
  compiled: CompiledCorpus;
  /** Prose spans shaped like abbreviations, flat (start, end, start, end...): text/abbreviationShapes.ts. */
  abbreviationShapes: Int32Array;
  /** How abbreviations are checked: the linter's options, set once the analysis is made. */
  abbreviationOptions?: AbbreviationOptions;
  /** The other files of a document in several files, for the lint under way (documentParts.ts). */
  documentParts?: DocumentParts;
  /** The bibliography the document cites from, for the lint under way (citations.ts). */
  citationSources?: CitationSources;
  /** Source spans of the chunks read as plain text, past the parse budget (markdown/budget.ts). */
  plainText: { start: number; end: number; reason: PlainTextReason }[];
  /** Pandoc citations and cross-references, and the labels elements carry, in source offsets (markdown/pandoc.ts). */
  pandocReferences: PandocReference[];
  crossrefLabels: PandocLabel[];
  /** How the document is read: plain text has no emphasis to italicise with. */
  format: TextFormat;
  /** How numbers and statistics are checked: the linter's options, set once the analysis is made. */
  statisticsOptions?: StatisticsOptions;
  /** The numbers, units and statistics of the prose, found when a rule first asks (statistics.ts). */
  statistics?: StatisticsFacts;
  /** The document's front matter, parsed on first use, once per version of the document. */
  readonly frontMatter: ParsedFrontMatter;
  /** The document's profile (profiles.ts), for the lint under way: its readability target, its readers. */
  profile?: ResolvedProfile;
  /**
   * The chunks the analysis was made of, when the linter keeps them for the next lint (an editor's):
   * what a rule that reads chunk by chunk keeps its readings with (Rule.perChunk, abbreviations.ts).
   */
  chunks?: readonly DocumentChunk[];
}

/** What an analysis of a document is read with, set by the linter: a chunk read alone is read with its document's. */
export type DocumentSettings = Pick<Analysis, 'compiled' | 'format' | 'profile' | 'abbreviationOptions' | 'statisticsOptions'>;

/** A chunk of the document and its analysis, which other versions of the document may share. */
export interface AnalysedChunk {
  /** Source offset of the chunk in the document. */
  start: number;
  text: string;
  analysis: ChunkAnalysis;
}

/** A chunk of a document and where its prose and matches begin in the document's. */
export interface DocumentChunk extends AnalysedChunk {
  proseOffset: number;
  matchOffset: number;
}

/** The analysis of one chunk, in chunk-relative offsets: what an edit elsewhere leaves valid. */
export interface ChunkAnalysis {
  /** Whether the chunk opens the document (where `---` starts front matter). */
  documentStart: boolean;
  /** The document's definition labels it was analysed with, when it has a `[` that could use them. */
  labels: string | undefined;
  prose: ChunkProse;
  tokens: Tokens;
  matches: CorpusMatch[];
  sentences: Sentence[];
  abbreviationShapes: Int32Array;
  /** What the linter found in the chunk alone, with the settings it was found under (linter.ts). */
  findings?: ChunkFindings;
  /** What rules read in the chunk, kept with it between lints, by kind (KeptKind): chunkReading, placedChunkReadings. */
  kept: unknown[];
}

/** The per-chunk rules' reports on one chunk, and what it says for them about the document (Rule.chunkFacts). */
export interface ChunkFindings {
  /** The settings they were found under. */
  settings: string;
  /** Where the chunk started when they were found: the reports' source offsets count from there. */
  origin: number;
  reports: readonly PlacedReport[];
  /** Each prefixed by its rule's id, as `PlacedReport.unless` is. */
  facts: string[];
}

/**
 * A copy of `text` that holds no reference to a longer string. V8 keeps a slice (a chunk's text) as a
 * view of its whole parent (the document): a cache keyed by slices would keep every edited version
 * of the document alive. Slicing a concatenation flattens it into a string of its own, which the
 * slice then views: one copy, a tenth of the time of a round trip through JSON.
 */
export function detachedCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/** A map from chunk text that forgets its least recently used entries beyond a budget of characters. */
class Lru<V> {
  private readonly entries = new Map<string, { key: string; value: V }>();
  private characters = 0;

  constructor(private readonly budget: number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Moved to the recent end under its own key: the caller's key is a slice of its document.
      this.entries.delete(key);
      this.entries.set(entry.key, entry);
    }
    return entry?.value;
  }

  set(key: string, value: V): V {
    if (key.length > this.budget) return value;
    if (this.entries.delete(key)) this.characters -= key.length;
    const own = detachedCopy(key);
    this.entries.set(own, { key: own, value });
    this.characters += own.length;
    for (const oldest of this.entries.keys()) {
      if (this.characters <= this.budget) break;
      this.entries.delete(oldest);
      this.characters -= oldest.length;
    }
    return value;
  }
}

/**
 * What an edit elsewhere leaves valid, by chunk text: each chunk's analysis and the labels it defines.
 * Re-linting an edited document re-analyses only the chunks that changed (or whose definitions did).
 * The budget, in characters of chunk text, bounds what a long editing session keeps: by default 8
 * million, above the largest document an editor lints while typing (5 million in VS Code); 0 keeps
 * nothing.
 */
export class ChunkCache {
  readonly analyses: Lru<ChunkAnalysis>;
  readonly definitions: Lru<DefinedLabels>;
  /**
   * The last document analysed, its chunks and what they define and read as: an edit of it is split
   * again only where it changed, and its other chunks are not looked up again.
   */
  lastDocument: { source: string; chunks: Chunk[]; definitions: (DefinedLabels | undefined)[]; analyses: ChunkAnalysis[]; arrays?: DocumentArrays; lines?: LineIndex } | undefined;
  readonly keepsLastDocument: boolean;

  constructor(budget = 8_000_000) {
    this.analyses = new Lru(budget);
    this.definitions = new Lru(budget);
    this.keepsLastDocument = budget > 0;
  }
}

function analyzeChunk(text: string, labels: Labels, signature: string | undefined, documentStart: boolean, compiled: CompiledCorpus, format: TextFormat = 'markdown'): ChunkAnalysis {
  const prose = format === 'plaintext' ? plainProse(text) : chunkProse(text, labels, documentStart);
  const tokens = tokenize(prose.text);
  return {
    documentStart,
    labels: signature,
    prose,
    tokens,
    matches: compiled.matcher.findAll(tokens),
    sentences: splitSentences(prose.text),
    abbreviationShapes: Int32Array.from(abbreviationShapes(prose.text)),
    kept: [],
  };
}

/**
 * The document-wide arrays an analysis is built of, in document offsets. The cache keeps the last
 * document's, and the analysis of an edit of it changes them in place (`replaceMiddle`): so an
 * analysis made with a cache is valid until the next one made with it, as the linter uses them.
 */
interface DocumentArrays {
  text: string;
  /** Each chunk's lowercase prose, in order, joined when a rule first asks. */
  lowerTexts: string[];
  /**
   * Each prose character's source offset less its prose offset: an edit that adds as much prose as
   * source (a word typed) leaves the values after it as they were, which the arrays only move.
   */
  proseMap: Int32Buffer;
  starts: Int32Buffer;
  ends: Int32Buffer;
  keys: Int32Buffer;
  shapes: Int32Buffer;
  blocks: ProseBlock[];
  citations: number[];
  htmlComments: Prose['htmlComments'];
  pandocReferences: PandocReference[];
  crossrefLabels: PandocLabel[];
  sentences: Sentence[];
  matches: CorpusMatch[];
  plainText: Analysis['plainText'];
}

/** How many of each of the document's arrays' items a run of its chunks holds. */
interface Counts {
  chunks: number;
  prose: number;
  tokens: number;
  shapes: number;
  blocks: number;
  citations: number;
  comments: number;
  references: number;
  labels: number;
  sentences: number;
  matches: number;
  plainText: number;
}

const NO_COUNTS: Readonly<Counts> = { chunks: 0, prose: 0, tokens: 0, shapes: 0, blocks: 0, citations: 0, comments: 0, references: 0, labels: 0, sentences: 0, matches: 0, plainText: 0 };

function addCounts(counts: Counts, part: ChunkAnalysis): void {
  counts.chunks++;
  counts.prose += part.prose.map.length;
  counts.tokens += part.tokens.count;
  counts.shapes += part.abbreviationShapes.length;
  counts.blocks += part.prose.blocks.length;
  counts.citations += part.prose.citations.length;
  counts.comments += part.prose.htmlComments.length;
  counts.references += part.prose.pandocReferences?.length ?? 0;
  counts.labels += part.prose.crossrefLabels?.length ?? 0;
  counts.sentences += part.sentences.length;
  counts.matches += part.matches.length;
  if (part.prose.plainText) counts.plainText++;
}

/** The counts of the chunks between two points of a run of them. */
function countsBetween(from: Counts, to: Counts): Counts {
  const counts = { ...NO_COUNTS };
  for (const key of Object.keys(counts) as (keyof Counts)[]) counts[key] = to[key] - from[key];
  return counts;
}

function mostlyOneChunk(chunks: readonly Chunk[], length: number): boolean {
  return chunks.some((chunk) => (chunk.end - chunk.start) * 2 > length);
}

/** Whether the last document's analysis of a chunk reads it as it now stands: with the same labels, at or off the document's start. */
function readsAlike(source: string, chunk: Chunk, part: ChunkAnalysis | undefined, signature: string): part is ChunkAnalysis {
  const usesLabels = chunk.text.includes('[') ? signature : undefined;
  return part !== undefined && part.labels === usesLabels && part.documentStart === opensDocument(source, chunk);
}

/** How many chunks open the document as they opened the last one, at the same offsets and read alike. */
function unchangedChunks(source: string, chunks: readonly Chunk[], last: NonNullable<ChunkCache['lastDocument']>, signature: string): number {
  let count = 0;
  while (count < chunks.length && chunks[count]!.was === count && last.chunks[count]!.start === chunks[count]!.start && readsAlike(source, chunks[count]!, last.analyses[count], signature)) count++;
  return count;
}

/**
 * Where the chunks that end the document as they ended the last one begin (no earlier than `from`):
 * the same chunks, read alike, all moved by the edit's shift. The first of them must not have opened
 * the last document's prose, whose readings its analysis shares (see `ChunkRun.append`), as these are
 * shifted in place.
 */
function unchangedTail(source: string, chunks: readonly Chunk[], last: NonNullable<ChunkCache['lastDocument']>, signature: string, from: number, lastProse: number): number {
  const shift = source.length - last.source.length;
  const moved = last.chunks.length - chunks.length;
  let first = chunks.length;
  let tailProse = 0;
  for (; first > from; first--) {
    const chunk = chunks[first - 1]!;
    const was = first - 1 + moved;
    if (chunk.was !== was || was <= 0 || last.chunks[was]!.start + shift !== chunk.start || !readsAlike(source, chunk, last.analyses[was], signature)) break;
    tailProse += last.analyses[was]!.prose.map.length;
  }
  for (; first < chunks.length && tailProse === lastProse; first++) tailProse -= last.analyses[first + moved]!.prose.map.length;
  return first;
}

function appendFirst<T>(target: T[], from: readonly T[], count: number): void {
  for (let index = 0; index < count; index++) target.push(from[index]!);
}

/**
 * Replaces the items of `array` between its first `before` and its last `after` with `middle`, in
 * place; returns where the last `after` now begin.
 */
function replaceMiddle<T>(array: T[], before: number, after: number, middle: readonly T[]): number {
  const removed = array.length - before - after;
  // A spread of a long run would overflow the stack.
  if (middle.length <= 1024) array.splice(before, removed, ...middle);
  else {
    const tail = array.slice(array.length - after);
    array.length = before;
    appendFirst(array, middle, middle.length);
    appendFirst(array, tail, tail.length);
  }
  return before + middle.length;
}

/** Adds `by` to the spans of `spans` from `from` on. */
function shiftSpans(spans: readonly { start: number; end: number }[], from: number, by: number): void {
  if (by === 0) return;
  for (let index = from; index < spans.length; index++) {
    const span = spans[index]!;
    span.start += by;
    span.end += by;
  }
}

/** Adds `by` to the offsets of `offsets` from `from` on. */
function shiftOffsets(offsets: number[], from: number, by: number): void {
  if (by === 0) return;
  for (let index = from; index < offsets.length; index++) offsets[index]! += by;
}

/** A growing Int32Array: the document's arrays, appended to chunk by chunk. */
class Int32Buffer {
  private array: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.array = new Int32Array(Math.max(16, capacity));
  }

  /** Appends `count` values of `from`, each plus `shift`. */
  appendShifted(from: Int32Array, count: number, shift: number): void {
    const array = this.reserve(count);
    const { length } = this;
    for (let i = 0; i < count; i++) array[length + i] = from[i]! + shift;
    this.length += count;
  }

  /** Appends `count` values of `from`, each plus `shift` and less its place counted from `first`. */
  appendLessPlace(from: Int32Array, count: number, shift: number, first: number): void {
    const array = this.reserve(count);
    const { length } = this;
    for (let i = 0; i < count; i++) array[length + i] = from[i]! + shift - (first + i);
    this.length += count;
  }

  /** Replaces the values between the first `before` and the last `after` with `middle`'s, and adds `shift` to the last `after`. */
  replaceMiddle(before: number, after: number, middle: Int32Buffer, shift: number): void {
    const length = before + middle.length + after;
    const tailFrom = before + middle.length;
    if (length > this.array.length) {
      const larger = new Int32Array(length + (length >> 3));
      larger.set(this.array.subarray(0, before));
      larger.set(this.array.subarray(this.length - after, this.length), tailFrom);
      this.array = larger;
    } else {
      this.array.copyWithin(tailFrom, this.length - after, this.length);
    }
    this.array.set(middle.finish(), before);
    if (shift !== 0) for (let i = tailFrom; i < length; i++) this.array[i]! += shift;
    this.length = length;
  }

  finish(): Int32Array {
    return this.array.subarray(0, this.length);
  }

  private reserve(count: number): Int32Array {
    if (this.length + count > this.array.length) {
      this.array = grownInt32(this.array.subarray(0, this.length), Math.max(this.array.length * 2, this.length + count));
    }
    return this.array;
  }
}

/** The document's arrays for a run of its chunks, appended chunk by chunk in document offsets. */
class ChunkRun {
  readonly texts: string[] = [];
  readonly lowerTexts: string[] = [];
  readonly proseMap: Int32Buffer;
  readonly starts: Int32Buffer;
  readonly ends: Int32Buffer;
  readonly keys: Int32Buffer;
  readonly shapes: Int32Buffer;
  readonly blocks: ProseBlock[] = [];
  readonly citations: number[] = [];
  readonly htmlComments: Prose['htmlComments'] = [];
  readonly pandocReferences: PandocReference[] = [];
  readonly crossrefLabels: PandocLabel[] = [];
  readonly sentences: Sentence[] = [];
  readonly matches: CorpusMatch[] = [];
  readonly plainText: Analysis['plainText'] = [];

  /** `sourceLength`: of the chunks the run will hold. */
  constructor(sourceLength: number) {
    // Prose is about as long as its source, and a word takes five characters or more with its space.
    this.proseMap = new Int32Buffer(sourceLength);
    this.starts = new Int32Buffer(sourceLength >> 2);
    this.ends = new Int32Buffer(sourceLength >> 2);
    this.keys = new Int32Buffer(sourceLength >> 2);
    this.shapes = new Int32Buffer(sourceLength >> 6);
  }

  /** Appends a chunk's readings, `at` what the document holds before the chunk. */
  append(chunk: Chunk, part: ChunkAnalysis, at: Counts): void {
    const base = chunk.start;
    const { prose: proseOffset, tokens: tokenOffset } = at;
    const { prose, tokens } = part;
    if (prose.plainText) this.plainText.push({ start: chunk.start, end: chunk.end, reason: prose.plainText });
    this.texts.push(prose.text);
    this.lowerTexts.push(tokens.lowerText);
    this.proseMap.appendLessPlace(prose.map, prose.map.length, base, proseOffset);
    this.starts.appendShifted(tokens.starts, tokens.count, proseOffset);
    this.ends.appendShifted(tokens.ends, tokens.count, proseOffset);
    this.keys.appendShifted(tokens.keys, tokens.count, 0);
    this.shapes.appendShifted(part.abbreviationShapes, part.abbreviationShapes.length, proseOffset);
    for (const block of prose.blocks) this.blocks.push({ kind: block.kind, start: proseOffset + block.start, end: proseOffset + block.end });
    for (const citation of prose.citations) this.citations.push(proseOffset + citation);
    for (const comment of prose.htmlComments) this.htmlComments.push({ start: base + comment.start, end: base + comment.end, body: comment.body });
    for (const reference of prose.pandocReferences ?? []) this.pandocReferences.push({ ...reference, start: base + reference.start, end: base + reference.end });
    for (const label of prose.crossrefLabels ?? []) this.crossrefLabels.push({ ...label, start: base + label.start, end: base + label.end });
    if (proseOffset === 0) {
      // The first chunk's offsets are the document's: its sentences and matches are shared, not copied
      // (a document of one long paragraph holds hundreds of thousands of each).
      appendFirst(this.sentences, part.sentences, part.sentences.length);
      appendFirst(this.matches, part.matches, part.matches.length);
    } else {
      for (const sentence of part.sentences) this.sentences.push({ start: proseOffset + sentence.start, end: proseOffset + sentence.end });
      for (const match of part.matches) {
        this.matches.push({
          phrase: match.phrase,
          firstToken: tokenOffset + match.firstToken,
          lastToken: tokenOffset + match.lastToken,
          start: proseOffset + match.start,
          end: proseOffset + match.end,
          plural: match.plural,
        });
      }
    }
  }

  /** The run as a whole document's arrays. */
  arrays(): DocumentArrays {
    const { texts, ...arrays } = this;
    return { ...arrays, text: texts.join('') };
  }
}

/**
 * Puts `run` in place of the chunks an edit changed in the last document's arrays, between the
 * chunks before the edit, which `before` counts, and those after it, which `after` counts and which
 * move by `shift`.
 */
function replaceChunks(arrays: DocumentArrays, before: Counts, after: Counts, run: ChunkRun, shift: { source: number; prose: number; tokens: number }): void {
  // Joined at once: the rules read it whole, and a slice of a concatenation would copy it all again.
  const { text } = arrays;
  arrays.text = [text.slice(0, before.prose), ...run.texts, text.slice(text.length - after.prose)].join('');
  replaceMiddle(arrays.lowerTexts, before.chunks, after.chunks, run.lowerTexts);
  arrays.proseMap.replaceMiddle(before.prose, after.prose, run.proseMap, shift.source - shift.prose);
  arrays.starts.replaceMiddle(before.tokens, after.tokens, run.starts, shift.prose);
  arrays.ends.replaceMiddle(before.tokens, after.tokens, run.ends, shift.prose);
  arrays.keys.replaceMiddle(before.tokens, after.tokens, run.keys, 0);
  arrays.shapes.replaceMiddle(before.shapes, after.shapes, run.shapes, shift.prose);
  shiftSpans(arrays.blocks, replaceMiddle(arrays.blocks, before.blocks, after.blocks, run.blocks), shift.prose);
  shiftOffsets(arrays.citations, replaceMiddle(arrays.citations, before.citations, after.citations, run.citations), shift.prose);
  shiftSpans(arrays.htmlComments, replaceMiddle(arrays.htmlComments, before.comments, after.comments, run.htmlComments), shift.source);
  shiftSpans(arrays.pandocReferences, replaceMiddle(arrays.pandocReferences, before.references, after.references, run.pandocReferences), shift.source);
  shiftSpans(arrays.crossrefLabels, replaceMiddle(arrays.crossrefLabels, before.labels, after.labels, run.crossrefLabels), shift.source);
  shiftSpans(arrays.plainText, replaceMiddle(arrays.plainText, before.plainText, after.plainText, run.plainText), shift.source);
  shiftSpans(arrays.sentences, replaceMiddle(arrays.sentences, before.sentences, after.sentences, run.sentences), shift.prose);
  const { matches } = arrays;
  const movedMatches = replaceMiddle(matches, before.matches, after.matches, run.matches);
  if (shift.prose !== 0 || shift.tokens !== 0) {
    for (let index = movedMatches; index < matches.length; index++) {
      const match = matches[index]!;
      match.start += shift.prose;
      match.end += shift.prose;
      match.firstToken += shift.tokens;
      match.lastToken += shift.tokens;
    }
  }
}

/**
 * The analysis of a document, from its chunks' analyses: cached ones, and new ones for chunks that
 * changed or whose definitions did. Each chunk is appended to the document's arrays as soon as it
 * is analysed, so that when the cache keeps nothing, a chunk's analysis is garbage at once; when it
 * keeps them, the analysis lists them (`chunks`). Plain text is one chunk, analysed afresh: it has no
 * markup to parse, which is what the cache saves. An analysis made with a cache that keeps the last
 * document is valid until the next one made with it, which changes its arrays in place.
 */
export function analyze(source: string, compiled: CompiledCorpus, cache = new ChunkCache(), format: TextFormat = 'markdown'): Analysis {
  // Plain text is one chunk, with no markup to define links and no part in the Markdown edit history.
  const plain = format === 'plaintext';
  const last = plain ? undefined : cache.lastDocument;
  const chunks: Chunk[] = plain ? [{ start: 0, end: source.length, text: source }] : last ? splitEditedChunks(source, last.source, last.chunks) : splitChunks(source);
  const definitions = chunks.map((chunk) => {
    if (plain) return undefined;
    const documentStart = opensDocument(source, chunk);
    // A chunk of the last document defines what it did there, unless it moved to or from its start.
    if (chunk.was !== undefined && (chunk.was === 0) === documentStart) return last!.definitions[chunk.was];
    if (!mayDefine(chunk.text)) return undefined;
    const key = documentStart ? `\u0003${chunk.text}` : chunk.text;
    return cache.definitions.get(key) ?? cache.definitions.set(key, chunkDefinitions(chunk.text, documentStart));
  });
  const labels = documentLabels(definitions);
  const signature = labelSignature(labels);
  const keeps = cache.keepsLastDocument && !plain;
  const analyses: ChunkAnalysis[] = [];
  if (keeps) cache.lastDocument = { source, chunks, definitions, analyses };
  const kept: DocumentChunk[] | undefined = cache.keepsLastDocument ? [] : undefined;

  // The chunks before an edit, and after it, are read as the last document read them: its arrays are
  // changed in place between them, not built again.
  const previous = last?.arrays;
  const reused = previous ? unchangedChunks(source, chunks, last!, signature) : 0;
  const tailFrom = previous ? unchangedTail(source, chunks, last!, signature, reused, previous.proseMap.length) : chunks.length;
  const placed: Counts = { ...NO_COUNTS };
  const place = (chunk: Chunk, part: ChunkAnalysis) => {
    if (keeps) analyses.push(part);
    kept?.push({ start: chunk.start, text: chunk.text, analysis: part, proseOffset: placed.prose, matchOffset: placed.matches });
    addCounts(placed, part);
  };
  for (let index = 0; index < reused; index++) place(chunks[index]!, last!.analyses[index]!);
  const before = { ...placed };

  const run = new ChunkRun(!previous ? source.length : tailFrom > reused ? chunks[tailFrom - 1]!.end - chunks[reused]!.start : 0);
  for (let index = reused; index < tailFrom; index++) {
    const chunk = chunks[index]!;
    const documentStart = opensDocument(source, chunk);
    const usesLabels = !plain && chunk.text.includes('[') ? signature : undefined;
    let part = plain ? analyzeChunk(chunk.text, labels, undefined, documentStart, compiled, format) : chunk.was === undefined ? cache.analyses.get(chunk.text) : last!.analyses[chunk.was];
    if (!part || part.documentStart !== documentStart || part.labels !== usesLabels) {
      part = cache.analyses.set(chunk.text, analyzeChunk(chunk.text, labels, usesLabels, documentStart, compiled));
    }
    run.append(chunk, part, placed);
    place(chunk, part);
  }
  const edited = { ...placed };
  for (let index = tailFrom; index < chunks.length; index++) place(chunks[index]!, last!.analyses[chunks[index]!.was!]!);

  let arrays: DocumentArrays;
  if (previous && (reused > 0 || tailFrom < chunks.length)) {
    const after = countsBetween(edited, placed);
    const shift = { source: source.length - last!.source.length, prose: edited.prose - (previous.proseMap.length - after.prose), tokens: edited.tokens - (previous.starts.length - after.tokens) };
    replaceChunks(previous, before, after, run, shift);
    arrays = previous;
  } else {
    arrays = run.arrays();
  }
  // Chunks start lines: those before the edited chunks, and after them, are the last document's.
  const startOf = (index: number) => (index < chunks.length ? chunks[index]!.start : source.length);
  const lines = previous && last!.lines ? LineIndex.edited(last!.lines, source, startOf(reused), startOf(tailFrom), source.length - last!.source.length) : new LineIndex(source);
  if (keeps) Object.assign(cache.lastDocument!, { arrays, lines });
  const { text, lowerTexts, blocks, citations, htmlComments, sentences, matches, plainText, pandocReferences, crossrefLabels } = arrays;
  const proseMap = arrays.proseMap.finish();
  let frontMatter: ParsedFrontMatter | undefined;
  // Joined when a rule first reads the document's lowercase text: those that run on keystrokes read their chunks'.
  let lowerText: string | undefined;
  const prose: Prose = {
    text,
    blocks,
    citations,
    htmlComments,
    sourceStart: (offset) => (offset >= proseMap.length ? source.length : proseMap[offset]! + offset),
    sourceEnd: (end) => (end <= 0 ? (proseMap[0] ?? 0) : sourceEndAfter(source, proseMap[end - 1]! + end - 1)),
  };
  return {
    source,
    lines,
    prose,
    tokens: {
      text,
      get lowerText() {
        lowerText ??= lowerTexts.join('');
        return lowerText;
      },
      count: arrays.starts.length,
      starts: arrays.starts.finish(),
      ends: arrays.ends.finish(),
      keys: arrays.keys.finish(),
    },
    sentences,
    matches,
    compiled,
    abbreviationShapes: arrays.shapes.finish(),
    plainText,
    pandocReferences,
    crossrefLabels,
    format,
    get frontMatter() {
      frontMatter ??= parseFrontMatter(source);
      return frontMatter;
    },
    // A document most of which is one chunk is read whole: an edit there reads it all again anyway,
    // and readings kept with it would be a second copy of the document's (one long paragraph after
    // front matter took a quarter longer to lint).
    ...(kept && kept.length > 1 && !mostlyOneChunk(chunks, source.length) ? { chunks: kept } : {}),
  };
}

/**
 * One chunk read as a document of its own, in chunk-relative offsets, with the settings of the
 * document it is part of: what a rule that reads one chunk at a time is given.
 */
export function chunkDocument(chunk: AnalysedChunk, settings: DocumentSettings): Analysis {
  const { prose, tokens, sentences, matches, abbreviationShapes } = chunk.analysis;
  const source = chunk.text;
  let lines: LineIndex | undefined;
  let frontMatter: ParsedFrontMatter | undefined;
  const view: Analysis = {
    source,
    get lines() {
      lines ??= new LineIndex(source);
      return lines;
    },
    prose: {
      text: prose.text,
      blocks: prose.blocks,
      citations: prose.citations,
      htmlComments: prose.htmlComments,
      sourceStart: (offset) => (offset >= prose.map.length ? source.length : prose.map[offset]!),
      sourceEnd: (end) => sourceEndOf(source, prose.map, end),
    },
    tokens,
    sentences,
    matches,
    compiled: settings.compiled,
    abbreviationShapes,
    plainText: prose.plainText ? [{ start: 0, end: source.length, reason: prose.plainText }] : [],
    pandocReferences: prose.pandocReferences ?? [],
    crossrefLabels: prose.crossrefLabels ?? [],
    format: settings.format,
    get frontMatter() {
      frontMatter ??= parseFrontMatter(source);
      return frontMatter;
    },
  };
  if (settings.profile) view.profile = settings.profile;
  if (settings.abbreviationOptions) view.abbreviationOptions = settings.abbreviationOptions;
  if (settings.statisticsOptions) view.statisticsOptions = settings.statisticsOptions;
  return view;
}

/**
 * What `read` finds in each chunk of a document, read alone (chunkDocument), kept with the chunk's
 * analysis in `kept`: a document re-linted after an edit reads again only the chunks it changed. For
 * a reading that goes no further than a block, so no further than its chunk; each comes with its chunk,
 * whose offsets (`proseOffset`, `matchOffset`) place it in the document.
 */
export function chunkReadings<T>(document: Analysis, chunks: readonly DocumentChunk[], kind: KeptKind<T>, read: (view: Analysis, chunk: DocumentChunk) => T): { chunk: DocumentChunk; reading: T }[] {
  return chunks.map((chunk) => ({ chunk, reading: chunkReading(document, chunk, kind, read) }));
}

/** What `read` finds in one chunk of a document, read alone and kept with the chunk's analysis as `kind` (chunkReadings). */
export function chunkReading<T>(document: Analysis, chunk: DocumentChunk, kind: KeptKind<T>, read: (view: Analysis, chunk: DocumentChunk) => T): T {
  let reading = chunk.analysis.kept[kind.index] as T | undefined;
  if (reading === undefined) chunk.analysis.kept[kind.index] = reading = read(chunkView(chunk, document), chunk);
  return reading;
}

/**
 * A kind of reading kept with each chunk's analysis: its place in `ChunkAnalysis.kept`. A field, not
 * a WeakMap keyed by the analysis: a keystroke looks up many chunks' readings, and a field is the
 * quicker look-up.
 */
export class KeptKind<T> {
  private static count = 0;
  readonly index = KeptKind.count++;
  declare readonly reading?: T;
}

/** Document objects made of one chunk, kept with its analysis (placedChunkReadings). */
export interface PlacedReading<T> {
  value: T;
  /** Where the chunk's prose began when `value` was made or last moved. */
  proseOffset: number;
  /** The document's first match of the chunk when `value` was made: an edit's middle makes them again. */
  firstMatch: CorpusMatch | undefined;
  /** The version of the document that last took it: a second chunk with the same text makes its own. */
  takenBy: object;
}

// One token per version of a document, which a kept placed reading names as its taker: not the
// analysis itself, which a cache entry would then keep alive.
const versionTokens = new WeakMap<Analysis, object>();

/**
 * What `place` makes of each chunk in document offsets (objects that hold the document's matches),
 * kept with the chunk's analysis as `kind` and moved in place by `move` when an edit before the chunk
 * moves it: a keystroke makes the edited chunk's again, not every chunk's. Moving the last version's
 * objects is safe, as an analysis is valid only until its linter analyses the next version (whose
 * arrays, and the matches in them, are changed in place). A chunk whose document matches were made
 * again, or whose value `stillPlaced` rejects, is placed again; so is the second of two chunks of the
 * same text, which share an analysis, each time.
 */
export function placedChunkReadings<T>(
  document: Analysis,
  chunks: readonly DocumentChunk[],
  kind: KeptKind<PlacedReading<T>>,
  place: (chunk: DocumentChunk) => T,
  move: (value: T, by: number) => void,
  stillPlaced: (value: T, chunk: DocumentChunk) => boolean = () => true,
): { chunk: DocumentChunk; value: T }[] {
  let version = versionTokens.get(document);
  if (!version) versionTokens.set(document, (version = {}));
  return chunks.map((chunk) => {
    const firstMatch = chunk.analysis.matches.length > 0 ? document.matches[chunk.matchOffset] : undefined;
    const placed = chunk.analysis.kept[kind.index] as PlacedReading<T> | undefined;
    if (placed?.takenBy === version) return { chunk, value: place(chunk) };
    if (!placed || placed.firstMatch !== firstMatch || !stillPlaced(placed.value, chunk)) {
      const value = place(chunk);
      chunk.analysis.kept[kind.index] = { value, proseOffset: chunk.proseOffset, firstMatch, takenBy: version } satisfies PlacedReading<T>;
      return { chunk, value };
    }
    if (placed.proseOffset !== chunk.proseOffset) {
      move(placed.value, chunk.proseOffset - placed.proseOffset);
      placed.proseOffset = chunk.proseOffset;
    }
    placed.takenBy = version;
    return { chunk, value: placed.value };
  });
}

const chunksWithMatchesOf = new WeakMap<Analysis, DocumentChunk[]>();

/** The document's kept chunks that hold corpus matches: all that a reading of its matches reads. */
export function chunksWithMatches(document: Analysis): DocumentChunk[] {
  let found = chunksWithMatchesOf.get(document);
  if (!found) chunksWithMatchesOf.set(document, (found = (document.chunks ?? []).filter((chunk) => chunk.analysis.matches.length > 0)));
  return found;
}

/** The index of one of a chunk's matches among them (the matcher gives them in order of start). */
export function indexOfMatch(chunk: DocumentChunk, match: CorpusMatch): number {
  const { matches } = chunk.analysis;
  let index = partitionPoint(matches.length, (at) => matches[at]!.start < match.start);
  while (matches[index] !== match) index++;
  return index;
}

/** The document's match for the chunk's match at `index`: what indexOfMatch found, in the document. */
export function documentMatch(document: Analysis, chunk: DocumentChunk, index: number): CorpusMatch {
  return document.matches[chunk.matchOffset + index]!;
}

// One view of a chunk per version of its document, so that the readings share what is computed per
// analysis (its matches by form, its quotations...).
const chunkViews = new WeakMap<DocumentChunk, Analysis>();

function chunkView(chunk: DocumentChunk, document: Analysis): Analysis {
  let view = chunkViews.get(chunk);
  if (!view) chunkViews.set(chunk, (view = chunkDocument(chunk, document)));
  return view;
}

/** Readings of spans, kept per analysis: by start, then end, so that asking makes no key string. */
export type SpanReadings<T> = WeakMap<Analysis, Map<number, Map<number, T>>>;

/**
 * What `read` finds in a span of an analysis's prose (a sentence, a block), read once per span while
 * the analysis lives, in `kept`: rules ask about a sentence once for each match in it, and a sentence
 * may hold thousands.
 */
export function spanReading<T>(kept: SpanReadings<T>, analysis: Analysis, span: { start: number; end: number }, read: () => T): T {
  let byStart = kept.get(analysis);
  if (!byStart) kept.set(analysis, (byStart = new Map()));
  let byEnd = byStart.get(span.start);
  if (!byEnd) byStart.set(span.start, (byEnd = new Map()));
  let reading = byEnd.get(span.end);
  if (reading === undefined) byEnd.set(span.end, (reading = read()));
  return reading;
}

/** The prose block containing a prose offset. */
export function blockAt(prose: Prose, offset: number): ProseBlock | undefined {
  return spanAt(prose.blocks, offset);
}
