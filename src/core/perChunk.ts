import { chunkDocument, type AnalysedChunk, type Analysis, type ChunkFindings } from './analysis';
import { placeReport, type PlacedReport } from './placement';
import type { Rule } from './rules';
import { partitionPoint } from './text/spans';

/** The per-chunk rules' placed reports, each counted from `base` in the document, and what the chunks say for them. */
export interface PerChunkFindings {
  groups: { base: number; reports: readonly PlacedReport[] }[];
  /** Each prefixed by its rule's id, as `PlacedReport.unless` is. */
  facts: Set<string>;
}

// Shared by the chunks where no rule reports anything.
const NO_REPORTS: readonly PlacedReport[] = [];

/** Runs the rules on an analysis: its placed reports, and its facts with the source offset each stands at. */
function run(analysis: Analysis, rules: readonly Rule[]): { reports: PlacedReport[]; facts: { fact: string; at: number }[] } {
  const reports: PlacedReport[] = [];
  const facts: { fact: string; at: number }[] = [];
  for (const rule of rules) {
    rule.check(analysis, (report) => reports.push(placeReport(analysis, rule, report)));
    for (const { fact, start } of rule.chunkFacts?.(analysis) ?? []) facts.push({ fact: `${rule.id}:${fact}`, at: analysis.prose.sourceStart(start) });
  }
  // In document order once, as kept (rules in order on a tie: the sort is stable), so that the linter's
  // sort of a keystroke's findings finds the kept chunks' already in order.
  reports.sort((a, b) => a.start - b.start || a.end - b.end);
  return { reports, facts };
}

/**
 * Keeps a run over the whole document with each chunk, as if each had been run alone: a report or a
 * fact belongs to the chunk its source offset falls in (neither crosses a sentence, nor so a chunk).
 */
function keepByChunk(found: ReturnType<typeof run>, chunks: readonly AnalysedChunk[], settings: string): void {
  const chunkAt = (offset: number) => partitionPoint(chunks.length, (index) => chunks[index]!.start <= offset) - 1;
  const reports: PlacedReport[][] = [];
  const facts: string[][] = [];
  for (const placed of found.reports) (reports[chunkAt(placed.start)] ??= []).push(placed);
  for (const { fact, at } of found.facts) (facts[chunkAt(at)] ??= []).push(fact);
  chunks.forEach((chunk, index) => {
    chunk.analysis.findings = { settings, origin: chunk.start, reports: reports[index] ?? NO_REPORTS, facts: facts[index] ?? [] };
  });
}

function runOnChunk(chunk: AnalysedChunk, document: Analysis, rules: readonly Rule[], settings: string): ChunkFindings {
  const found = run(chunkDocument(chunk, document), rules);
  return { settings, origin: 0, reports: found.reports, facts: found.facts.map(({ fact }) => fact) };
}

/**
 * What the per-chunk rules find in the document. With the document's chunks (an editor's lint, whose
 * cache keeps them), each chunk keeps its findings for the next lint: an edit re-runs the rules on the
 * chunks it changed, alone. A first lint, or an edit of much of the document, runs them once over the
 * whole document, which is faster than many small runs, and gives each chunk its share.
 */
export function findPerChunk(document: Analysis, rules: readonly Rule[], settings: string): PerChunkFindings {
  const { chunks } = document;
  const stale = chunks?.filter((chunk) => chunk.analysis.findings?.settings !== settings) ?? [];
  if (!chunks || stale.length * 8 > chunks.length) {
    const found = run(document, rules);
    if (chunks) keepByChunk(found, chunks, settings);
    return { groups: [{ base: 0, reports: found.reports }], facts: new Set(found.facts.map(({ fact }) => fact)) };
  }
  for (const chunk of stale) chunk.analysis.findings = runOnChunk(chunk, document, rules, settings);
  const facts = new Set<string>();
  const groups = chunks.map((chunk) => {
    const found = chunk.analysis.findings!;
    for (const fact of found.facts) facts.add(fact);
    return { base: chunk.start - found.origin, reports: found.reports };
  });
  return { groups, facts };
}
