/**
 * Splits a Markdown document into top-level chunks that parse the same alone as in the document:
 * a chunk ends at a blank line only when the next non-blank line starts at column 0 (so list items,
 * footnotes and indented code continue) and no fenced code, multi-line HTML block or front matter is
 * open. Link and footnote definitions are the only thing one chunk can need from another; the caller
 * resolves them by label.
 */
import { LineBreaks } from '../text/lineBreaks';

/** Whether a chunk opens its document, where `---` starts front matter (a byte order mark aside). */
export function opensDocument(text: string, chunk: Chunk): boolean {
  return chunk.start === 0 || (chunk.start === 1 && text.charCodeAt(0) === 0xfeff);
}

// Front matter opens with a line of --- (YAML) or +++ (TOML) and closes at the next line of the same
// fence; either line may end in spaces and tabs (micromark-extension-frontmatter).
const FRONT_MATTER_FENCE = /^(---|\+\+\+)[ \t]*$/;

/** Whether `line` may open front matter, or close the front matter `opening` opened. */
export function isFrontMatterFence(line: string, opening?: string): boolean {
  const fence = FRONT_MATTER_FENCE.exec(line)?.[1];
  return fence !== undefined && (opening === undefined || FRONT_MATTER_FENCE.exec(opening)![1] === fence);
}

export interface Chunk {
  /** Source offsets; `end` excludes the last line's line ending. */
  start: number;
  end: number;
  text: string;
  /** After an edit (splitEditedChunks): the index of the same text among the previous document's chunks. */
  was?: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** If `line` opens a fenced code block, the pattern of the line that closes it. */
export function closingFenceFor(line: string): RegExp | undefined {
  const open = FENCE_OPEN.exec(line);
  // Backticks may stand in a tilde fence's info string, not in a backtick fence's.
  if (!open || (open[1]![0] === '`' && open[2]!.includes('`'))) return undefined;
  return new RegExp(`^ {0,3}${open[1]![0] === '`' ? '`' : '~'}{${open[1]!.length},}[ \\t]*$`);
}
// HTML blocks of CommonMark types 1-5 may contain blank lines; each pairs with its end marker.
const HTML_BLOCKS: [opening: RegExp, ending: RegExp, closer: string][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i, '</pre>'],
  [/^ {0,3}<!--/, /-->/, '-->'],
  [/^ {0,3}<\?/, /\?>/, '?>'],
  [/^ {0,3}<![A-Za-z]/, />/, '>'],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/, ']]>'],
];

// HTML blocks of CommonMark types 6 and 7 end at the next blank line, and no line inside one starts
// anything: a fence line there is HTML, not code. Type 6 names a block element (micromark's list of
// them) and may interrupt a paragraph; type 7 is a lone complete open or closing tag of any other
// name, and may not.
const HTML_BLOCK_ELEMENT =
  /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|\/>|$)/i;
const HTML_LONE_TAG =
  /^ {0,3}(?:<(?!(?:script|style|pre|textarea)[ \t/>])[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

/** Whether `line` starts an HTML block that ends at the next blank line (types 6 and 7). */
function opensHtmlToBlankLine(line: string, interruptsParagraph: boolean): boolean {
  return HTML_BLOCK_ELEMENT.test(line) || (!interruptsParagraph && HTML_LONE_TAG.test(line));
}

/** Whether `line`, at the start of a paragraph, starts an HTML block (of any type). */
export function startsHtmlBlock(line: string): boolean {
  return HTML_BLOCKS.some(([opening]) => opening.test(line)) || opensHtmlToBlankLine(line, false);
}

/** A construct that spans blank lines: the pattern of the line that ends it, and a line that does. */
interface OpenConstruct {
  ends: RegExp;
  closer: string;
}

/**
 * The fenced code block or multi-line HTML block (types 1-5) that `line` opens and leaves open;
 * `ended` for an HTML block of those types that ends on the line it starts.
 */
function openedBy(line: string): OpenConstruct | 'ended' | undefined {
  const fence = closingFenceFor(line);
  if (fence) return { ends: fence, closer: FENCE_OPEN.exec(line)![1]! };
  for (const [opening, ending, closer] of HTML_BLOCKS) {
    if (opening.test(line)) return ending.test(line.replace(opening, '')) ? 'ended' : { ends: ending, closer };
  }
  return undefined;
}

// Block quote and list markers that open a line, one at a time, and the content column they leave.
const CONTAINER_MARKER = /^ {0,3}(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))/;
const LINE_CLOSES_PARAGRAPH = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|(?:-+|=+)[ \t]*$)/;

/**
 * What is open after each line of a run of lines, as far as chunking needs to know: a construct that
 * spans blank lines (fenced code, HTML of types 1-5), an HTML block of types 6 or 7 (which ends at a
 * blank line, or where the block quote or list item holding it ends), and whether a paragraph runs
 * on (which a lone tag cannot interrupt). Containers are read only as far as HTML blocks need.
 */
