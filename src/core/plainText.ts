import { BLOCK_BREAK, type ChunkProse, type ProseBlock } from './markdown/prose';

/** How a document's text is read: as Markdown (markup removed) or as plain prose, every character kept. */
export type TextFormat = 'markdown' | 'plaintext';

const BLANK_LINE = /\r?\n[ \t]*(?:\r?\n[ \t]*)+/g;

/**
 * The prose of a plain-text document: paragraphs (separated by blank lines) as blocks, joined by a
 * block break so that a sentence never runs across them. Nothing is markup: `*`, `#` and `<!--` are
 * text. CRLF reads as LF, as in Markdown prose, so a fix over a line break stays safe.
 */
export function plainProse(source: string): ChunkProse {
  const map = new Int32Array(source.length + 1);
  const blocks: ProseBlock[] = [];
  let text = '';
  const appendParagraph = (from: number, to: number) => {
    if (text.length > 0) {
      map[text.length] = from;
      text += BLOCK_BREAK;
    }
    const start = text.length;
    for (let offset = from; offset < to; offset++) {
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
  return { text, map: map.subarray(0, text.length), blocks, citations: [], htmlComments: [] };
}
