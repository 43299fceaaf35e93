import type { Analysis } from './analysis';
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

const cache = new WeakMap<Analysis, { all: Quotation[]; attributed: Quotation[] }>();

/** A block's text with its quotations blanked out, built in one pass: a block may hold thousands. */
function outsideQuotations(blockText: string, blockStart: number, quotations: readonly Quotation[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const { start, end } of [...quotations].sort((a, b) => a.start - b.start)) {
    const from = Math.max(at, start - blockStart);
    if (end - blockStart <= from) continue;
    parts.push(blockText.slice(at, from), ' '.repeat(end - blockStart - from));
    at = end - blockStart;
  }
  parts.push(blockText.slice(at));
  return parts.join('');
}

function quotationsOf(analysis: Analysis): { all: Quotation[]; attributed: Quotation[] } {
  const cached = cache.get(analysis);
  if (cached) return cached;
  const text = analysis.prose.text;
  const all: Quotation[] = [];
  const attributed: Quotation[] = [];
  for (const block of analysis.prose.blocks) {
    const blockText = text.slice(block.start, block.end);
    if (!/["\u201c]/.test(blockText)) continue;
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
    if (found.length === 0) continue;
    for (const quotation of found) all.push(quotation);
    if (ATTRIBUTION.test(outsideQuotations(blockText, block.start, found))) for (const quotation of found) attributed.push(quotation);
  }
  const quotations = { all: all.sort((a, b) => a.start - b.start), attributed: attributed.sort((a, b) => a.start - b.start) };
  cache.set(analysis, quotations);
  return quotations;
}

/**
 * The attributed direct quotations of the document, in order: text between quotation marks in a
 * prose block whose text outside the marks has a speech verb. A quoted claim that no one is said to
 * have said (a warning letter quoting a website) is not one: the claim is the writer's to answer for.
 */
export function attributedQuotations(analysis: Analysis): Quotation[] {
  return quotationsOf(analysis).attributed;
}

function within(quotations: readonly Quotation[], start: number, end: number): boolean {
  const index = partitionPoint(quotations.length, (at) => quotations[at]!.end < end);
  const quotation = quotations[index];
  return quotation !== undefined && quotation.start <= start && end <= quotation.end;
}

/** Whether prose offsets start..end lie inside an attributed quotation. */
export function inAttributedQuotation(analysis: Analysis, start: number, end: number): boolean {
  return within(quotationsOf(analysis).attributed, start, end);
}

/** Whether prose offsets start..end lie inside quotation marks: quoted words are not the writer's to change. */
export function inQuotation(analysis: Analysis, start: number, end: number): boolean {
  return within(quotationsOf(analysis).all, start, end);
}
