export interface Span {
  /** Start offset, inclusive. */
  start: number;
  /** End offset, exclusive. */
  end: number;
}

/** The span containing `offset` in sorted, non-overlapping spans (binary search). */
export function spanAt<T extends Span>(spans: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid]!;
    if (offset < span.start) high = mid - 1;
    else if (offset >= span.end) low = mid + 1;
    else return span;
  }
  return undefined;
}
