import { closingFenceFor, isFrontMatterFence, splitLines } from './chunks';
import { PLACEHOLDER, ProseBuilder, collectComments, type ChunkProse, type ProseBlockKind } from './prose';
import { stickyMatch } from '../text/sticky';

/**
 * Prose of a chunk without a parser, for the Markdown most drafts are made of: paragraphs, ATX
 * headings, simple lists, block quotes, tables, footnote and link definitions, fenced code, front
 * matter, HTML comments; inline emphasis (micromark's attention rules), code spans, inline links,
 * citations, footnote references and HTML tags. It returns undefined for anything else, and the
 * chunk goes to remark. A differential test holds it to remark's output.
 */

/** Normalised labels of the link and footnote definitions in the document. */
export interface Labels {
  links: ReadonlySet<string>;
  footnotes: ReadonlySet<string>;
}

export function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase();
}

interface Line {
  start: number;
  end: number;
  text: string;
}

/** Text with the chunk-relative source offset of each character. */
interface Content {
  text: string;
  map: ArrayLike<number>;
}

/** Length of the run of spaces and tabs that `text` starts with. */
function leadingBlanks(text: string): number {
  let i = 0;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Length of the run of spaces and tabs that `text` ends with. */
function trailingBlanks(text: string): number {
  let i = text.length;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
  return text.length - i;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** `text` without the spaces and tabs at its ends, with the chunk offset of each character kept. */
function trimmedContent(text: string, start: number): Content {
  const lead = leadingBlanks(text);
  const body = text.slice(lead, Math.max(lead, text.length - trailingBlanks(text)));
  const map = new Int32Array(body.length);
  for (let k = 0; k < body.length; k++) map[k] = start + lead + k;
  return { text: body, map };
}

const BLOCK_START = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|`{3,}|~{3,}|<|\[\^?[^\]]*\]:|[-*_](?:[ \t]*[-*_]){2,}[ \t]*$|=+[ \t]*$)/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const ITEM = /^( {0,3})([-+*]|\d{1,9}[.)])( {1,4})(?=\S)/;
const LINK_DEFINITION_LINE = /^ {0,3}\[(?!\^)([^\]\\[]+)\]:[ \t]*(?:<[^>\n]*>|([^\s<>]+))(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$/;

/** A bare link destination's parentheses must balance (CommonMark), else the line is no definition. */
function balancedParentheses(destination: string): boolean {
  let depth = 0;
  for (let i = 0; i < destination.length; i++) {
    const char = destination[i];
    if (char === '\\') i++;
    else if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The label of a one-line link definition, `[label]: destination "title"`, or undefined. */
function linkDefinitionLabel(line: string): string | undefined {
  const match = LINK_DEFINITION_LINE.exec(line);
  if (!match || (match[2] !== undefined && !balancedParentheses(match[2]))) return undefined;
  return match[1];
}
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^([^\]\s\\]+)\]:[ \t]*/;
// Sticky (y): matched where the scanner stands, without copying the rest of the text.
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?)*\s*\/?>/y;
const HTML_COMMENT = /<!--(?!>|->)[\s\S]*?-->/y;
const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>/y;
const INLINE_LINK = /\]\(([^\s()<>`\\]*)(?:[ \t]+"[^"\n\\]*")?[ \t]*\)/y;
const FOOTNOTE_CALL = /\[\^([^\]\s\\]+)\]/y;
const SUP = /<sup\b/iy;

const ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
// Escapes, entities, strikethrough and NUL (which CommonMark replaces) are left to remark, and so are
// GFM autolink literals in displayed text (a link's destination is not displayed).
const UNSUPPORTED = /[\\~\0]/;
const AUTOLINK_LITERAL = /www\.|:\/\/|mailto:|xmpp:|@/i;
// `<info@example.org>`, `<mailto:info@example.org>`: an address to write to, not a source.
const EMAIL_AUTOLINK = /^<(?:mailto:)?[^\s<>:/]+@/i;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/;

// The characters that start inline markup scanInline reads: ` * _ < ! [
const INLINE_MARKUP = new Uint8Array(128);
for (const char of '`*_<![') INLINE_MARKUP[char.charCodeAt(0)] = 1;

class Unsupported extends Error {}

function fail(): never {
  throw new Unsupported();
}

