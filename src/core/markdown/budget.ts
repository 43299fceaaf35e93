import { closingFenceFor, splitLines, startsHtmlBlock } from './chunks';
import { collectComments, ProseBuilder, type ChunkProse } from './prose';

/**
 * micromark resolves emphasis, code spans, links and inline HTML by looking back over the markers a
 * paragraph has left unmatched, and the fast path's copy of its emphasis rules does the same: a
 * paragraph of thousands of them takes time and memory that grow faster than its length (the bench:
 * 1 MB of `*_a_* **_b ` took 116 s and 1.3 GB; `*a ` 3.3 s and 1 GB, where the fast path alone spends
 * 47 ms on 80 KB and four times as long per byte on each doubling). What the cost follows is the count
 * of these markers in one paragraph and, for many mid-sized paragraphs, their density. A chunk with a
 * paragraph past either limit is read as plain text, which is linear and keeps every position exact.
 *
 * The limits leave room for any draft: a paragraph of 2,000 markers is 500 bold or linked phrases,
 * and 64 markers making up a quarter of a paragraph's characters are 16 bold phrases in 256
 * characters; a table's rows and a list's items count on their own.
 */
const MOST_MARKERS_IN_A_PARAGRAPH = 2_000;
/**
 * micromark also joins a paragraph's runs of text one splice of its whole event list at a time, so a
 * paragraph of many lines costs the square of its lines where the fast path declines it (an entity, a
 * bare URL, a `|` or a `~` on each line: one paragraph of 300 KB of such lines took 1.4-4.5 s; 1 MB
 * of paragraphs of 1,000 lines each, 2.2-3.7 s). 200 lines is a pasted text with no blank lines
 * between its paragraphs, not a paragraph a writer wrapped.
 */
const MOST_LINES_IN_A_PARAGRAPH = 200;
/** Below this many markers, density does not matter: the paragraph is too short to cost much. */
const DENSE_PARAGRAPH_MARKERS = 64;
/** One marker per this many characters or more often is no prose a writer wrote. */
const DENSEST_CHARACTERS_PER_MARKER = 4;

const ASTERISK = 42;
const UNDERSCORE = 95;
const BACKTICK = 96;
const LESS_THAN = 60;
const OPEN_BRACKET = 91;

// A line that starts a paragraph of its own: a list item or an ATX heading (a table row too, in a
// chunk with a table's delimiter row). A block quote's lines continue one paragraph, so do not.
const STARTS_OWN_INLINE_CONTENT = /^ {0,3}(?:[-+*][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$))/;
const TABLE_DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/m;

function countMarkers(text: string, start: number, end: number): number {
  let markers = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === ASTERISK || code === UNDERSCORE || code === BACKTICK || code === LESS_THAN || code === OPEN_BRACKET) markers++;
  }
  return markers;
}

/** Why a chunk is read as plain text: what would make parsing it take super-linear time. */
export type PlainTextReason = 'markup' | 'lines';

/**
 * Whether reading `text` as Markdown could take super-linear time, and why: too many inline markers
 * in one paragraph, which the fast path reads slowly too, or, for micromark alone, too many lines.
 */
export function parseBudgetExceeded(text: string): PlainTextReason | undefined {
  // Most chunks hold too few markers and lines in all to be past any limit: one pass over each says so.
  if (countMarkers(text, 0, text.length) < DENSE_PARAGRAPH_MARKERS && !hasLines(text, MOST_LINES_IN_A_PARAGRAPH + 1)) return undefined;
  const table = text.includes('|') && TABLE_DELIMITER_ROW.test(text);
  let markers = 0;
  let lines = 0;
  let tooManyLines = false;
  let paragraphStart = -1;
  // Code and HTML blocks are not read for inline markup: their lines count for nothing.
  let fenceEnd: RegExp | undefined;
  let inHtml = false;
  for (const line of splitLines(text)) {
    if (fenceEnd) {
      if (fenceEnd.test(line.text)) fenceEnd = undefined;
      continue;
    }
    if (!/[^ \t]/.test(line.text)) {
      markers = 0;
      paragraphStart = -1;
      inHtml = false;
      continue;
    }
    fenceEnd = closingFenceFor(line.text);
    if (fenceEnd || inHtml) continue;
    if (paragraphStart < 0 && startsHtmlBlock(line.text)) {
      inHtml = true;
      continue;
    }
    if (paragraphStart < 0 || STARTS_OWN_INLINE_CONTENT.test(line.text) || (table && /^ {0,3}\|/.test(line.text))) {
      markers = 0;
      lines = 0;
      paragraphStart = line.start;
    }
    markers += countMarkers(text, line.start, line.end);
    if (markers > MOST_MARKERS_IN_A_PARAGRAPH) return 'markup';
    if (markers >= DENSE_PARAGRAPH_MARKERS && markers * DENSEST_CHARACTERS_PER_MARKER > line.end - paragraphStart) return 'markup';
    if (++lines > MOST_LINES_IN_A_PARAGRAPH) tooManyLines = true;
  }
  return tooManyLines ? 'lines' : undefined;
}

/** Whether `text` has at least `count` lines. */
function hasLines(text: string, count: number): boolean {
  let at = -1;
  for (let line = 1; line < count; line++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return false;
  }
  return true;
}

/**
 * A chunk read as plain text: each run of non-blank lines is a paragraph of its lines as written,
 * joined by line breaks, every character at its own source offset. Suppression comments still count.
 */
export function plainTextProse(text: string, reason: PlainTextReason): ChunkProse {
  const builder = new ProseBuilder(text);
  collectComments(builder, text, 0);
  let paragraphStart = -1;
  let previousLineEnd = 0;
  const endParagraph = () => {
    if (paragraphStart >= 0) builder.endBlock('paragraph', paragraphStart, previousLineEnd);
    paragraphStart = -1;
  };
  for (const line of splitLines(text)) {
    if (!/[^ \t]/.test(line.text)) {
      endParagraph();
      continue;
    }
    if (paragraphStart < 0) paragraphStart = builder.offset;
    else builder.appendAt('\n', previousLineEnd);
    builder.appendText(line.text, line.start, line.end);
    previousLineEnd = line.end;
  }
  endParagraph();
  return { ...builder.finish(), plainText: reason };
}
