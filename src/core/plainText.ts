import { BLOCK_BREAK, type ChunkProse, type HtmlComment, type ProseBlock } from './markdown/prose';

/** How a document's text is read: as Markdown (markup removed) or as plain prose, every character kept. */
export type TextFormat = 'markdown' | 'plaintext';

const BLANK_LINE = /\r?\n[ \t]*(?:\r?\n[ \t]*)+/g;
const MEDLINT_COMMENT = /<!--\s*(medlint-[\s\S]*?)\s*-->/g;

/**
 * The prose of a plain-text document: paragraphs (separated by blank lines) as blocks, joined by a
 * block break so that a sentence never runs across them. Nothing is markup (`*`, `#` and backticks
 * are text) but medlint's own suppression comments, `<!-- medlint-disable-line rule -->` and the
 * like, which the editor's "Disable rule for this line" writes in plain text too: they are not prose.
 * CRLF reads as LF, as in Markdown prose, so a fix over a line break stays safe.
 */
export function plainProse(source: string): ChunkProse {
  const htmlComments: HtmlComment[] = [...source.matchAll(MEDLINT_COMMENT)].map((match) => ({ start: match.index, end: match.index + match[0].length, body: match[1]! }));
  const map = new Int32Array(source.length + 1);
  const blocks: ProseBlock[] = [];
  let text = '';
  const appendParagraph = (from: number, to: number) => {
    if (text.length > 0) {
      map[text.length] = from;
      text += BLOCK_BREAK;
    }
    const start = text.length;
    let comment = 0;
    for (let offset = from; offset < to; offset++) {
      while (comment < htmlComments.length && htmlComments[comment]!.end <= offset) comment++;
      if (comment < htmlComments.length && htmlComments[comment]!.start <= offset) {
        offset = htmlComments[comment]!.end - 1;
        continue;
      }
      if (source[offset] === '\r' && source[offset + 1] === '\n') continue;
      map[text.length] = offset;
      text += source[offset];
    }
    if (text.length > start) blocks.push({ kind: 'paragraph', start, end: text.length });
  };
  let from = 0;
  for (const gap of source.matchAll(BLANK_LINE)) {
    appendParagraph(from, gap.index);
    from = gap.index + gap[0].length;
  }
  appendParagraph(from, source.length);
  return { text, map: map.subarray(0, text.length), blocks, citations: [], htmlComments };
}
