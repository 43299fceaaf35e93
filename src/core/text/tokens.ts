import { grownInt32 } from '../collections';
import { partitionPoint } from './spans';

/** Words of the prose: maximal runs of letters, digits and combining marks. */
export interface Tokens {
  text: string;
  /** `text` lower-cased with its offsets kept, so a token's lower case is at its own offsets. */
  lowerText: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** A hash of each token's lower case: the matcher's keys, so matching makes no string per token. */
  keys: Int32Array;
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
// Whether each BMP character is a word character: 0 not yet known, 1 yes, 2 no. ASCII is filled in.
const wordCharacterTable = new Uint8Array(65536);
for (let code = 0; code < 128; code++) wordCharacterTable[code] = /[A-Za-z0-9]/.test(String.fromCharCode(code)) ? 1 : 2;

/** Length of the word character at `at` (2 for a surrogate pair), or 0. */
function wordLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  let known = wordCharacterTable[code]!;
  if (known === 1) return 1;
  if (known === 2) return 0;
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) return WORD_CHARACTER.test(text.slice(at, at + 2)) ? 2 : 0;
  wordCharacterTable[code] = known = WORD_CHARACTER.test(text[at]!) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/**
 * Lower case with offsets kept. A few characters grow when lower-cased (`İ` becomes `i̇`); those
 * stay as written, which no term of a medical corpus depends on.
 */
export function lowerCaseInPlace(text: string): string {
  const lowered = text.toLowerCase();
  if (lowered.length === text.length) return lowered;
  // Lower-cased in runs between those characters, so that context (a Greek final sigma) still applies.
  let kept = '';
  let run = '';
  for (const character of text) {
    if (character.toLowerCase().length === character.length) {
      run += character;
    } else {
      kept += run.toLowerCase() + character;
      run = '';
    }
  }
  return kept + run.toLowerCase();
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Kept to 30 bits, so that V8 stores a key as a small integer.
const KEY_MASK = 0x3fffffff;

/** The key of a lower-cased word, as `tokenize` computes it for a token: FNV-1a over its UTF-16 code units. */
export function wordKey(lowerWord: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < lowerWord.length; i++) hash = Math.imul(hash ^ lowerWord.charCodeAt(i), FNV_PRIME);
  return hash & KEY_MASK;
}

export function tokenize(text: string): Tokens {
  let capacity = Math.max(16, text.length >> 2);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let keys = new Int32Array(capacity);
  const lowerText = lowerCaseInPlace(text);
  const length = text.length;
  let count = 0;
  let i = 0;
  while (i < length) {
    let step = wordLength(text, i);
    if (step === 0) {
      i++;
      continue;
    }
    const start = i;
    let hash = FNV_OFFSET;
    do {
      for (const end = i + step; i < end; i++) hash = Math.imul(hash ^ lowerText.charCodeAt(i), FNV_PRIME);
      step = i < length ? wordLength(text, i) : 0;
    } while (step > 0);
    if (count === capacity) {
      capacity *= 2;
      starts = grownInt32(starts, capacity);
      ends = grownInt32(ends, capacity);
      keys = grownInt32(keys, capacity);
    }
    starts[count] = start;
    ends[count] = i;
    keys[count] = hash & KEY_MASK;
    count++;
  }
  return { text, lowerText, count, starts, ends, keys };
}

/** The lower case of token `index`. */
export function wordAt(tokens: Tokens, index: number): string {
  return tokens.lowerText.slice(tokens.starts[index], tokens.ends[index]);
}

/** Whether token `index` is `lowerWord`, without making a string. */
export function tokenIs(tokens: Tokens, index: number, lowerWord: string): boolean {
  const start = tokens.starts[index]!;
  return tokens.ends[index]! - start === lowerWord.length && tokens.lowerText.startsWith(lowerWord, start);
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
