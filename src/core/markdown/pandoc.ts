import { partitionPoint } from '../text/spans';
import { stickyMatch } from '../text/sticky';
import { BLOCK_BREAK, PLACEHOLDER, type ChunkProse } from './prose';

/**
 * Pandoc's Markdown, as Quarto and R Markdown write it, read on top of CommonMark: remark knows none
 * of it, so its constructs reach the prose as text. Fenced div lines are blanked in the source before
 * the parse (they separate blocks, as in Pandoc); citations, cross-references, shortcodes, attributes
 * and inline notes are then taken out of the prose, citations marked as such.
 */

/** A Pandoc citation or cross-reference: its key (without `@`), in chunk-relative source offsets. */
export interface PandocReference {
  kind: 'citation' | 'crossref';
  key: string;
  start: number;
  end: number;
}

/** An element's cross-reference label (`{#fig-km}`, `#| label: tbl-ae`), in chunk-relative source offsets. */
export interface PandocLabel {
  label: string;
  start: number;
  end: number;
}

// Quarto's cross-reference types: `@fig-km` refers to an element, not to a bibliography entry.
const CROSSREF_TYPES = 'fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg';
const CROSSREF = new RegExp(`^(?:${CROSSREF_TYPES})-`);

export function isCrossrefKey(key: string): boolean {
  return CROSSREF.test(key);
}

// `::: {.callout-note}`, `::: warning`, `:::: {#fig-km layout-ncol=2}`, a closing `:::`.
const DIV_FENCE = /^ {0,3}:{3,}[ \t]*(?:\{[^{}\r\n]*\}|[\w-]+)?[ \t]*:*[ \t]*$/gm;

/** The chunk with Pandoc's fenced div lines turned to spaces: same length, so every offset holds. */
export function maskDivFences(text: string): string {
  if (!text.includes(':::')) return text;
  return text.replace(DIV_FENCE, (fence) => ' '.repeat(fence.length));
}

// Where a label is given: in an attribute (`{#fig-km}`, `::: {#tbl-ae}`), a chunk option
// (`#| label: fig-km`, `label="fig-km"`) or an R Markdown chunk header (```{r fig-km}).
const LABEL = new RegExp(
  `\\{[^{}\\r\\n]*?#((?:${CROSSREF_TYPES})-[\\w:.-]*\\w)|\\blabel\\s*[:=]\\s*["']?((?:${CROSSREF_TYPES})-[\\w:.-]*\\w)|^ {0,3}(?:\`{3,}|~{3,})\\{[A-Za-z]+[ ,]+((?:${CROSSREF_TYPES})-[\\w:.-]*\\w)`,
  'gm',
);

/** The cross-reference labels a chunk's source gives its elements (code chunks included). */
export function crossrefLabels(text: string): PandocLabel[] {
  if (!text.includes('{') && !text.includes('#|')) return [];
  const labels: PandocLabel[] = [];
  for (const match of text.matchAll(LABEL)) {
    const label = (match[1] ?? match[2] ?? match[3])!;
    const start = match.index + match[0].lastIndexOf(label);
    labels.push({ label, start, end: start + label.length });
  }
  return labels;
}

/** A prose range to replace: with a placeholder (a citation or a shortcode) or with nothing (an attribute). */
interface Replacement {
  start: number;
  end: number;
  placeholder: boolean;
  citation: boolean;
}

