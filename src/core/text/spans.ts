export interface Span {
  /** Start offset, inclusive. */
  start: number;
  /** End offset, exclusive. */
  end: number;
}

/**
 * The first index in [0, length) for which `isBefore` is false, where it is true for a prefix of the
 * indices and false after (binary search); `length` when it is true throughout.
 */
export function partitionPoint(length: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isBefore(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
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