/** 1 white space or line edge, 2 punctuation, 0 other: micromark's classifyCharacter. */
function classify(char: string | undefined): 0 | 1 | 2 {
  if (char === undefined || WHITESPACE.test(char)) return 1;
  return PUNCTUATION.test(char) ? 2 : 0;
}

interface Delimiter {
  char: string;
  /** Content offsets of the run. */
  start: number;
  end: number;
  /** Unconsumed part of the run, shrinking as emphasis takes characters from either side. */
  left: number;
  right: number;
  canOpen: boolean;
  canClose: boolean;
}

type Item =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'delimiter'; delimiter: Delimiter }
  | { kind: 'atom'; start: number; citation: boolean }
  | { kind: 'comment'; start: number; end: number }
  | { kind: 'link'; textStart: number; textEnd: number; reference: boolean };

/** micromark's resolveAllAttention over the delimiter runs, consuming the characters emphasis uses. */
function resolveEmphasis(delimiters: Delimiter[]): void {
  const active = delimiters.slice();
  for (let closerIndex = 0; closerIndex < active.length; closerIndex++) {
    const closer = active[closerIndex]!;
    if (!closer.canClose) continue;
    for (let openerIndex = closerIndex - 1; openerIndex >= 0 && closer.right > closer.left; openerIndex--) {
      const opener = active[openerIndex]!;
      if (!opener.canOpen || opener.char !== closer.char || opener.right === opener.left) continue;
      const openerLength = opener.right - opener.left;
      const closerLength = closer.right - closer.left;
      if ((opener.canClose || closer.canOpen) && closerLength % 3 && !((openerLength + closerLength) % 3)) continue;
      const use = openerLength > 1 && closerLength > 1 ? 2 : 1;
      opener.right -= use;
      closer.left += use;
      // Runs between opener and closer can no longer match: they stay literal.
      active.splice(openerIndex + 1, closerIndex - openerIndex - 1);
      closerIndex = openerIndex + 1;
      openerIndex = openerIndex + 1;
    }
  }
}

