/**
 * Splits a Markdown document into top-level chunks that parse the same alone as in the document:
 * a chunk ends at a blank line only when the next non-blank line starts at column 0 (so list items,
 * footnotes and indented code continue) and no fenced code, multi-line HTML block or front matter is
 * open. Link and footnote definitions are the only thing one chunk can need from another; the caller
 * resolves them by label.
 */

export interface Chunk {
  /** Source offsets; `end` excludes the last line's line ending. */
  start: number;
  end: number;
  text: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([^`]*)$/;
// HTML blocks of CommonMark types 1-5 may contain blank lines; each pairs with its end marker.
const HTML_BLOCKS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

interface Line {
  start: number;
  /** Excluding the line ending. */
  end: number;
  text: string;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    if (code === 10 || code === 13 || code === -1) {
      lines.push({ start, end: i, text: text.slice(start, i) });
      if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return lines;
}

function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

export function splitChunks(text: string): Chunk[] {
  const lines = splitLines(text);
  const chunks: Chunk[] = [];
  let first = -1;
  let last = -1;
  let closing: RegExp | undefined;
  let fence: { char: string; length: number } | undefined;
  const flush = () => {
    if (first >= 0) chunks.push({ start: lines[first]!.start, end: lines[last]!.end, text: text.slice(lines[first]!.start, lines[last]!.end) });
    first = last = -1;
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.text;
    if (first < 0) {
      if (isBlank(line)) continue;
      first = index;
    } else if (!fence && !closing && isBlank(lines[index - 1]!.text) === false && isBlank(line)) {
      // Look past the blank run: a line at column 0 starts a new chunk.
      let next = index;
      while (next < lines.length && isBlank(lines[next]!.text)) next++;
      if (next >= lines.length || !/^[ \t]/.test(lines[next]!.text)) {
        flush();
        index = next - 1;
        continue;
      }
    }
    last = isBlank(line) ? last : index;
    if (fence) {
      const close = new RegExp(`^ {0,3}${fence.char === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
      if (close.test(line)) fence = undefined;
      last = index;
      continue;
    }
    if (closing) {
      if (closing.test(line)) closing = undefined;
      last = index;
      continue;
    }
    if (index === 0 && line === '---') {
      const end = lines.findIndex((candidate, at) => at > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(candidate.text));
      if (end > 0) {
        index = last = end;
        flush();
        continue;
      }
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      continue;
    }
    for (const [start, end] of HTML_BLOCKS) {
      if (start.test(line)) {
        if (!end.test(line.replace(start, ''))) closing = end;
        break;
      }
    }
  }
  flush();
  return chunks;
}
