import { blockAt, spanReading, type Analysis, type SpanReadings } from './analysis';
import type { ProseBlock } from './markdown/prose';
import { partitionPoint } from './text/spans';

/** A direct quotation attributed to a speaker, in prose offsets: what an editor does not rewrite. */
export interface Quotation {
  start: number;
  end: number;
}

// A speech verb outside the quotation marks, in the same block: "…," said Dr. Rosenberg.
const ATTRIBUTION = /\b(?:said|says|say|explained|explains|noted|notes|added|adds|stated|states|told|tells|commented|recalled|according to|asked|remarked|emphasized|emphasised|cautioned)\b/i;
const PAIRS: readonly [string, string][] = [
  ['\u201c', '\u201d'],
  ['"', '"'],
];

interface BlockQuotations {
  all: Quotation[];
  attributed: Quotation[];
}

const NONE: BlockQuotations = { all: [], attributed: [] };

// Per block, found when a span in it is first asked about: a lint asks about few of a document's blocks.
const quotationsOf: SpanReadings<BlockQuotations> = new WeakMap();

/** A block's text with its quotations (sorted by start) blanked out, built in one pass: a block may hold thousands. */
function outsideQuotations(blockText: string, blockStart: number, quotations: readonly Quotation[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const { start, end } of quotations) {
    const from = Math.max(at, start - blockStart);
    if (end - blockStart <= from) continue;
    parts.push(blockText.slice(at, from), ' '.repeat(end - blockStart - from));
    at = end - blockStart;
  }
  parts.push(blockText.slice(at));
  return parts.join('');
}

function quotationsIn(text: string, block: ProseBlock): BlockQuotations {
  const blockText = text.slice(block.start, block.end);
  if (!/["\u201c]/.test(blockText)) return NONE;
  const found: Quotation[] = [];
  for (const [open, close] of PAIRS) {
    for (let from = 0; ; ) {
      const start = blockText.indexOf(open, from);
      if (start < 0) break;
      const end = blockText.indexOf(close, start + 1);
      if (end < 0) break;
      found.push({ start: block.start + start + 1, end: block.start + end });
      from = end + 1;
    }
  }
  if (found.length === 0) return NONE;
  const all = found.sort((a, b) => a.start - b.start);
  return { all, attributed: ATTRIBUTION.test(outsideQuotations(blockText, block.start, all)) ? all : [] };
}

/** The quotations of the block holding prose offset `offset` (none outside blocks). */
function quotationsAt(analysis: Analysis, offset: number): BlockQuotations {
  const block = blockAt(analysis.prose, offset);
  return block ? spanReading(quotationsOf, analysis, block, () => quotationsIn(analysis.prose.text, block)) : NONE;
}

function within(quotations: readonly Quotation[], start: number, end: number): boolean {
  const index = partitionPoint(quotations.length, (at) => quotations[at]!.end < end);
  const quotation = quotations[index];
  return quotation !== undefined && quotation.start <= start && end <= quotation.end;
}

/**
 * Whether prose offsets start..end lie inside an attributed direct quotation: text between quotation
 * marks in a prose block whose text outside the marks has a speech verb. A quoted claim that no one is
 * said to have said (a warning letter quoting a website) is not one: the claim is the writer's to answer for.
 */
export function inAttributedQuotation(analysis: Analysis, start: number, end: number): boolean {
  return within(quotationsAt(analysis, start).attributed, start, end);
}

/** Whether prose offsets start..end lie inside quotation marks: quoted words are not the writer's to change. */
export function inQuotation(analysis: Analysis, start: number, end: number): boolean {
  return within(quotationsAt(analysis, start).all, start, end);
}
