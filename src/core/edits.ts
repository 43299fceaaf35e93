import { LineIndex } from './text/lineIndex';
import type { Finding } from './types';

/** A replacement of `length` characters at `offset` of the text before the edit. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/**
 * Findings computed for a text, moved onto the text after `changes` (offsets of the text before, no
 * two overlapping, as editors report them): a finding whose range a change touches, overlapping or
 * adjoining it (typing at the end of a word changes the word), is dropped; one after a change moves by
 * the change in length. What an editor shows until the next lint, so that no finding stands on text
 * that changed since it was computed.
 */
export function moveFindings(findings: readonly Finding[], changes: readonly TextChange[], newText: string): Finding[] {
  let moved = findings.map((finding) => ({ finding, start: finding.start, end: finding.end, fixStart: finding.fix?.start ?? 0, fixEnd: finding.fix?.end ?? 0 }));
  // Last first: a change then leaves the offsets of the changes before it as they were.
  for (const change of [...changes].sort((a, b) => b.offset - a.offset)) {
    const changeEnd = change.offset + change.length;
    const delta = change.text.length - change.length;
    moved = moved.filter((span) => span.end < change.offset || span.start > changeEnd);
    for (const span of moved) {
      if (span.start <= changeEnd) continue;
      span.start += delta;
      span.end += delta;
      span.fixStart += delta;
      span.fixEnd += delta;
    }
  }
  const lines = new LineIndex(newText);
  return moved.map(({ finding, start, end, fixStart, fixEnd }) => {
    const shifted: Finding = { ...finding, ...lines.spanOf(start, end) };
    // A fix with edits elsewhere (a definition moved) waits for the next lint rather than follow each of them.
    if (finding.fix?.moreEdits) delete shifted.fix;
    else if (finding.fix) shifted.fix = { ...finding.fix, ...lines.spanOf(fixStart, fixEnd) };
    return shifted;
  });
}
