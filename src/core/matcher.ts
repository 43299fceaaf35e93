import { canonicalGap, lowerCaseInPlace, tokenIs, tokenize, wordKey, type Tokens } from './text/tokens';

/**
 * How strictly the separators of a phrase must match the text:
 * - `exact`: the same kind of separator (`PD-1` does not match `PD 1`);
 * - `word`: a space also matches a hyphen (`T cell` matches `T-cell`), a hyphen must be a hyphen;
 * - `loose`: spaces, hyphens and dashes are interchangeable (expansions, claim phrases).
 */
export type GapMode = 'exact' | 'word' | 'loose';

export interface PhraseSpec<T> {
  text: string;
  mode: GapMode;
  caseSensitive: boolean;
  /** Also match with a plural `s` on the last word (`irAEs`, `T cells`). */
  plural: boolean;
  payload: T;
}

export interface Phrase<T> extends PhraseSpec<T> {
  words: string[];
  /** The words lower-cased, as tokens are, with `s` added to the last for a plural. */
  lowerWords: string[];
  lowerPlural: string;
  gaps: string[];
  /** Non-word text the phrase starts with, e.g. `[` in `[z]`. */
  prefix: string;
  /** Non-word text the phrase ends with, e.g. `+` in `CD8+`. */
  suffix: string;
}

export interface PhraseMatch<T> {
  phrase: Phrase<T>;
  firstToken: number;
  lastToken: number;
  /** Prose offsets, end exclusive. */
  start: number;
  end: number;
  plural: boolean;
}

interface TrieNode<T> {
  /** Keyed by the hash of a lower-cased word: a collision only shares a node, as each match is checked word by word. */
  children?: Map<number, TrieNode<T>>;
  phrases?: Phrase<T>[];
  /** Phrases whose last word, with a plural `s`, ends here (`irae` + `s` → `iraes`). */
  plurals?: Phrase<T>[];
}

const LOOSE_GAPS = new Set([' ', '-', '–']);

function gapsAgree(mode: GapMode, expected: string, actual: string): boolean {
  if (expected === actual) return true;
  if (mode === 'word') return expected === ' ' && actual === '-';
  if (mode === 'loose') return LOOSE_GAPS.has(expected) && LOOSE_GAPS.has(actual);
  return false;
}

export function compilePhrase<T>(spec: PhraseSpec<T>): Phrase<T> | undefined {
  const tokens = tokenize(spec.text);
  if (tokens.count === 0) return undefined;
  const words: string[] = [];
  const gaps: string[] = [];
  for (let i = 0; i < tokens.count; i++) {
    words.push(spec.text.slice(tokens.starts[i], tokens.ends[i]));
    if (i + 1 < tokens.count) gaps.push(canonicalGap(spec.text.slice(tokens.ends[i], tokens.starts[i + 1])));
  }
  const lowerWords = words.map(lowerCaseInPlace);
  // Fields named, not spread: a spread of specs of many shapes is V8's slow path, once per phrase.
  return {
    text: spec.text,
    mode: spec.mode,
    caseSensitive: spec.caseSensitive,
    plural: spec.plural,
    payload: spec.payload,
    words,
    lowerWords,
    lowerPlural: `${lowerWords.at(-1)}s`,
    gaps,
    prefix: spec.text.slice(0, tokens.starts[0]),
    suffix: spec.text.slice(tokens.ends[tokens.count - 1]),
  };
}

/**
 * Orders `matches[from..]`, found at one start shortest first, by end, longest first and stable: an
 * insertion sort, as there are rarely more than three, without the copies a sort makes each call.
 */
function longestFirst<T>(matches: PhraseMatch<T>[], from: number): void {
  for (let i = from + 1; i < matches.length; i++) {
    const match = matches[i]!;
    let j = i;
    for (; j > from && matches[j - 1]!.end < match.end; j--) matches[j] = matches[j - 1]!;
    matches[j] = match;
  }
}

