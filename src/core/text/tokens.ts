/** Words of the prose: maximal runs of letters, digits and combining marks. */
export interface Tokens {
  text: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Lower-cased token strings, the matcher's keys. */
  lower: string[];
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

export function tokenize(text: string): Tokens {
  let capacity = Math.max(16, text.length >> 2);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  const lower: string[] = [];
  let count = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    if (count === capacity) {
      capacity *= 2;
      const grownStarts = new Int32Array(capacity);
      const grownEnds = new Int32Array(capacity);
      grownStarts.set(starts);
      grownEnds.set(ends);
      starts = grownStarts;
      ends = grownEnds;
    }
    starts[count] = match.index;
    ends[count] = match.index + match[0].length;
    lower.push(match[0].toLowerCase());
    count++;
  }
  return { text, count, starts, ends, lower };
}

/** The text between token `index` and the next one. */
export function gapAfter(tokens: Tokens, index: number): string {
  return tokens.text.slice(tokens.ends[index], tokens.starts[index + 1]);
}

/** Index of the first token that ends after `offset` (tokens.count when none). */
export function tokenIndexAfter(tokens: Tokens, offset: number): number {
  let low = 0;
  let high = tokens.count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens.ends[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Separators compared by kind: any run of white space is one space, every hyphen is `-`, every
 * dash is `–`. Anything else (a slash, a placeholder for code, a block break) stays itself.
 */
export function canonicalGap(gap: string): string {
  return gap.replace(/[ \t\r\n\u00a0\u2000-\u200b\u202f]+/g, ' ').replace(/[\u2010\u2011]/g, '-').replace(/\u2014/g, '–').replace(/[\u2018\u2019]/g, "'");
}