/** Scans inline content into items; throws Unsupported for what it does not handle. */
function scanInline(content: Content, labels: Labels): { items: Item[]; delimiters: Delimiter[] } {
  const text = content.text;
  if (UNSUPPORTED.test(text) || ENTITY.test(text)) fail();
  if (text.includes('`') && text.includes('<')) fail();
  const items: Item[] = [];
  const delimiters: Delimiter[] = [];
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart) items.push({ kind: 'text', start: textStart, end });
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code >= 128 || !INLINE_MARKUP[code]) {
      i++;
      continue;
    }
    const char = text[i]!;
    if (char === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      let close = text.indexOf(fence, i + run);
      while (close >= 0 && text[close + run] === '`') {
        let skip = close;
        while (text[skip] === '`') skip++;
        close = text.indexOf(fence, skip);
      }
      if (close < 0) {
        i += run;
        continue;
      }
      flushText(i);
      items.push({ kind: 'atom', start: i, citation: false });
      i = textStart = close + run;
    } else if (char === '*' || char === '_') {
      let run = 1;
      while (text[i + run] === char) run++;
      const before = classify(text[i - 1]);
      const after = classify(text[i + run]);
      const open = !after || (after === 2 && before !== 0);
      const close = !before || (before === 2 && after !== 0);
      const delimiter: Delimiter = {
        char,
        start: i,
        end: i + run,
        left: i,
        right: i + run,
        canOpen: char === '*' ? open : open && (before !== 0 || !close),
        canClose: char === '*' ? close : close && (after !== 0 || !open),
      };
      flushText(i);
      items.push({ kind: 'delimiter', delimiter });
      delimiters.push(delimiter);
      i = textStart = i + run;
    } else if (char === '<') {
      const comment = stickyMatch(HTML_COMMENT, text, i);
      const tag = comment ?? stickyMatch(HTML_TAG, text, i);
      const autolink = tag ? undefined : stickyMatch(AUTOLINK, text, i);
      if (!tag && !autolink) {
        i++;
        continue;
      }
      flushText(i);
      const length = (tag ?? autolink)![0].length;
      if (comment) items.push({ kind: 'comment', start: i, end: i + length });
      else items.push({ kind: 'atom', start: i, citation: (autolink !== null && autolink !== undefined && !EMAIL_AUTOLINK.test(autolink[0])) || Boolean(stickyMatch(SUP, text, i)) });
      i = textStart = i + length;
    } else if (char === '!' && text[i + 1] === '[') {
      fail();
    } else if (char === '[') {
      const footnote = stickyMatch(FOOTNOTE_CALL, text, i);
      if (footnote && text[i + footnote[0].length] !== '(' && text[i + footnote[0].length] !== '[' && labels.footnotes.has(normalizeLabel(footnote[1]!))) {
        flushText(i);
        items.push({ kind: 'atom', start: i, citation: true });
        i = textStart = i + footnote[0].length;
        continue;
      }
      const close = text.indexOf(']', i + 1);
      const nested = text.indexOf('[', i + 1);
      if (close < 0) {
        i++;
        continue;
      }
      if (nested >= 0 && nested < close) fail();
      const inner = text.slice(i + 1, close);
      if (/[`*_<!]/.test(inner)) fail();
      const link = stickyMatch(INLINE_LINK, text, close);
      if (link) {
        flushText(i);
        items.push({ kind: 'link', textStart: i + 1, textEnd: close, reference: false });
        i = textStart = close + link[0].length;
      } else if (text[close + 1] === '[' || text[close + 1] === '(') {
        fail();
      } else if (!inner.startsWith('^') && labels.links.has(normalizeLabel(inner)) && /[^ \t\r\n]/.test(inner)) {
        flushText(i);
        items.push({ kind: 'link', textStart: i + 1, textEnd: close, reference: true });
        i = textStart = close + 1;
      } else {
        i = close + 1;
      }
    } else {
      i++;
    }
  }
  flushText(text.length);
  // Emphasis resolution is quadratic in the worst case; leave pathological runs to remark.
  if (delimiters.length > 500) fail();
  if (AUTOLINK_LITERAL.test(text)) {
    for (const item of items) {
      const shown = item.kind === 'text' ? text.slice(item.start, item.end) : item.kind === 'link' ? text.slice(item.textStart, item.textEnd) : '';
      if (AUTOLINK_LITERAL.test(shown)) fail();
    }
  }
  return { items, delimiters };
}

/** Appends an inline content's prose to the builder. */
function appendInline(builder: ProseBuilder, content: Content, labels: Labels): void {
  const { items, delimiters } = scanInline(content, labels);
  resolveEmphasis(delimiters);
  const { text, map } = content;
  for (const item of items) {
    switch (item.kind) {
      case 'text':
        builder.appendMapped(text.slice(item.start, item.end), map, item.start);
        break;
      case 'delimiter': {
        const { delimiter } = item;
        if (delimiter.right > delimiter.left) builder.appendMapped(text.slice(delimiter.left, delimiter.right), map, delimiter.left);
        break;
      }
      case 'atom':
        if (item.citation) builder.citations.push(builder.offset);
        builder.appendAt(PLACEHOLDER, map[item.start]!);
        break;
      case 'comment':
        collectComments(builder, text.slice(item.start, item.end), map[item.start]!);
        builder.appendAt(PLACEHOLDER, map[item.start]!);
        break;
      case 'link':
        builder.citations.push(builder.offset);
        builder.appendMapped(text.slice(item.textStart, item.textEnd), map, item.textStart);
        break;
    }
  }
}

/** Joins the lines of a paragraph as remark does: indentation and trailing white space dropped. */
function paragraphContent(chunkText: string, lines: Line[], firstLineSkip = 0): Content {
  let text = '';
  // At most every source character of the lines, plus one per hard break.
  const map = new Int32Array(lines.at(-1)!.end - lines[0]!.start + lines.length);
  let length = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const skip = index === 0 ? firstLineSkip : 0;
    const raw = skip ? line.text.slice(skip) : line.text;
    const lead = leadingBlanks(raw);
    const body = raw.slice(lead, Math.max(lead, raw.length - trailingBlanks(raw)));
    if (index > 0) {
      // A soft break keeps the source's line ending (CRLF, CR or LF); a hard break reads as "\n".
      const previous = lines[index - 1]!;
      const trailing = trailingBlanks(previous.text);
      if (previous.text.endsWith('  ')) {
        map[length++] = previous.end - trailing;
        text += '\n';
      } else if (chunkText.startsWith('\r\n', previous.end)) {
        map[length++] = previous.end;
        map[length++] = previous.end + 1;
        text += '\r\n';
      } else {
        map[length++] = previous.end;
        text += chunkText[previous.end];
      }
    }
    text += body;
    const offset = line.start + skip + lead;
    for (let k = 0; k < body.length; k++) map[length++] = offset + k;
  }
  return { text, map };
}

function isPlainLine(text: string): boolean {
  return leadingBlanks(text) < text.length && !BLOCK_START.test(text);
}

/** A paragraph block: its content appended as inline prose, closed by a block break. */
function appendParagraph(builder: ProseBuilder, kind: ProseBlockKind, content: Content, labels: Labels, breakAt: number): void {
  const start = builder.offset;
  appendInline(builder, content, labels);
  builder.endBlock(kind, start, breakAt);
}

function tableCells(line: Line): { start: number; end: number }[] {
  const cells: { start: number; end: number }[] = [];
  let text = line.text;
  let offset = 0;
  const lead = /^[ \t]*\|?/.exec(text)![0].length;
  const trail = /\|?[ \t]*$/.exec(text.slice(lead))![0].length;
  text = text.slice(lead, text.length - trail);
  offset = lead;
  let cellStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '|') {
      cells.push({ start: line.start + offset + cellStart, end: line.start + offset + i });
      cellStart = i + 1;
    }
  }
  return cells;
}

function appendTable(builder: ProseBuilder, chunk: string, lines: Line[], labels: Labels): void {
  if (/[`\\]/.test(chunk)) fail();
  const columns = tableCells(lines[1]!).length;
  if (tableCells(lines[0]!).length !== columns) fail();
  for (const [index, line] of lines.entries()) {
    if (index === 1) continue;
    if (index > 1 && BLOCK_START.test(line.text)) fail();
    for (const cell of tableCells(line)) {
      appendParagraph(builder, 'table-cell', trimmedContent(chunk.slice(cell.start, cell.end), cell.start), labels, cell.end);
    }
  }
}