/**
 * All corpus phrases in one trie keyed by lower-cased words, so a document is scanned once
 * whatever the size of the corpus. Case, separators and plurals are checked at the leaves.
 */
export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = {};

  constructor(specs: Iterable<PhraseSpec<T>>) {
    for (const spec of specs) {
      const phrase = compilePhrase(spec);
      if (phrase) this.insert(phrase);
    }
  }

  private insert(phrase: Phrase<T>): void {
    const keys = phrase.lowerWords.map(wordKey);
    (this.nodeFor(keys).phrases ??= []).push(phrase);
    if (phrase.plural && !phrase.suffix) (this.nodeFor([...keys.slice(0, -1), wordKey(phrase.lowerPlural)]).plurals ??= []).push(phrase);
  }

  private nodeFor(keys: number[]): TrieNode<T> {
    let node = this.root;
    for (const key of keys) {
      node.children ??= new Map();
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = {}));
      node = child;
    }
    return node;
  }

  /**
   * Every phrase match in the tokens, in order of start, longest first at each start. The work is at
   * most one trie step per token and phrase word, plus one check per phrase ending there; `effort`
   * counts both, so tests can show it grows linearly whatever the input.
   */
  findAll(tokens: Tokens, effort?: { steps: number }): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    const rootChildren = this.root.children;
    if (!rootChildren) return matches;
    const { keys, count } = tokens;
    for (let first = 0; first < count; first++) {
      let node = rootChildren.get(keys[first]!);
      if (!node) continue;
      const found = matches.length;
      for (let last = first; node; ) {
        if (effort) effort.steps += 1 + (node.phrases?.length ?? 0) + (node.plurals?.length ?? 0);
        if (node.phrases) this.collect(node.phrases, tokens, first, last, false, matches);
        if (node.plurals) this.collect(node.plurals, tokens, first, last, true, matches);
        last++;
        node = last < count ? node.children?.get(keys[last]!) : undefined;
      }
      if (matches.length - found > 1) longestFirst(matches, found);
    }
    return matches;
  }

  private collect(phrases: Phrase<T>[], tokens: Tokens, first: number, last: number, plural: boolean, out: PhraseMatch<T>[]): void {
    for (const phrase of phrases) {
      if (plural && !phrase.plural) continue;
      if (!this.agrees(phrase, tokens, first, last, plural)) continue;
      const end = tokens.ends[last]! + (plural ? 0 : phrase.suffix.length);
      out.push({ phrase, firstToken: first, lastToken: last, start: tokens.starts[first]! - phrase.prefix.length, end, plural });
    }
  }

  private agrees(phrase: Phrase<T>, tokens: Tokens, first: number, last: number, plural: boolean): boolean {
    const text = tokens.text;
    for (let k = 0; k < phrase.gaps.length; k++) {
      const actual = canonicalGap(text.slice(tokens.ends[first + k], tokens.starts[first + k + 1]));
      if (!gapsAgree(phrase.mode, phrase.gaps[k]!, actual)) return false;
    }
    if (phrase.suffix && (plural || !text.startsWith(phrase.suffix, tokens.ends[last]))) return false;
    if (phrase.prefix && !text.endsWith(phrase.prefix, tokens.starts[first])) return false;
    for (let k = 0; k < phrase.words.length; k++) {
      const index = first + k;
      const isPlural = plural && index === last;
      if (!tokenIs(tokens, index, isPlural ? phrase.lowerPlural : phrase.lowerWords[k]!)) return false;
      if (phrase.caseSensitive && !text.startsWith(phrase.words[k]!, tokens.starts[index]!)) return false;
    }
    if (plural && text.charCodeAt(tokens.ends[last]! - 1) !== 0x73) {
      // A plural `s` is lower case after a case-sensitive or upper-case word (`CARs`, not `CARS`).
      const lastWord = phrase.words[phrase.words.length - 1]!;
      if (phrase.caseSensitive || lastWord !== phrase.lowerWords[phrase.words.length - 1]) return false;
    }
    return true;
  }
}
