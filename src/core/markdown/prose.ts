import type { Nodes, Parents, Root, Text } from 'mdast';
import type { PlainTextReason } from './budget';
import type { PandocLabel, PandocReference } from './pandoc';

/** Separates prose blocks: never matched as whitespace, always ends a sentence. */
export const BLOCK_BREAK = '\u2029';
/** Stands in for non-prose inline content (code, HTML, images, footnote references): breaks phrases, not sentences. */
export const PLACEHOLDER = '\uFFFC';

export type ProseBlockKind = 'heading' | 'paragraph' | 'table-cell';

export interface ProseBlock {
  kind: ProseBlockKind;
  /** Prose offsets, end exclusive. */
  start: number;
  end: number;
}

export interface HtmlComment {
  /** Source offsets of the comment. */
  start: number;
  end: number;
  body: string;
}

/** The prose of one chunk: offsets in `map`, `blocks`, `citations` and comments are chunk-relative. */
export interface ChunkProse {
  text: string;
  /** Source offset of every prose character. */
  map: Int32Array;
  blocks: ProseBlock[];
  citations: number[];
  htmlComments: HtmlComment[];
  /** Set when the chunk was read as plain text, past the parse budget (budget.ts): why. */
  plainText?: PlainTextReason;
  /** Pandoc citations and cross-references (pandoc.ts), in source offsets like `htmlComments`. */
  pandocReferences?: PandocReference[];
  /** Cross-reference labels the chunk gives its elements (pandoc.ts), in source offsets. */
  crossrefLabels?: PandocLabel[];
}

/**
 * The prose of a Markdown document as one string, markup removed, with a map from every prose
 * offset back to its source offset. Phrases are matched on the prose and reported on the source.
 */
export interface Prose {
  text: string;
  blocks: ProseBlock[];
  /** Prose offsets where a structural citation stands: a link, footnote reference or <sup>. */
  citations: number[];
  htmlComments: HtmlComment[];
  sourceStart(proseOffset: number): number;
  sourceEnd(proseEndOffset: number): number;
}

const ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/y;

export class ProseBuilder {
  private chunks: string[] = [];
  private length = 0;
  private map: Int32Array;
  readonly blocks: ProseBlock[] = [];
  readonly citations: number[] = [];
  readonly htmlComments: HtmlComment[] = [];
  /** Source offset just past the last source character placed: where a node without position starts. */
  cursor = 0;

  /** `limit`: where the chunk ends in `source` and what was appended to it for parsing begins. */
  constructor(
    private readonly source: string,
    readonly limit = source.length,
  ) {
    // Prose is rarely longer than its source: size for that, and grow if needed.
    this.map = new Int32Array(source.length + 16);
  }

  get offset(): number {
    return this.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra + 1 <= this.map.length) return;
    let size = this.map.length * 2;
    while (size < this.length + extra + 1) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.map.subarray(0, this.length));
    this.map = grown;
  }

  /** Appends a string whose every character maps to one source offset. */
  appendAt(value: string, sourceOffset: number): void {
    this.reserve(value.length);
    for (let i = 0; i < value.length; i++) this.map[this.length + i] = sourceOffset;
    this.chunks.push(value);
    this.length += value.length;
  }

  /**
   * Appends a text node's value, aligning it with its source slice: the value lacks container
   * prefixes (`> `, list indentation), escapes and entities that the source has.
   */
  appendText(value: string, sourceStart: number, sourceEnd: number): void {
    this.reserve(value.length);
    const source = this.source;
    const base = this.length;
    if (sourceEnd - sourceStart === value.length && source.startsWith(value, sourceStart)) {
      for (let i = 0; i < value.length; i++) this.map[base + i] = sourceStart + i;
    } else {
      let j = sourceStart;
      for (let i = 0; i < value.length; i++) {
        const char = value[i];
        let mapped = -1;
        let units = 1;
        // Skip what the value lacks (container prefixes, indentation, CR) until this character's source.
        while (j < sourceEnd && mapped < 0) {
          const at = source[j];
          if (at === char) {
            mapped = j++;
          } else if (at === '\\' && source[j + 1] === char) {
            mapped = j + 1;
            j += 2;
          } else if (at === '&' && (ENTITY.lastIndex = j, ENTITY.test(source))) {
            mapped = j;
            units = value.codePointAt(i)! > 0xffff ? 2 : 1;
            j = ENTITY.lastIndex;
          } else {
            j++;
          }
        }
        if (mapped < 0) mapped = Math.max(sourceStart, sourceEnd - 1);
        for (let k = 0; k < units && i + k < value.length; k++) this.map[base + i + k] = mapped;
        i += units - 1;
      }
    }
    if (value.length > 0) this.cursor = this.map[base + value.length - 1]! + 1;
    this.chunks.push(value);
    this.length += value.length;
  }

  /** Appends `text`, whose character i stands at source offset `map[from + i]`. */
  appendMapped(text: string, map: ArrayLike<number>, from: number): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) this.map[this.length + i] = map[from + i]!;
    this.chunks.push(text);
    this.length += text.length;
  }

  /** Closes a prose block opened at `start`; `breakAt` is the source offset the block break stands for. */
  endBlock(kind: ProseBlockKind, start: number, breakAt: number): void {
    this.blocks.push({ kind, start, end: this.length });
    this.appendAt(BLOCK_BREAK, breakAt);
  }

  finish(): ChunkProse {
    return { text: this.chunks.join(''), map: this.map.subarray(0, this.length), blocks: this.blocks, citations: this.citations, htmlComments: this.htmlComments };
  }
}