// A citation key: a letter, digit or _ first, then internal punctuation is allowed (`doi:10.1/x`,
// `pmid:123`), trailing punctuation is not (Pandoc's rule); or any key in braces, `@{…}`.
const KEY = /@(?:\{([^{}\s]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))/uy;
const SHORTCODE = /\{\{<[\s\S]*?>\}\}|\{\{%[\s\S]*?%\}\}/y;
const ATTRIBUTES = /[ \t]*\{(?:[#.=]|[\w-]+=)[^{}\r\n\u2029]*\}/y;
// A superscript reference number, as Pandoc writes it: `^1^`, `^2,3^`, `^4-6^`.
const SUPERSCRIPT_NUMBER = /\^\d+(?:[-\u2013,]\d+)*\^/y;

function isWordCharacter(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}_]/u.test(char);
}

interface Scan {
  prose: ChunkProse;
  source: string;
  replacements: Replacement[];
  references: PandocReference[];
}

/** The source offset of prose offset `at` (the chunk's prose map). */
function sourceAt(scan: Scan, at: number): number {
  return scan.prose.map[at]!;
}

function escaped(scan: Scan, at: number): boolean {
  return scan.source[sourceAt(scan, at) - 1] === '\\';
}

/** The key at `at` (an `@`), pushed as a reference; the prose offset past it, or -1. */
function readKey(scan: Scan, at: number): number {
  const match = stickyMatch(KEY, scan.prose.text, at);
  if (!match) return -1;
  const key = match[1] ?? match[2]!;
  const keyStart = at + (match[1] === undefined ? 1 : 2);
  const start = sourceAt(scan, keyStart);
  const end = sourceAt(scan, keyStart + key.length - 1) + 1;
  // A key that crosses markup (`@smith*2020*`) is not one Pandoc reads.
  if (end - start !== key.length) return -1;
  scan.references.push({ kind: isCrossrefKey(key) ? 'crossref' : 'citation', key, start, end });
  return KEY.lastIndex;
}

/** A bracketed citation at `open` (`[@a; see @b, p. 4]`, `[-@a]`): the offset past its `]`, or -1. */
function readBracketed(scan: Scan, open: number): number {
  const text = scan.prose.text;
  let close = -1;
  for (let at = open + 1; at < text.length && at - open < 1000; at++) {
    const char = text[at];
    if (char === ']') {
      close = at;
      break;
    }
    if (char === '[' || char === BLOCK_BREAK) return -1;
  }
  if (close < 0) return -1;
  const before = scan.references.length;
  for (let at = open + 1; at < close; at++) {
    if (text[at] !== '@' || isWordCharacter(text[at - 1]) || escaped(scan, at)) continue;
    const past = readKey(scan, at);
    if (past > 0) at = past - 1;
  }
  if (scan.references.length === before) return -1;
  const citation = scan.references.slice(before).some((reference) => reference.kind === 'citation');
  scan.replacements.push({ start: open, end: close + 1, placeholder: true, citation });
  return close + 1;
}

function scanProse(scan: Scan): void {
  const text = scan.prose.text;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '[' && text[at + 1] !== '^' && !escaped(scan, at)) {
      const past = readBracketed(scan, at);
      if (past > 0) at = past - 1;
    } else if (char === '@' && !isWordCharacter(text[at - 1]) && !escaped(scan, at)) {
      const before = scan.references.length;
      const past = readKey(scan, at);
      if (past < 0) continue;
      const reference = scan.references[before]!;
      // `@smith2020 [p. 33]`: the locator belongs to the citation.
      const locator = reference.kind === 'citation' ? /^ \[[^\][\u2029]{1,60}\]/.exec(text.slice(past, past + 64)) : null;
      const end = past + (locator?.[0].length ?? 0);
      scan.replacements.push({ start: at, end, placeholder: true, citation: reference.kind === 'citation' });
      at = end - 1;
    } else if (char === '^' && text[at + 1] === '[' && !escaped(scan, at)) {
      // An inline note, `^[…]`, brackets nested inside it included.
      let depth = 0;
      let end = -1;
      for (let inner = at + 1; inner < text.length && text[inner] !== BLOCK_BREAK; inner++) {
        if (text[inner] === '[') depth++;
        else if (text[inner] === ']' && --depth === 0) {
          end = inner + 1;
          break;
        }
      }
      if (end < 0) continue;
      scan.replacements.push({ start: at, end, placeholder: true, citation: true });
      at = end - 1;
    } else if (char === '^' && !isDigitBefore(text, at)) {
      SUPERSCRIPT_NUMBER.lastIndex = at;
      if (!SUPERSCRIPT_NUMBER.test(text) || isUnitExponent(text, at)) continue;
      // The numbers stay, between placeholders, as `<sup>1,2</sup>` reads: reference-order counts them.
      const closing = SUPERSCRIPT_NUMBER.lastIndex - 1;
      scan.replacements.push({ start: at, end: at + 1, placeholder: true, citation: true });
      scan.replacements.push({ start: closing, end: closing + 1, placeholder: true, citation: false });
      at = closing;
    } else if (char === '{' && text[at + 1] === '{') {
      SHORTCODE.lastIndex = at;
      if (!SHORTCODE.test(text)) continue;
      scan.replacements.push({ start: at, end: SHORTCODE.lastIndex, placeholder: true, citation: false });
      at = SHORTCODE.lastIndex - 1;
    } else if ((char === '{' || ((char === ' ' || char === '\t') && text[at + 1] === '{')) && !escaped(scan, at)) {
      ATTRIBUTES.lastIndex = at;
      if (!ATTRIBUTES.test(text)) continue;
      scan.replacements.push({ start: at, end: ATTRIBUTES.lastIndex, placeholder: false, citation: false });
      at = ATTRIBUTES.lastIndex - 1;
    }
  }
}

