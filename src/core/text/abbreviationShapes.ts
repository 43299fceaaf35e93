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
  // One pass over the characters: a block's capitals and lower-case letters (does it shout?), and the
  // runs of word characters that hold two capitals or more, the only ones worth reading as words.
  let blockStart = 0;
  let capitals = 0;
  let lower = 0;
  let runStart = -1;
  let runCapitals = 0;
  let runs: number[] = [];
  for (let at = 0; at <= text.length; at++) {
    const code = at < text.length ? text.charCodeAt(at) : BLOCK_BREAK_CODE;
    const kind = code === BLOCK_BREAK_CODE ? SEPARATOR : classify(code, text, at);
    if (kind === SEPARATOR) {
      if (runStart >= 0 && runCapitals >= 2) runs.push(runStart, at);
      runStart = -1;
      runCapitals = 0;
      // Two thirds or more of a block's letters in capitals: the block shouts, as a heading or notice does.
      if (code === BLOCK_BREAK_CODE) {
        if (runs.length > 0 && !(capitals >= 12 && capitals >= 2 * lower)) shapesInRuns(text, blockStart, runs, spans);
        blockStart = at + 1;
        capitals = lower = 0;
        runs = [];
      }
      continue;
    }
    if (runStart < 0) runStart = at;
    if (kind === CAPITAL) {
      capitals++;
      runCapitals++;
    } else if (kind === LOWER_CASE) lower++;
  }
  return spans;
}

const BLOCK_BREAK_CODE = BLOCK_BREAK.charCodeAt(0);
const SEPARATOR = 0;
const CAPITAL = 1;
const LOWER_CASE = 2;
const OTHER_WORD = 3;
// Characters that may join a word's parts: & ' ’ + / - ‐.
const JOINERS = new Set([38, 39, 0x2019, 43, 47, 45, 0x2010]);

function classify(code: number, text: string, at: number): number {
  if (code >= 65 && code <= 90) return CAPITAL;
  if (code >= 97 && code <= 122) return LOWER_CASE;
  if ((code >= 48 && code <= 57) || JOINERS.has(code)) return OTHER_WORD;
  if (code < 128) return SEPARATOR;
  const char = text[at]!;
  if (CAPITAL_LETTER.test(char)) return CAPITAL;
  if (LOWER_CASE_LETTER.test(char)) return LOWER_CASE;
  return /[\p{L}\p{N}]/u.test(char) ? OTHER_WORD : SEPARATOR;
}

// A word joined by hyphens, ampersands or apostrophes, with a trailing + (CD8+).
// A slash joins only a single capital ("HCT/P", "HCT/Ps"): "BRAF/MEK" and "HER2/neu" are two words.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}&'\u2019+]|[-\u2010](?=[\p{L}\p{N}])|\/(?=\p{Lu}s?(?![\p{L}\p{N}])))*/gu;
const CAPITAL_LETTER = /\p{Lu}/u;
const LOWER_CASE_LETTER = /\p{Ll}/u;
const HYPHEN = /[-\u2010]/;
// Splits a word after each hyphen, which stays with the part before it.
const AFTER_HYPHEN = /(?<=[-\u2010])/u;
// A word of its own at either end of a compound: "HER2-positive", "Anti-PD-1", "T-DM1-plus-placebo".
const PLAIN_WORD = /^(?:\p{Lu}?\p{Ll}{2,}|\p{Ll}+|\d+\p{Ll}+)$/u;
// Three digits in a row, or digits on both sides of a hyphen: a code (NCT01234567, MK-3475-054, DT-06-01).
const IDENTIFIER = /\d{3}|\d[-\u2010]\d/;
const PROTEIN_CHANGE = /^\p{Lu}\d+\p{Lu}$/u;
const ROMAN = /^[IVXL]+[A-D]?$/;
// Words that number what follows them: "phase IV", "stage IV", "class II".
const NUMBERING = /(?:phase|stage|grade|class|type|part|level|tier|section|chapter|title|article|appendix|schedule|category|cycle|arm|cohort|study|trial|group|[-\u2010\u2013])\s*$/i;

