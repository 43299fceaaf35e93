/**
 * Splits a Markdown document into top-level chunks that parse the same alone as in the document:
 * a chunk ends at a blank line only when the next non-blank line starts at column 0 (so list items,
 * footnotes and indented code continue) and no fenced code, multi-line HTML block or front matter is
 * open. Link and footnote definitions are the only thing one chunk can need from another; the caller
 * resolves them by label.
 */

/** Whether a chunk opens its document, where `---` starts front matter (a byte order mark aside). */
export function opensDocument(text: string, chunk: Chunk): boolean {
  return chunk.start === 0 || (chunk.start === 1 && text.charCodeAt(0) === 0xfeff);
}

export interface Chunk {
  /** Source offsets; `end` excludes the last line's line ending. */
  start: number;
  end: number;
  text: string;
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

/** A construct that spans blank lines: the pattern of the line that ends it, and a line that does. */
interface OpenConstruct {
  ends: RegExp;
  closer: string;
}

/** The fenced code block or multi-line HTML block that `line` opens and leaves open, if any. */
function openedBy(line: string): OpenConstruct | undefined {
  const fence = closingFenceFor(line);
  if (fence) return { ends: fence, closer: FENCE_OPEN.exec(line)![1]! };
  for (const [opening, ending, closer] of HTML_BLOCKS) {
    if (opening.test(line)) return ending.test(line.replace(opening, '')) ? undefined : { ends: ending, closer };
  }
  return undefined;
}

/**
 * A line that closes the fenced code or HTML block left open at the end of a (last) chunk, so that
 * what is parsed after it is not swallowed by it; undefined when nothing is open.
 */
export function closerAtEnd(text: string): string | undefined {
  let open: OpenConstruct | undefined;
  for (const { text: line } of splitLines(text)) {
    if (open) {
      if (open.ends.test(line)) open = undefined;
    } else if (/^ {0,3}[`~<]/.test(line)) {
      open = openedBy(line);
    }
  }
  return open?.closer;
}

interface Line {
  start: number;
  /** Excluding the line ending. */
  end: number;
  text: string;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  // A byte order mark is no part of the first line, as micromark skips it before parsing.
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    if (code === 10 || code === 13 || code === -1) {
      lines.push({ start, end: i, text: text.slice(start, i) });
      if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return lines;
}

/** Offset of the first character that is not a space or tab in [start, end), or -1. */
function firstInk(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return i;
  }
  return -1;
}

export function splitChunks(text: string): Chunk[] {
  const lines = splitLines(text);
  const chunks: Chunk[] = [];
  const blank = (index: number) => firstInk(text, lines[index]!.start, lines[index]!.end) < 0;
  let first = -1;
  let last = -1;
  let open: OpenConstruct | undefined;
  const flush = () => {
    if (first >= 0) chunks.push({ start: lines[first]!.start, end: lines[last]!.end, text: text.slice(lines[first]!.start, lines[last]!.end) });
    first = last = -1;
  };

  for (let index = 0; index < lines.length; index++) {
    const { start, end } = lines[index]!;
    const ink = firstInk(text, start, end);
    if (first < 0) {
      if (ink < 0) continue;
      first = index;
    } else if (!open && ink < 0 && !blank(index - 1)) {
      // Past the blank run, a line at column 0 starts a new chunk; an indented one continues this.
      let next = index;
      while (next < lines.length && blank(next)) next++;
      const nextStart = next < lines.length ? text.charCodeAt(lines[next]!.start) : -1;
      if (nextStart !== 32 && nextStart !== 9) {
        flush();
        index = next - 1;
        continue;
      }
    }
    if (ink >= 0) last = index;
    if (open) {
      if (open.ends.test(lines[index]!.text)) open = undefined;
      last = index;
      continue;
    }
    // Only a line starting with one of these can open a construct that spans blank lines.
    const lead = ink >= 0 && ink - start <= 3 ? text[ink] : undefined;
    if (lead !== '`' && lead !== '~' && lead !== '<' && lead !== '-' && lead !== '+') continue;
    const line = lines[index]!.text;
    if (index === 0 && (line === '---' || line === '+++')) {
      const close = lines.findIndex((candidate, at) => at > 0 && candidate.text === line);
      if (close > 0) {
        index = last = close;
        flush();
        continue;
      }
    }
    open = openedBy(line);
  }
  flush();
  return chunks;
}
