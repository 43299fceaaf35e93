/**
 * The candidate a mistyped name most likely meant (a citation key, a cross-reference label): the one
 * that differs only in case, or else the one nearest by edit distance (a swap of neighbours counting
 * one) within a quarter of the name's length (at least 1, at most 3). Undefined when nothing is that
 * close, or two candidates are equally close (a guess between them would be a coin toss).
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const folded = name.toLowerCase();
  const all = [...candidates];
  const sameLetters = all.filter((candidate) => candidate.toLowerCase() === folded);
  if (sameLetters.length > 0) return sameLetters.length === 1 ? sameLetters[0] : undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 4)));
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of all) {
    const distance = editDistance(folded, candidate.toLowerCase(), Math.min(limit, bestDistance));
    if (distance < bestDistance) [best, bestDistance, tied] = [candidate, distance, false];
    else if (distance === bestDistance && distance !== Infinity) tied = true;
  }
  return tied ? undefined : best;
}

/** Edit distance with a swap of neighbours counting one (optimal string alignment), or Infinity past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return Infinity;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]! <= limit ? previous[b.length]! : Infinity;
}