function isDigitBefore(text: string, at: number): boolean {
  const code = text.charCodeAt(at - 1);
  return code >= 48 && code <= 57;
}

/** `m^2^`, `cm^3^`: a unit's exponent, not a reference number. */
function isUnitExponent(text: string, at: number): boolean {
  return /(?:^|[^\p{L}])(?:[mkcµ\u03bcd]?m|[mk]?g|s|L)$/u.test(text.slice(Math.max(0, at - 4), at)) && /^\^[23]\^/.test(text.slice(at, at + 3));
}

/** The prose with the replacements made; blocks and citations keep their places. */
function rewrite(prose: ChunkProse, replacements: Replacement[]): ChunkProse {
  const parts: string[] = [];
  const map = new Int32Array(prose.text.length);
  let length = 0;
  let from = 0;
  // Where each old offset lands: what precedes a replacement keeps its place, what follows shifts.
  const shifts: { at: number; by: number }[] = [];
  const citations: number[] = [];
  const keep = (end: number) => {
    parts.push(prose.text.slice(from, end));
    map.set(prose.map.subarray(from, end), length);
    length += end - from;
  };
  for (const replacement of replacements) {
    keep(replacement.start);
    if (replacement.citation) citations.push(length);
    if (replacement.placeholder) {
      parts.push(PLACEHOLDER);
      map[length++] = prose.map[replacement.start]!;
    }
    from = replacement.end;
    shifts.push({ at: replacement.end, by: length - replacement.end });
  }
  keep(prose.text.length);
  // The last shift at or before the offset applies; a binary search keeps a paragraph of many citations linear.
  const moved = (offset: number) => {
    const index = partitionPoint(shifts.length, (at) => shifts[at]!.at <= offset) - 1;
    return offset + (index < 0 ? 0 : shifts[index]!.by);
  };
  for (const citation of prose.citations) citations.push(moved(citation));
  return {
    ...prose,
    text: parts.join(''),
    map: map.subarray(0, length),
    blocks: prose.blocks.map((block) => ({ kind: block.kind, start: moved(block.start), end: moved(block.end) })),
    citations: citations.sort((a, b) => a - b),
  };
}

/**
 * The chunk's prose with Pandoc's inline constructs taken out, and the citations and
 * cross-references it makes; `source` is the chunk's text.
 */
export function readPandocInlines(prose: ChunkProse, source: string): { prose: ChunkProse; references: PandocReference[] } {
  const text = prose.text;
  if (!text.includes('@') && !text.includes('{') && !text.includes('^')) return { prose, references: [] };
  const scan: Scan = { prose, source, replacements: [], references: [] };
  scanProse(scan);
  if (scan.replacements.length === 0) return { prose, references: scan.references };
  return { prose: rewrite(prose, scan.replacements), references: scan.references };
}