/** Lists whose items are one paragraph each, nested or not. */
function appendList(builder: ProseBuilder, chunkText: string, lines: Line[], labels: Labels): void {
  let item: { lines: Line[]; skip: number } | undefined;
  let previous: { indent: number; contentColumn: number; ordered: boolean; delimiter: string } | undefined;
  const flush = () => {
    if (item) appendParagraph(builder, 'paragraph', paragraphContent(chunkText, item.lines, item.skip), labels, item.lines.at(-1)!.end);
  };
  for (const line of lines) {
    const marker = ITEM.exec(line.text);
    if (marker) {
      const indent = marker[1]!.length;
      const ordered = /\d/.test(marker[2]!);
      const delimiter = marker[2]!.slice(-1);
      if (previous && indent >= previous.contentColumn + 4) fail();
      // Only a list's first item may start at a number other than 1 where it could be a continuation.
      if (ordered && !marker[2]!.startsWith('1') && !(previous?.ordered && previous.delimiter === delimiter && previous.indent === indent)) fail();
      const skip = marker[0].length;
      if (BLOCK_START.test(line.text.slice(skip))) fail();
      flush();
      item = { lines: [line], skip };
      previous = { indent, contentColumn: skip, ordered, delimiter };
    } else if (item && isPlainLine(line.text.trimStart()) && !TABLE_DELIMITER.test(line.text)) {
      item.lines.push(line);
    } else {
      fail();
    }
  }
  flush();
}

function appendQuote(builder: ProseBuilder, chunkText: string, lines: Line[], labels: Labels): void {
  const inner: Line[] = lines.map((line) => {
    const marker = /^ {0,3}> ?/.exec(line.text);
    if (!marker || line.text.includes('\t')) fail();
    return { start: line.start + marker[0].length, end: line.end, text: line.text.slice(marker[0].length) };
  });
  if (!inner.every((line) => isPlainLine(line.text) && !TABLE_DELIMITER.test(line.text)) || /^ {4}/.test(inner[0]!.text)) fail();
  appendParagraph(builder, 'paragraph', paragraphContent(chunkText, inner), labels, lines.at(-1)!.end);
}