class OpenBlocks {
  spanning: OpenConstruct | undefined;
  private html: { quoted: boolean; column: number } | undefined;
  private paragraph = false;

  /** Reads the next line; `ink` is the index of its first character that is not a space or tab, or -1. */
  read(line: string, ink: number): void {
    if (this.spanning) {
      if (this.spanning.ends.test(line)) this.spanning = undefined;
      return;
    }
    if (ink < 0) {
      this.html = undefined;
      this.paragraph = false;
      return;
    }
    if (this.html) {
      if (this.html.quoted ? /^ {0,3}>/.test(line) : ink >= this.html.column) return;
      this.html = undefined;
    }
    // Indented code, or a paragraph's continuation: either way nothing opens here.
    if (ink > 3) return;
    const lead = line.charCodeAt(ink);
    // Only these can start a fence, an HTML block, a heading, a break, a block quote or a list item.
    if (!/[`~<#*_=>+\-0-9]/.test(line[ink]!)) {
      this.paragraph = true;
      return;
    }
    if (lead === 96 || lead === 126 || lead === 60) {
      const opened = openedBy(line);
      if (opened) {
        this.spanning = opened === 'ended' ? undefined : opened;
        this.paragraph = false;
        return;
      }
    }
    if (LINE_CLOSES_PARAGRAPH.test(line)) {
      // A line of = after anything but a paragraph is a paragraph of its own.
      this.paragraph = lead === 61 && !this.paragraph;
      return;
    }
    let content = line;
    let quoted = false;
    let listed = false;
    let column = 0;
    for (let marker = CONTAINER_MARKER.exec(content); marker; marker = CONTAINER_MARKER.exec(content)) {
      if (marker[0].trimStart()[0] === '>') quoted = true;
      else listed = true;
      column += marker[0].length;
      content = content.slice(marker[0].length);
    }
    if (opensHtmlToBlankLine(content, this.paragraph && !listed)) {
      this.html = { quoted, column: column + (content.length - content.trimStart().length) };
      this.paragraph = false;
      return;
    }
    this.paragraph = content.trim() !== '' || (this.paragraph && quoted && !listed);
  }
}

/**
 * A line that closes the fenced code or HTML block left open at the end of a (last) chunk, so that
 * what is parsed after it is not swallowed by it; undefined when nothing is open.
 */
export function closerAtEnd(text: string): string | undefined {
  const open = new OpenBlocks();
  for (const { text: line } of splitLines(text)) open.read(line, firstInk(line, 0, line.length));
  return open.spanning?.closer;
}

interface Line {
  start: number;
  /** Excluding the line ending. */
  end: number;
  text: string;
}

export function splitLines(text: string): Line[] {
  // A byte order mark is no part of the first line, as micromark skips it before parsing.
  return new LazyLines(text, text.charCodeAt(0) === 0xfeff ? 1 : 0).all();
}

/** Offset of the first character that is not a space or tab in [start, end), or -1. */
function firstInk(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return i;
  }
  return -1;
}

/** The lines of `text` from offset `from` (a line start), read only as far as they are asked for. */
class LazyLines {
  private readonly lines: Line[] = [];
  private next: number;
  private readonly breaks: LineBreaks;

  constructor(
    private readonly text: string,
    from: number,
  ) {
    this.next = from;
    this.breaks = new LineBreaks(text, from);
  }

  at(index: number): Line | undefined {
    const { text, lines, breaks } = this;
    while (lines.length <= index && this.next <= text.length) {
      const start = this.next;
      const end = breaks.lineEnd(start);
      lines.push({ start, end, text: text.slice(start, end) });
      this.next = breaks.nextLineStart(end);
    }
    return lines[index];
  }

  /** Every line, to the end of the text. */
  all(): Line[] {
    this.at(Number.MAX_SAFE_INTEGER);
    return this.lines;
  }
}

/**
 * Splits `text` into chunks. `from`, the start of a chunk, resumes splitting there; `resumes` is asked
 * at each chunk start whether the chunks from there on are already known (a re-split after an edit
 * stops where the text is again as it was): then they are returned after the new ones.
 */
export function splitChunks(text: string, from?: number, resumes?: (start: number) => Chunk[] | undefined): Chunk[] {
  // A byte order mark is no part of the first line, as micromark skips it before parsing.
  const documentStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = new LazyLines(text, from ?? documentStart);
  const chunks: Chunk[] = [];
  const blank = (index: number) => firstInk(text, lines.at(index)!.start, lines.at(index)!.end) < 0;
  let first = -1;
  let last = -1;
  const open = new OpenBlocks();
  const flush = () => {
    if (first >= 0) chunks.push({ start: lines.at(first)!.start, end: lines.at(last)!.end, text: text.slice(lines.at(first)!.start, lines.at(last)!.end) });
    first = last = -1;
  };

  for (let index = 0; lines.at(index); index++) {
    const { start, end, text: line } = lines.at(index)!;
    const ink = firstInk(text, start, end);
    if (first < 0) {
      if (ink < 0) continue;
      const known = resumes?.(start);
      if (known) return chunks.concat(known);
      first = index;
    } else if (!open.spanning && ink < 0 && !blank(index - 1)) {
      // Past the blank run, a line at column 0 starts a new chunk; an indented one continues this.
      let next = index;
      while (lines.at(next) && blank(next)) next++;
      const nextStart = lines.at(next) ? text.charCodeAt(lines.at(next)!.start) : -1;
      if (nextStart !== 32 && nextStart !== 9) {
        flush();
        open.read('', -1);
        index = next - 1;
        continue;
      }
    }
    if (ink >= 0 || open.spanning) last = index;
    if (start === documentStart && isFrontMatterFence(line)) {
      let close = 1;
      while (lines.at(close) && !isFrontMatterFence(lines.at(close)!.text, line)) close++;
      if (lines.at(close)) {
        index = last = close;
        flush();
        continue;
      }
    }
    open.read(line, ink < 0 ? -1 : ink - start);
  }
  flush();
  return chunks;
}

/**
 * How many characters `a` and `b` have in common from their start (`direction` 1) or their end (-1),
 * up to `limit`: compared a block at a time, as string equality compares memory, then one at a time.
 */
function commonLength(a: string, b: string, direction: 1 | -1, limit: number): number {
  const slice = (text: string, from: number, to: number) => (direction === 1 ? text.slice(from, to) : text.slice(text.length - to, text.length - from));
  let length = 0;
  for (let block = 4096; block >= 1; block >>= 4) {
    while (length + block <= limit && slice(a, length, length + block) === slice(b, length, length + block)) length += block;
  }
  return length;
}

/** Whether the document opens with a front matter fence that no line closes, which makes it Markdown. */
function opensUnclosedFrontMatter(text: string, chunks: readonly Chunk[]): boolean {
  const first = chunks[0];
  if (!first || !opensDocument(text, first)) return false;
  const firstLine = /^[^\r\n]*/.exec(first.text)![0];
  if (!isFrontMatterFence(firstLine)) return false;
  const lastLine = first.text.slice(Math.max(first.text.lastIndexOf('\n'), first.text.lastIndexOf('\r')) + 1);
  return firstLine.length === first.text.length || !isFrontMatterFence(lastLine, firstLine);
}

/**
 * The chunks of `text`, an edit of `previous` (whose chunks were `previousChunks`): those before the
 * edit are kept, the text is split again from the last chunk that starts before the edit, and where
 * a chunk starts in the unchanged end of the text, the rest are the previous ones, moved. Each chunk
 * start leaves nothing open, so what follows it is split as it was.
 */
export function splitEditedChunks(text: string, previous: string, previousChunks: Chunk[]): Chunk[] {
  const prefix = commonLength(text, previous, 1, Math.min(text.length, previous.length));
  const suffix = commonLength(text, previous, -1, Math.min(text.length, previous.length) - prefix);
  // The first chunk that starts at or after the edit; the one before it may end differently now.
  let kept = 0;
  while (kept < previousChunks.length && previousChunks[kept]!.start < prefix) kept++;
  kept = Math.max(0, kept - 1);
  // A writer types front matter's closing fence after its fields: an edit anywhere below may close it.
  if (opensUnclosedFrontMatter(previous, previousChunks)) kept = 0;
  const shift = text.length - previous.length;
  const unchangedFrom = text.length - suffix;
  let next = kept;
  const resumes = (start: number) => {
    if (start < unchangedFrom || start <= prefix) return undefined;
    while (next < previousChunks.length && previousChunks[next]!.start + shift < start) next++;
    // The first chunk opened the previous document, where --- starts front matter: it cannot resume.
    if (next === 0 || next >= previousChunks.length || previousChunks[next]!.start + shift !== start) return undefined;
    const resumed: Chunk[] = [];
    for (let index = next; index < previousChunks.length; index++) resumed.push(moved(index, shift));
    return resumed;
  };
  // Sliced again from the new text: a slice of the previous one would keep it alive.
  const moved = (index: number, by: number): Chunk => {
    const { start, end } = previousChunks[index]!;
    return { start: start + by, end: end + by, text: text.slice(start + by, end + by), was: index };
  };
  const before: Chunk[] = [];
  for (let index = 0; index < kept; index++) before.push(moved(index, 0));
  return before.concat(splitChunks(text, kept === 0 ? undefined : previousChunks[kept]!.start, resumes));
}