/** The abbreviations among a block's runs of word characters (start, end pairs) that hold two capitals or more. */
function shapesInRuns(text: string, blockStart: number, runs: readonly number[], spans: number[]): void {
  // Roman numerals stay candidates until runs of capitals are found: "VIA FEDEX" is a phrase, not "FEDEX".
  const candidates: { start: number; end: number; capitalsOnly: boolean; roman: boolean }[] = [];
  for (let index = 0; index < runs.length; index += 2) {
    const runStart = runs[index]!;
    const run = text.slice(runStart, runs[index + 1]!);
    WORD.lastIndex = 0;
    for (let word = WORD.exec(run); word; word = WORD.exec(run)) {
      const core = abbreviationCore(word[0]);
      if (!core) continue;
      const wordStart = runStart + word.index;
      const from = wordStart + core.offset;
      if (isPronunciation(text, wordStart, word[0])) continue;
      const roman = ROMAN.test(core.text) && (core.text !== 'IV' || NUMBERING.test(text.slice(Math.max(blockStart, from - 12), from)));
      candidates.push({ start: from, end: from + core.text.length, capitalsOnly: /^\p{Lu}{2,}$/u.test(core.text), roman });
    }
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
  const parts = HYPHEN.test(word) ? word.split(AFTER_HYPHEN) : [word];
  let first = 0;
  let last = parts.length - 1;
  while (first <= last && PLAIN_WORD.test(withoutJoiningHyphen(parts[first]!))) first++;
  while (last >= first && PLAIN_WORD.test(withoutJoiningHyphen(parts[last]!))) last--;
  if (first > last) return undefined;
  let offset = 0;
  for (let part = 0; part < first; part++) offset += parts[part]!.length;
  // A subscript range belongs to the unit after it: "AUC0-21days" abbreviates AUC.
  if (last < parts.length - 1 && /^\d/.test(parts[last + 1]!)) parts[last] = parts[last]!.replace(/(?<=\p{Lu}{2})\d+(?=[-\u2010]$)/u, '');
  let text = withoutJoiningHyphen(first === last ? parts[first]! : parts.slice(first, last + 1).join(''));
  let singular = text;
  if (text.endsWith('s')) {
    // A possessive, or a plural written with an apostrophe (FDA's, irAE's), follows the abbreviation.
    text = text.replace(/['\u2019]s$/u, '');
    // A plural (irAEs, CAR-Ts, irAE's) counts its letters without the s.
    singular = text.replace(/(?<=\p{Lu}\d*)s$/u, '');
  }
  if (!hasAbbreviationCase(singular)) return undefined;
  if (IDENTIFIER.test(text) || PROTEIN_CHANGE.test(text)) return undefined;
  return { text, offset };
}

/** `part` without the hyphen that joins it to the next part of its word. */
function withoutJoiningHyphen(part: string): string {
  const last = part.charCodeAt(part.length - 1);
  return last === 45 || last === 0x2010 ? part.slice(0, -1) : part;
}

/** Two capitals or more, and no more lower-case letters than capitals: counted without a list of matches per word. */
function hasAbbreviationCase(text: string): boolean {
  let capitals = 0;
  let lower = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 65 && code <= 90) capitals++;
    else if (code >= 97 && code <= 122) lower++;
    else if (code >= 128) {
      const char = String.fromCodePoint(text.codePointAt(at)!);
      at += char.length - 1;
      if (CAPITAL_LETTER.test(char)) capitals++;
      else if (LOWER_CASE_LETTER.test(char)) lower++;
    }
  }
  return capitals >= 2 && lower <= capitals;
}

/** "(op-DEE-voh)", "pronounced KIM-RYE-AH": three or more syllables of letters, in parentheses or after "pronounced". */
function isPronunciation(text: string, start: number, word: string): boolean {
  if (!/^\p{L}+(?:-\p{L}+){2,}$/u.test(word)) return false;
  return (text[start - 1] === '(' && text[start + word.length] === ')') || /pronounced\s+$/i.test(text.slice(Math.max(0, start - 12), start));
}
