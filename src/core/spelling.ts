import type { Analysis } from './analysis';
import { addTo } from './collections';
import type { CompiledCorpus } from './corpus/compile';
import { variantText } from './corpus/compile';
import type { TermEntry } from './corpus/types';

/** A word a letter or two away from a drug's name or brand: "ipilumumab" for "ipilimumab". */
export interface Misspelling {
  start: number;
  end: number;
  written: string;
  correct: string;
  entry: TermEntry;
}

interface DrugWord {
  word: string;
  entry: TermEntry;
}

// Shorter words are too often ordinary words a letter away from a name.
const MIN_LENGTH = 7;

const wordsByEnding = new WeakMap<CompiledCorpus, Map<string, DrugWord[]>>();

/** The corpus's drug and brand words, by their last three letters (-mab, -cel, -tag...). */
function drugWords(compiled: CompiledCorpus): Map<string, DrugWord[]> {
  let byEnding = wordsByEnding.get(compiled);
  if (!byEnding) {
    byEnding = new Map();
    for (const entry of compiled.corpus.terms) {
      if (entry.category !== 'drug') continue;
      const names = [entry.term, ...(entry.aliases ?? []), ...(entry.brands ?? []).map(variantText)];
      for (const word of new Set(names.flatMap((name) => name.toLowerCase().split(/[\s-]+/)))) {
        if (word.length < MIN_LENGTH || !/^\p{Ll}+$/u.test(word)) continue;
        addTo(byEnding, word.slice(-3), { word, entry });
      }
    }
    wordsByEnding.set(compiled, byEnding);
  }
  return byEnding;
}

/** Optimal string alignment distance (a transposition counts as one edit), or `limit + 1` once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previousRow: number[] = [];
  let row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const before = previousRow;
    previousRow = row;
    row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previousRow[j]! + 1, row[j - 1]! + 1, previousRow[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      row[j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
  }
  return row[b.length]!;
}

/**
 * Words of the prose that no corpus phrase matched and that are one edit from a drug word (two for
 * words of ten letters or more), with the same first two letters and the same last three: the shape of
 * a drug name, so that ordinary words are never compared. A misspelling is one word, so a chunk's are
 * its own (preferred-term reads them per chunk).
 */
export function misspelledDrugs(analysis: Analysis): Misspelling[] {
  const { tokens, matches } = analysis;
  const matched = new Uint8Array(tokens.count);
  for (const match of matches) matched.fill(1, match.firstToken, match.lastToken + 1);
  const byEnding = drugWords(analysis.compiled);
  const found: Misspelling[] = [];
  for (let index = 0; index < tokens.count; index++) {
    const start = tokens.starts[index]!;
    const end = tokens.ends[index]!;
    if (matched[index] || end - start < MIN_LENGTH) continue;
    const lower = tokens.lowerText.slice(start, end);
    const candidates = byEnding.get(lower.slice(-3));
    if (!candidates) continue;
    const limit = lower.length >= 10 ? 2 : 1;
    for (const candidate of candidates) {
      if (candidate.word.slice(0, 2) !== lower.slice(0, 2)) continue;
      const distance = editDistance(lower, candidate.word, limit);
      if (distance === 0 || distance > limit) continue;
      const written = tokens.text.slice(start, end);
      const correct = written.charAt(0) === written.charAt(0).toUpperCase() ? candidate.word.charAt(0).toUpperCase() + candidate.word.slice(1) : candidate.word;
      found.push({ start, end, written, correct, entry: candidate.entry });
      break;
    }
  }
  return found;
}
