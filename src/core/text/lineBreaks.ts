/**
 * Line breaks (CRLF, LF and lone CR, as in LSP and micromark) found forward through a text with
 * indexOf, which scans far faster than a loop over the characters. Carriage returns are looked for
 * again only once the last one found is passed: most drafts have none, and are searched for one once.
 */
export class LineBreaks {
  private carriageReturn: number;

  constructor(
    private readonly text: string,
    from: number,
  ) {
    this.carriageReturn = text.indexOf('\r', from);
  }

  /** The offset of the first line break at or after `from` (asked in increasing order), or the text's length. */
  lineEnd(from: number): number {
    const { text } = this;
    if (this.carriageReturn >= 0 && this.carriageReturn < from) this.carriageReturn = text.indexOf('\r', from);
    const lineFeed = text.indexOf('\n', from);
    const end = lineFeed < 0 ? text.length : lineFeed;
    return this.carriageReturn >= 0 && this.carriageReturn < end ? this.carriageReturn : end;
  }

  /** Where the line after the break at `end` starts: past both characters of a CRLF. */
  nextLineStart(end: number): number {
    return this.text.charCodeAt(end) === 13 && this.text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
}
