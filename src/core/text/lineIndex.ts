import type { Position, Range, SourceSpan } from '../types';

/** Maps UTF-16 offsets to line/character positions. Line breaks: CRLF, LF and lone CR, as in LSP. */
export class LineIndex {
  private readonly lineStarts: number[];
  private lastLine = 0;

  constructor(private readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // LF alone, as most documents: the native search finds each one faster than a loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (code === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
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
