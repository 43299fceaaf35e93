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

function endsWithAbbreviation(text: string, dot: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 12), dot));
  if (!before) return false;
  const word = before[1]!.toLowerCase();
  // A single capital before a full stop is an initial ("J. Smith").
  return NON_TERMINAL.has(word) || /^\p{Lu}$/u.test(before[1]!);
}

/** Splits prose into sentences. Blocks always end a sentence; soft line breaks never do. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    while (s < end && /\s/.test(text[s]!)) s++;
    if (end > s) sentences.push({ start: s, end });
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === BLOCK_BREAK) {
      push(i);
      start = i + 1;
      continue;
    }
    if (char !== '.' && char !== '!' && char !== '?') continue;
    if (char === '.' && endsWithAbbreviation(text, i)) continue;
    const tail = SENTENCE_TAIL.exec(text.slice(i + 1, i + 64))![0];
    const after = i + 1 + tail.length;
    const next = text[after];
    if (next !== undefined && next !== BLOCK_BREAK && !/\s/.test(next)) continue;
    let k = after;
    while (k < text.length && /[ \t\r\n]/.test(text[k]!)) k++;
    const following = text[k];
    if (following !== undefined && following !== BLOCK_BREAK && /\p{Ll}/u.test(following)) continue;
    push(after);
    start = after;
    i = after - 1;
  }
  push(text.length);
  return sentences;
}

/** The sentence containing prose offset `offset`. */
export function sentenceAt(sentences: Sentence[], offset: number): Sentence | undefined {
  return spanAt(sentences, offset);
}
