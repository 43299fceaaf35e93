import { partitionPoint } from './spans';

/** Words of the prose: maximal runs of letters, digits and combining marks. */
export interface Tokens {
  text: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Lower-cased token strings, the matcher's keys. */
  lower: string[];
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
// Whether each BMP character is a word character: 0 not yet known, 1 yes, 2 no.
const wordCharacterTable = new Uint8Array(65536);

/** Length of the word character at `at` (2 for a surrogate pair), or 0. */
function wordLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? 1 : 0;
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) return WORD_CHARACTER.test(text.slice(at, at + 2)) ? 2 : 0;
  let known = wordCharacterTable[code]!;
  if (known === 0) wordCharacterTable[code] = known = WORD_CHARACTER.test(text[at]!) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

export function tokenize(text: string): Tokens {
  let capacity = Math.max(16, text.length >> 2);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  const lower: string[] = [];
  // Lower-case the whole text once; a few characters change length when lower-cased, and then
  // each word is lower-cased on its own.
  const lowered = text.toLowerCase();
  const aligned = lowered.length === text.length;
  let count = 0;
  let i = 0;
  while (i < text.length) {
    let step = wordLength(text, i);
    if (step === 0) {
      i += 1;
      continue;
    }
    const start = i;
    while (step > 0) {
      i += step;
      step = i < text.length ? wordLength(text, i) : 0;
    }
    if (count === capacity) {
      capacity *= 2;
      const grownStarts = new Int32Array(capacity);
      const grownEnds = new Int32Array(capacity);
      grownStarts.set(starts);
      grownEnds.set(ends);
      starts = grownStarts;
      ends = grownEnds;
    }
    starts[count] = start;
    ends[count] = i;
    lower.push(aligned ? lowered.slice(start, i) : text.slice(start, i).toLowerCase());
    count++;
  }
  return { text, count, starts, ends, lower };
}

/** Index of the first token that ends after `offset` (tokens.count when none). */
export function tokenIndexAfter(tokens: Tokens, offset: number): number {
  return partitionPoint(tokens.count, (index) => tokens.ends[index]! <= offset);
}

/**
 * Separators compared by kind: any run of white space is one space, every hyphen is `-`, every
 * dash is `–`, every apostrophe is `'`. Anything else (a slash, a placeholder for code, a block
 * break) stays itself.
 */
export function canonicalGap(gap: string): string {
  if (gap === ' ' || gap === '-') return gap;
  return gap.replace(/[ \t\r\n\u00a0\u2000-\u200b\u202f]+/g, ' ').replace(/[\u2010\u2011]/g, '-').replace(/\u2014/g, '–').replace(/[\u2018\u2019]/g, "'");
}
