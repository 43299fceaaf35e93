import type { CompiledCorpus, MatchPayload } from './corpus/compile';
import type { PhraseMatch } from './matcher';
import { chunkDefinitions, chunkProse, documentLabels, labelSignature, mayDefine, opensDocument, splitChunks, type DefinedLabels } from './markdown/document';
import type { Labels } from './markdown/fastProse';
import { sourceEndOf, type ChunkProse, type Prose, type ProseBlock } from './markdown/prose';
import { LineIndex } from './text/lineIndex';
import { splitSentences, type Sentence } from './text/sentences';
import { spanAt } from './text/spans';
import { tokenize, type Tokens } from './text/tokens';

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
}

/** The analysis of one chunk, in chunk-relative offsets: what an edit elsewhere leaves valid. */
interface ChunkAnalysis {
  /** Whether the chunk opens the document (where `---` starts front matter). */
  documentStart: boolean;
  /** The document's definition labels it was analysed with, when it has a `[` that could use them. */
  labels: string | undefined;
  prose: ChunkProse;
  tokens: Tokens;
  matches: CorpusMatch[];
  sentences: Sentence[];
}

/** A map that forgets its least recently used entries beyond a capacity. */
class Lru<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: V): V {
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

/**
 * What an edit elsewhere leaves valid, by chunk text: each chunk's analysis and the labels it defines.
 * Re-linting an edited document re-analyses only the chunks that changed (or whose definitions did).
 */
export class ChunkCache {
  readonly analyses: Lru<ChunkAnalysis>;
  readonly definitions: Lru<DefinedLabels>;

  constructor(capacity = 20_000) {
    this.analyses = new Lru(capacity);
    this.definitions = new Lru(capacity);
  }
}

function analyzeChunk(text: string, labels: Labels, signature: string | undefined, documentStart: boolean, compiled: CompiledCorpus): ChunkAnalysis {
  const prose = chunkProse(text, labels, documentStart);
  const tokens = tokenize(prose.text);
  return { documentStart, labels: signature, prose, tokens, matches: compiled.matcher.findAll(tokens), sentences: splitSentences(prose.text) };
}

/** Copies `count` values of `from` into `into` at `at`, each plus `shift`. */
function shiftInto(into: Int32Array, at: number, from: Int32Array, count: number, shift: number): void {
  for (let i = 0; i < count; i++) into[at + i] = from[i]! + shift;
}

export function analyze(source: string, compiled: CompiledCorpus, cache = new ChunkCache()): Analysis {
  const chunks = splitChunks(source);
  const labels = documentLabels(
    chunks.map((chunk) => {
      if (!mayDefine(chunk.text)) return undefined;
      const documentStart = opensDocument(source, chunk);
      const key = documentStart ? `\u0003${chunk.text}` : chunk.text;
      return cache.definitions.get(key) ?? cache.definitions.set(key, chunkDefinitions(chunk.text, documentStart));
    }),
  );
  const signature = labelSignature(labels);
  const parts = chunks.map((chunk) => {
    const documentStart = opensDocument(source, chunk);
    const usesLabels = chunk.text.includes('[') ? signature : undefined;
    let part = cache.analyses.get(chunk.text);
    if (!part || part.documentStart !== documentStart || part.labels !== usesLabels) {
      part = cache.analyses.set(chunk.text, analyzeChunk(chunk.text, labels, usesLabels, documentStart, compiled));
    }
    return part;
  });

  let proseLength = 0;
  let tokenCount = 0;
  for (const part of parts) {
    proseLength += part.prose.text.length;
    tokenCount += part.tokens.count;
  }
  const map = new Int32Array(proseLength);
  const starts = new Int32Array(tokenCount);
  const ends = new Int32Array(tokenCount);
  const keys = new Int32Array(tokenCount);
  const texts: string[] = [];
  const lowerTexts: string[] = [];
  const blocks: ProseBlock[] = [];
  const citations: number[] = [];
  const htmlComments: Prose['htmlComments'] = [];
  const sentences: Sentence[] = [];
  const matches: CorpusMatch[] = [];
  let proseOffset = 0;
  let tokenOffset = 0;
  parts.forEach((part, index) => {
    const base = chunks[index]!.start;
    const { prose, tokens } = part;
    texts.push(prose.text);
    lowerTexts.push(tokens.lowerText);
    shiftInto(map, proseOffset, prose.map, prose.map.length, base);
    shiftInto(starts, tokenOffset, tokens.starts, tokens.count, proseOffset);
    shiftInto(ends, tokenOffset, tokens.ends, tokens.count, proseOffset);
    shiftInto(keys, tokenOffset, tokens.keys, tokens.count, 0);
    for (const block of prose.blocks) blocks.push({ kind: block.kind, start: proseOffset + block.start, end: proseOffset + block.end });
    for (const citation of prose.citations) citations.push(proseOffset + citation);
    for (const comment of prose.htmlComments) htmlComments.push({ start: base + comment.start, end: base + comment.end, body: comment.body });
    for (const sentence of part.sentences) sentences.push({ start: proseOffset + sentence.start, end: proseOffset + sentence.end });
    for (const match of part.matches) {
      matches.push({
        phrase: match.phrase,
        firstToken: tokenOffset + match.firstToken,
        lastToken: tokenOffset + match.lastToken,
        start: proseOffset + match.start,
        end: proseOffset + match.end,
        plural: match.plural,
      });
    }
    proseOffset += prose.text.length;
    tokenOffset += tokens.count;
  });

  const text = texts.join('');
  const prose: Prose = {
    text,
    blocks,
    citations,
    htmlComments,
    sourceStart: (offset) => (offset >= map.length ? source.length : map[offset]!),
    sourceEnd: (end) => sourceEndOf(source, map, end),
  };
  return {
    source,
    lines: new LineIndex(source),
    prose,
    tokens: { text, lowerText: lowerTexts.join(''), count: tokenCount, starts, ends, keys },
    sentences,
    matches,
    compiled,
  };
}

/** The prose block containing a prose offset. */
export function blockAt(prose: Prose, offset: number): ProseBlock | undefined {
  return spanAt(prose.blocks, offset);
}
