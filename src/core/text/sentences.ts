import { BLOCK_BREAK } from '../markdown/prose';
import { spanAt, type Span } from './spans';

/** Prose offsets, end exclusive. */
export type Sentence = Span;

// Words after which a full stop does not end a sentence.
const NON_TERMINAL = new Set([
  'al', 'e.g', 'i.e', 'eg', 'ie', 'vs', 'etc', 'fig', 'figs', 'ref', 'refs', 'dr', 'prof', 'no', 'nos', 'approx', 'ca', 'cf', 'vol', 'pp', 'p', 'mr', 'mrs', 'ms', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'resp', 'incl', 'max', 'min',
]);

// After the terminal punctuation: closing quotes or brackets, then citations the sentence owns
// ("shown.[1]", "shown. [1]", "shown.<sup>2</sup>", "shown.[^n]"), then white space.
const SENTENCE_TAIL = /^[)"'\]\u2019\u201d]*(?:[ \t]?\[[^\]\u2029]{1,40}\]|[ \t]?\uFFFC[^\uFFFC\u2029\s]{0,20}\uFFFC|\uFFFC)*/;

/** Whether the code unit at `at` is a letter or a full stop: part of an abbreviation like `e.g`. */
function isAbbreviationCharacter(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return code === 46 || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return /\p{L}/u.test(text[at]!);
}

function endsWithAbbreviation(text: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && dot - start < 12 && isAbbreviationCharacter(text, start - 1)) start--;
  if (start === dot) return false;
  const word = text.slice(start, dot);
  // A single capital before a full stop is an initial ("J. Smith").
  return NON_TERMINAL.has(word.toLowerCase()) || (word.length === 1 && word !== word.toLowerCase());
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x202f || code === 0x3000;
}

const TERMINAL = /[.!?\u2029]/g;

/** Splits prose into sentences. Blocks always end a sentence; soft line breaks never do. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    while (s < end && isSpace(text.charCodeAt(s))) s++;
    if (end > s) sentences.push({ start: s, end });
  };
  TERMINAL.lastIndex = 0;
  for (let found = TERMINAL.exec(text); found; found = TERMINAL.exec(text)) {
    const i = found.index;
    if (i < start) continue;
    if (found[0] === BLOCK_BREAK) {
      push(i);
      start = i + 1;
      continue;
    }
    if (found[0] === '.' && endsWithAbbreviation(text, i)) continue;
    const tail = SENTENCE_TAIL.exec(text.slice(i + 1, i + 64))![0];
    const after = i + 1 + tail.length;
    const next = text.charCodeAt(after);
    if (after < text.length && text[after] !== BLOCK_BREAK && !isSpace(next)) continue;
    let k = after;
    while (k < text.length && isSpace(text.charCodeAt(k)) && text[k] !== BLOCK_BREAK) k++;
    const following = text[k];
    if (following !== undefined && following !== BLOCK_BREAK && /\p{Ll}/u.test(following)) continue;
    push(after);
    start = after;
    TERMINAL.lastIndex = after;
  }
  push(text.length);
  return sentences;
}

/** The sentence containing prose offset `offset`. */
export function sentenceAt(sentences: Sentence[], offset: number): Sentence | undefined {
  return spanAt(sentences, offset);
}
