import type { Position, Range, SourceSpan } from '../types';
import { LineBreaks } from './lineBreaks';
import { partitionPoint } from './spans';

/** Maps UTF-16 offsets to line/character positions. Line breaks: CRLF, LF and lone CR, as in LSP. */
export class LineIndex {
  private readonly lineStarts: number[];
  private lastLine = 0;

  /** `lineStarts`, when given, are the text's: an edit's index (LineIndex.edited) is made from the last one's. */
  constructor(
    private readonly text: string,
    lineStarts?: number[],
  ) {
    if (lineStarts) this.lineStarts = lineStarts;
    else pushLineStarts((this.lineStarts = [0]), text, 0, text.length);
  }

  /**
   * The index of `text`, an edit of the text `previous` indexed that changed only `from`..`to` of
   * `text` (the rest moved by `shift`, the change in length): its lines before and after are the last
   * ones, moved, not found again. `from` and `to` must each start a line, or be the text's end, in
   * both texts; where either does not, the text is indexed anew.
   */
  static edited(previous: LineIndex, text: string, from: number, to: number, shift: number): LineIndex {
    const old = previous.lineStarts;
    const startsLine = (at: number, source: string) => at === 0 || at === source.length || (source[at - 1] === '\n' || (source[at - 1] === '\r' && source[at] !== '\n'));
    if (!(startsLine(from, text) && startsLine(to, text) && startsLine(from, previous.text) && startsLine(to - shift, previous.text))) return new LineIndex(text);
    // The last one's starts up to `from`, those of the edited part, then the last one's after it, moved.
    const kept = partitionPoint(old.length, (index) => old[index]! <= from);
    const starts = old.slice(0, kept);
    pushLineStarts(starts, text, from, to);
    for (let index = partitionPoint(old.length, (at) => old[at]! <= to - shift); index < old.length; index++) starts.push(old[index]! + shift);
    return new LineIndex(text, starts);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    // A lint asks in document order, often again on the line it last found.
    const last = this.lastLine;
    if (starts[last]! <= clamped && (last + 1 === starts.length || clamped < starts[last + 1]!)) return { line: last, character: clamped - starts[last]! };
    let low = starts[last]! <= clamped ? last + 1 : 0;
    let high = starts[last]! <= clamped ? starts.length - 1 : last - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    this.lastLine = low;
    return { line: low, character: clamped - starts[low]! };
  }

  /** Whether `position` is still where offset `offset` is: what a finding kept from the last lint needs to be shown again. */
  places(position: Position, offset: number): boolean {
    const starts = this.lineStarts;
    const lineStart = starts[position.line];
    return lineStart !== undefined && lineStart + position.character === offset && (position.line + 1 === starts.length || offset < starts[position.line + 1]!);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  spanOf(start: number, end: number): SourceSpan {
    return { start, end, range: this.rangeOf(start, end) };
  }
}

/** Pushes onto `starts` the start of each line that a line break in `text` from `from` to `to` begins. */
function pushLineStarts(starts: number[], text: string, from: number, to: number): void {
  const breaks = new LineBreaks(text, from);
  for (let end = breaks.lineEnd(from); end < to; ) {
    const next = breaks.nextLineStart(end);
    starts.push(next);
    end = breaks.lineEnd(next);
  }
}