function appendFlow(builder: ProseBuilder, chunk: string, lines: Line[], labels: Labels, documentStart: boolean): void {
  const first = lines[0]!.text;
  if (documentStart && isFrontMatterFence(first)) {
    // Front matter: the chunker ends this chunk at the closing fence.
    if (lines.length < 2 || !isFrontMatterFence(lines.at(-1)!.text, first)) fail();
    return;
  }
  const close = closingFenceFor(first);
  if (close) {
    // Only code: the chunker ends a fenced chunk at its closing fence or at the end of the document.
    const closing = lines.findIndex((line, index) => index > 0 && close.test(line.text));
    if (closing >= 0 && closing !== lines.length - 1) fail();
    return;
  }
  if (/^ {0,3}<!--/.test(first)) {
    const comment = stickyMatch(HTML_COMMENT, chunk.trimStart(), 0);
    if (!comment || chunk.trim().length !== comment[0].length) fail();
    collectComments(builder, comment[0], chunk.length - chunk.trimStart().length);
    return;
  }
  if (lines.every((line) => linkDefinitionLabel(line.text) !== undefined)) return;
  const footnote = FOOTNOTE_DEFINITION.exec(first);
  if (footnote) {
    if (!lines.slice(1).every((line) => isPlainLine(line.text.trimStart()))) fail();
    if (!first.slice(footnote[0].length).trim() || BLOCK_START.test(first.slice(footnote[0].length))) fail();
    appendParagraph(builder, 'paragraph', paragraphContent(chunk, lines, footnote[0].length), labels, lines.at(-1)!.end);
    return;
  }
  if (ITEM.test(first)) return appendList(builder, chunk, lines, labels);
  if (/^ {0,3}>/.test(first)) return appendQuote(builder, chunk, lines, labels);
  if (lines.length >= 2 && TABLE_DELIMITER.test(lines[1]!.text) && lines[1]!.text.includes('-')) {
    // A delimiter row without a pipe underlines a setext heading instead: remark decides those.
    if (!lines[1]!.text.includes('|')) fail();
    return appendTable(builder, chunk, lines, labels);
  }
  // Headings and paragraphs, one after another.
  let paragraph: Line[] = [];
  const flush = () => {
    if (paragraph.length) appendParagraph(builder, 'paragraph', paragraphContent(chunk, paragraph), labels, paragraph.at(-1)!.end);
    paragraph = [];
  };
  for (const [index, line] of lines.entries()) {
    const heading = ATX_HEADING.exec(line.text);
    if (heading) {
      flush();
      const body = line.text.slice(heading[0].length).replace(/(?:^|[ \t]+)#+[ \t]*$/, '');
      appendParagraph(builder, 'heading', trimmedContent(body, line.start + heading[0].length), labels, line.end);
      continue;
    }
    const next = lines[index + 1];
    if (!isPlainLine(line.text) || (paragraph.length === 0 && /^ {4}|^\t/.test(line.text)) || /^ {0,3}\|/.test(line.text)) fail();
    if (next && (TABLE_DELIMITER.test(next.text) || /^ {0,3}(?:=+|-+)[ \t]*$/.test(next.text))) fail();
    paragraph.push(line);
  }
  flush();
}

/** `documentStart`: the chunk opens the document, where `---` starts front matter. */
export function fastChunkProse(chunk: string, labels: Labels, documentStart = false): ChunkProse | undefined {
  const lines = splitLines(chunk);
  if (lines.some((line) => leadingBlanks(line.text) === line.text.length)) return undefined;
  const builder = new ProseBuilder(chunk);
  try {
    appendFlow(builder, chunk, lines, labels, documentStart);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return builder.finish();
}

/**
 * Labels a chunk defines when it is a list of link definitions or one plain footnote definition
 * (the usual reference list); undefined when only a parser can tell.
 */
export function definitionLabels(chunk: string): { links: string[]; footnotes: string[] } | undefined {
  const lines = splitLines(chunk);
  const footnote = FOOTNOTE_DEFINITION.exec(lines[0]!.text);
  if (footnote) {
    return lines.slice(1).every((line) => isPlainLine(line.text.trimStart())) ? { links: [], footnotes: [normalizeLabel(footnote[1]!)] } : undefined;
  }
  const links: string[] = [];
  for (const line of lines) {
    const label = linkDefinitionLabel(line.text);
    if (label === undefined) return undefined;
    links.push(normalizeLabel(label));
  }
  return { links, footnotes: [] };
}
