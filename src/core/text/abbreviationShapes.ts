import { BLOCK_BREAK } from '../markdown/prose';

/**
 * The spans of prose written as abbreviations are: a word with two or more capitals and no more
 * lower-case letters than capitals (ITT, QoL, HbA1c, irAEs, IFN-γ, CD8+, IL-6R, FD&C), found by
 * shape rather than from a list, as a journal editor reads. Context-free: whether the reader needs
 * it defined (a gene, a well-known abbreviation, a heading) is the abbreviation index's question.
 *
 * Not abbreviations, though shaped like them: words of a block written in capitals (a letter's
 * "RETURN RECEIPT REQUESTED", a label's "WARNINGS AND PRECAUTIONS") and runs of capitalised words,
 * identifiers with three or more digits in a row (NCT01234567, MK-3475-054), protein changes
 * (G12D, V600E), roman numerals (phase III, stage IIIB; "IV" only after a word that numbers), and
 * pronunciations in parentheses ("(op-DEE-voh)").
 */
export function abbreviationShapes(text: string): number[] {
  const spans: number[] = [];
  let blockStart = 0;
  while (blockStart <= text.length) {
    let blockEnd = text.indexOf(BLOCK_BREAK, blockStart);
    if (blockEnd < 0) blockEnd = text.length;
    if (!shouted(text, blockStart, blockEnd)) shapesInBlock(text, blockStart, blockEnd, spans);
    blockStart = blockEnd + 1;
  }
  return spans;
}

// A word joined by hyphens, ampersands or apostrophes, with a trailing + (CD8+); no slashes (BRAF/MEK is two).
// A slash joins only a single capital ("HCT/P", "HCT/Ps"): "BRAF/MEK" and "HER2/neu" are two words.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}&'\u2019+]|[-\u2010](?=[\p{L}\p{N}])|\/(?=\p{Lu}s?(?![\p{L}\p{N}])))*/gu;
const CAPITALS = /\p{Lu}/gu;
const LOWER = /\p{Ll}/gu;
// A word of its own at either end of a compound: "HER2-positive", "Anti-PD-1", "T-DM1-plus-placebo".
const PLAIN_WORD = /^(?:\p{Lu}?\p{Ll}{2,}|\p{Ll}+|\d+\p{Ll}+)$/u;
// Three digits in a row, or digits on both sides of a hyphen: a code (NCT01234567, MK-3475-054, DT-06-01).
const IDENTIFIER = /\d{3}|\d[-\u2010]\d/;
const PROTEIN_CHANGE = /^\p{Lu}\d+\p{Lu}$/u;
const ROMAN = /^[IVXL]+[A-D]?$/;
// Words that number what follows them: "phase IV", "stage IV", "class II".
const NUMBERING = /(?:phase|stage|grade|class|type|part|level|tier|section|chapter|title|article|appendix|schedule|category|cycle|arm|cohort|study|trial|group|[-\u2010\u2013])\s*$/i;

function count(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}

/** Two thirds or more of a block's letters are capitals: the block shouts, as a heading or notice does. */
function shouted(text: string, start: number, end: number): boolean {
  const block = text.slice(start, end);
  const capitals = count(CAPITALS, block);
  return capitals >= 12 && capitals >= 2 * count(LOWER, block);
}

function shapesInBlock(text: string, start: number, end: number, spans: number[]): void {
  const block = text.slice(start, end);
  // Roman numerals stay candidates until runs of capitals are found: "VIA FEDEX" is a phrase, not "FEDEX".
  const candidates: { start: number; end: number; capitalsOnly: boolean; roman: boolean }[] = [];
  WORD.lastIndex = 0;
  for (let word = WORD.exec(block); word; word = WORD.exec(block)) {
    const core = abbreviationCore(word[0]);
    if (!core) continue;
    const from = start + word.index + core.offset;
    if (isPronunciation(text, start + word.index, word[0])) continue;
    const roman = ROMAN.test(core.text) && (core.text !== 'IV' || NUMBERING.test(text.slice(Math.max(start, from - 12), from)));
    candidates.push({ start: from, end: from + core.text.length, capitalsOnly: /^\p{Lu}{2,}$/u.test(core.text), roman });
  }
  // Three or more words in capitals in a row, or two when one is long: a phrase in capitals
  // ("WARNING: SERIOUS INFECTIONS", "BOXED WARNING"), not abbreviations.
  for (let index = 0; index < candidates.length; ) {
    let last = index;
    while (last + 1 < candidates.length && candidates[last]!.capitalsOnly && candidates[last + 1]!.capitalsOnly && /^[\s:,&-]+$/.test(text.slice(candidates[last]!.end, candidates[last + 1]!.start))) last++;
    const run = candidates.slice(index, last + 1);
    const phrase = run.length >= 3 || (run.length === 2 && run.some((word) => word.end - word.start >= 5));
    if (!phrase) for (const word of run) if (!word.roman) spans.push(word.start, word.end);
    index = last + 1;
  }
}

/** The part of a word shaped like an abbreviation, without the words a hyphen joins to it. */
function abbreviationCore(word: string): { text: string; offset: number } | undefined {
  const parts = word.split(/(?<=[-\u2010])/u);
  let first = 0;
  let last = parts.length - 1;
  const bare = (part: string) => part.replace(/[-\u2010]$/u, '');
  while (first <= last && PLAIN_WORD.test(bare(parts[first]!))) first++;
  while (last >= first && PLAIN_WORD.test(bare(parts[last]!))) last--;
  if (first > last) return undefined;
  const offset = parts.slice(0, first).join('').length;
  // A subscript range belongs to the unit after it: "AUC0-21days" abbreviates AUC.
  if (last < parts.length - 1 && /^\d/.test(parts[last + 1]!)) parts[last] = parts[last]!.replace(/(?<=\p{Lu}{2})\d+(?=[-\u2010]$)/u, '');
  // A possessive, or a plural written with an apostrophe (FDA's, irAE's), follows the abbreviation.
  const text = bare(parts.slice(first, last + 1).join('')).replace(/['\u2019]s$/u, '');
  // A plural (irAEs, CAR-Ts, irAE's) counts its letters without the s.
  const singular = text.replace(/(?<=\p{Lu}\d*)s$/u, '');
  if (count(CAPITALS, singular) < 2 || count(LOWER, singular) > count(CAPITALS, singular)) return undefined;
  if (IDENTIFIER.test(text) || PROTEIN_CHANGE.test(text)) return undefined;
  return { text, offset };
}

/** "(op-DEE-voh)", "pronounced KIM-RYE-AH": three or more syllables of letters, in parentheses or after "pronounced". */
function isPronunciation(text: string, start: number, word: string): boolean {
  const marked = (text[start - 1] === '(' && text[start + word.length] === ')') || /pronounced\s+$/i.test(text.slice(Math.max(0, start - 12), start));
  return marked && /^\p{L}+(?:-\p{L}+){2,}$/u.test(word);
}
