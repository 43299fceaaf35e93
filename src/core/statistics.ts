import { blockAt, type Analysis } from './analysis';
import { inQuotation as inQuotationMarks } from './quotations';
import { scanStatistics, type Estimate, type EstimateKind, type Fraction, type Interval, type Percentage, type StatisticsFacts } from './text/statistics';
import { partitionPoint, type Span } from './text/spans';
import type { StatisticsOptions } from './types';

/** The numbers, units and statistics of the document's prose: scanned once, when a rule first asks. */
export function statisticsOf(analysis: Analysis): StatisticsFacts {
  return (analysis.statistics ??= scanStatistics(analysis.prose.text));
}

export function statisticsStyle(analysis: Analysis): Required<StatisticsOptions> {
  return { style: analysis.statisticsOptions?.style ?? 'ama', units: analysis.statisticsOptions?.units ?? 'si' };
}

/** The facts of a sorted list that start inside [start, end). */
export function factsWithin<T extends Span>(facts: readonly T[], start: number, end: number): T[] {
  const first = partitionPoint(facts.length, (index) => facts[index]!.start < start);
  const found: T[] = [];
  for (let index = first; index < facts.length && facts[index]!.start < end; index++) found.push(facts[index]!);
  return found;
}

/** Whether any fact of a sorted list starts inside [start, end) (binary search). */
export function anyWithin(facts: readonly Span[], start: number, end: number): boolean {
  const first = partitionPoint(facts.length, (index) => facts[index]!.start < start);
  return first < facts.length && facts[first]!.start < end;
}

/** Whether a prose offset is in a table cell, where a number stands alone and sentences are not sentences. */
export function inTableCell(analysis: Analysis, offset: number): boolean {
  return blockAt(analysis.prose, offset)?.kind === 'table-cell';
}

/** Whether the prose character at `offset` is italic in the source: *P*, _P_, or the document is plain text. */
export function italicAt(analysis: Analysis, offset: number): boolean {
  if (analysis.format === 'plaintext') return true;
  const { source, prose } = analysis;
  const start = prose.sourceStart(offset);
  const end = prose.sourceEnd(offset + 1);
  const before = source[start - 1];
  return (before === '*' || before === '_') && before === source[end] && source[start - 2] !== before;
}

/** A decimal as AMA writes a probability: no zero before the point (".03"). */
export function withoutLeadingZero(written: string): string {
  return written.replace(/^([-\u2212]?)0(?=[.·])/, '$1');
}

/**
 * The count a percentage is of when the sentence gives it right beside it, in parentheses: "12 of 50
 * patients (24%)", "24% (12/50)". Other wording around them ("(30% women)") leaves them unpaired.
 */
export function pairedFraction(analysis: Analysis, facts: StatisticsFacts, percentage: Percentage): Fraction | undefined {
  const text = analysis.prose.text;
  const before = factsWithin(facts.fractions, percentage.start - 60, percentage.start).at(-1);
  if (before && /^(?:\s+[\p{L}-]+){0,4}\s*\(\s*$/u.test(text.slice(before.end, percentage.start)) && /^\s*[);,]/.test(text.slice(percentage.end, percentage.end + 3))) return before;
  const after = factsWithin(facts.fractions, percentage.end, percentage.end + 4)[0];
  if (after && /^\s*\(\s*$/.test(text.slice(percentage.end, after.start)) && /^\s*[);,]/.test(text.slice(after.end, after.end + 3))) return after;
  return undefined;
}

/**
 * The estimate an interval belongs to: the last one before it, within 80 characters, with no other
 * number between ("HR, 0.70 and 0.59 (95% CI, ...)" pairs the CI with neither).
 */
export function estimateOf(analysis: Analysis, facts: StatisticsFacts, interval: Interval): Estimate | undefined {
  const estimate = factsWithin(facts.estimates, interval.start - 80, interval.start).at(-1);
  if (!estimate || /\d/.test(analysis.prose.text.slice(estimate.end, interval.start))) return undefined;
  return estimate;
}

/** Whether an interval includes the value of no effect: 1 for a ratio, 0 for a difference (strictly, so a limit of 1.00 is not read as crossing). */
export function crossesNull(interval: Interval, kind: EstimateKind): boolean {
  const none = kind === 'ratio' ? 1 : 0;
  return interval.lower.value < none && none < interval.upper.value;
}

/** An estimate as a message names it: its name and value as written, "HR 0.72", "mean difference −5.2". */
export function estimateLabel(analysis: Analysis, estimate: Estimate): string {
  return `${estimate.name.replace(/\s+/g, ' ')} ${analysis.prose.text.slice(estimate.number.start, estimate.number.end)}`;
}

/** Whether a prose offset is inside quotation marks (a product name, a firm's claim, someone's words): an editor corrects a quotation's style no more than its wording. */
export function inQuotation(analysis: Analysis, offset: number): boolean {
  return inQuotationMarks(analysis, offset, offset + 1);
}