/** The offset just past the source of a prose range ending at `end` (an entity ends at its `;`). */
export function sourceEndOf(source: string, map: ArrayLike<number>, end: number): number {
  return end <= 0 ? (map[0] ?? 0) : sourceEndAfter(source, map[end - 1]!);
}

/** Where the source of a prose character that starts at source offset `last` ends. */
export function sourceEndAfter(source: string, last: number): number {
  if (source[last] === '&') {
    ENTITY.lastIndex = last;
    const entity = ENTITY.exec(source);
    if (entity) return last + entity[0].length;
  }
  return last + 1;
}

const MEDLINT_COMMENT = /<!--([\s\S]*?)-->/g;

export function collectComments(builder: ProseBuilder, value: string, start: number): void {
  if (!value.includes('medlint')) return;
  // A block left open at the end was closed for parsing; the closer is not the writer's.
  for (const match of value.slice(0, Math.max(0, builder.limit - start)).matchAll(MEDLINT_COMMENT)) {
    const body = match[1]!.trim();
    if (body.startsWith('medlint')) {
      const commentStart = start + match.index;
      builder.htmlComments.push({ start: commentStart, end: commentStart + match[0].length, body });
    }
  }
}

function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

function endOf(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/**
 * Where an inline node stands in the source. remark-gfm's autolink literals rebuild some text and
 * link nodes without positions: those are placed from the end of what came before, within the block.
 */
function spanOf(builder: ProseBuilder, node: Nodes, blockEnd: number): { start: number; end: number } {
  return node.position ? { start: startOf(node), end: endOf(node) } : { start: builder.cursor, end: blockEnd };
}

function appendInline(builder: ProseBuilder, node: Nodes, source: string, blockEnd: number): void {
  const span = spanOf(builder, node, blockEnd);
  switch (node.type) {
    case 'text':
      builder.appendText((node as Text).value, span.start, span.end);
      return;
    case 'break':
      builder.appendAt('\n', span.start);
      break;
    case 'inlineCode':
    case 'image':
    case 'imageReference':
      builder.appendAt(PLACEHOLDER, span.start);
      break;
    case 'footnoteReference':
      builder.citations.push(builder.offset);
      builder.appendAt(PLACEHOLDER, span.start);
      break;
    case 'html':
      if (/^<sup\b/i.test(node.value)) builder.citations.push(builder.offset);
      collectComments(builder, node.value, span.start);
      builder.appendAt(PLACEHOLDER, span.start);
      break;
    case 'link': {
      // A link points the reader to a source; an e-mail address does not.
      if (!node.url.toLowerCase().startsWith('mailto:')) builder.citations.push(builder.offset);
      const only = node.children.length === 1 && node.children[0]!.type === 'text' ? node.children[0].value : undefined;
      // A bare URL (GFM autolink literal or <url>) is an address, not prose.
      const bare = only !== undefined && (node.position ? source.slice(span.start, span.end).replace(/^<|>$/g, '') === only : node.url.endsWith(only));
      if (bare && !node.position) {
        const at = source.indexOf(only!, span.start);
        builder.appendAt(PLACEHOLDER, at < 0 ? span.start : at);
        builder.cursor = at < 0 ? span.start : at + only!.length;
        return;
      }
      if (bare) builder.appendAt(PLACEHOLDER, span.start);
      else for (const child of node.children) appendInline(builder, child, source, blockEnd);
      break;
    }
    case 'linkReference':
      builder.citations.push(builder.offset);
      for (const child of node.children) appendInline(builder, child, source, blockEnd);
      break;
    default:
      if ('children' in node) for (const child of (node as Parents).children) appendInline(builder, child as Nodes, source, blockEnd);
  }
  if (node.position) builder.cursor = span.end;
}

function appendBlock(builder: ProseBuilder, kind: ProseBlockKind, node: Parents, source: string): void {
  const start = builder.offset;
  builder.cursor = startOf(node as Nodes);
  for (const child of node.children) appendInline(builder, child as Nodes, source, endOf(node as Nodes));
  builder.endBlock(kind, start, endOf(node as Nodes));
}

function appendFlow(builder: ProseBuilder, node: Nodes, source: string): void {
  switch (node.type) {
    case 'paragraph':
      appendBlock(builder, 'paragraph', node, source);
      return;
    case 'heading':
      appendBlock(builder, 'heading', node, source);
      return;
    case 'tableCell':
      appendBlock(builder, 'table-cell', node, source);
      return;
    case 'html':
      collectComments(builder, node.value, startOf(node));
      return;
    case 'code':
    case 'yaml':
    case 'definition':
    case 'thematicBreak':
      return;
    default:
      if ('children' in node) for (const child of (node as Parents).children) appendFlow(builder, child as Nodes, source);
  }
}

/** The prose of a parsed chunk; top-level nodes from `limit` on (definitions appended for the parse) are left out. */
export function extractProse(tree: Root, source: string, limit = source.length): ChunkProse {
  const builder = new ProseBuilder(source, limit);
  for (const child of tree.children) if (startOf(child) < limit) appendFlow(builder, child, source);
  return builder.finish();
}
