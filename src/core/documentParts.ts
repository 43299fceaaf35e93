import { abbreviationIndex, definesInText, lineOf } from './abbreviationIndex';
import { parse } from 'yaml';
import type { Analysis } from './analysis';

/** What one file of a document in several files gives the others: its body's abbreviations, its labels and citations. */
export interface PartSummary {
  /** Each abbreviation's first definition in the body; `plural` when it defined the plural ("adverse events (AEs)"). */
  defined: { short: string; expansion: string; line: number; plural?: boolean }[];
  /** How often the body uses each abbreviation. */
  used: Record<string, number>;
  /** The cross-reference labels its elements carry (`fig-km`), which any file may refer to. */
  crossrefLabels: string[];
  /** The bibliography keys it cites. */
  citedKeys: string[];
}

/**
 * A document split into files (a book's chapters, a manuscript's sections), as one file of it sees
 * the others: first use and definition run across the files, in their order.
 */
export interface DocumentParts {
  /** The files before this one and after it, nearest last and first, each as messages name it. */
  before: { file: string; summary: PartSummary }[];
  after: { file: string; summary: PartSummary }[];
}

/** Where an abbreviation is defined in another file of the document. */
export interface DefinitionElsewhere {
  file: string;
  line: number;
  expansion: string;
  plural?: boolean;
}

/** The body's definitions and uses of the analysis's abbreviations, and its labels and citations. */
export function summarize(analysis: Analysis): PartSummary {
  const defined: PartSummary['defined'] = [];
  const used: Record<string, number> = {};
  for (const record of abbreviationIndex(analysis).records) {
    const body = record.occurrences.filter((occurrence) => occurrence.scope.kind === 'body');
    if (body.length > 0) used[record.short] = body.length;
    const definition = body.find(definesInText);
    if (definition) defined.push({ short: record.short, expansion: definition.definition!.expansion, line: lineOf(analysis, definition.start), ...(definition.plural ? { plural: true } : {}) });
  }
  const crossrefLabels = [...new Set(analysis.crossrefLabels.map(({ label }) => label))];
  const citedKeys = [...new Set(analysis.pandocReferences.filter(({ kind }) => kind === 'citation').map(({ key }) => key))];
  return { defined, used, crossrefLabels, citedKeys };
}

/** The first definition in the files before (`before`) or after, or none. */
export function definitionIn(parts: DocumentParts['before'], short: string): DefinitionElsewhere | undefined {
  for (const { file, summary } of parts) {
    const found = summary.defined.find((definition) => definition.short === short);
    if (found) return { file, line: found.line, expansion: found.expansion, ...(found.plural ? { plural: true } : {}) };
  }
  return undefined;
}

/** How often the files after this one use the abbreviation. */
export function usesAfter(parts: DocumentParts | undefined, short: string): number {
  return (parts?.after ?? []).reduce((sum, { summary }) => sum + (summary.used[short] ?? 0), 0);
}

/**
 * The parts of the document `files` (in order) as `file` sees them, from each other file's summary;
 * undefined when `file` is not one of them.
 */
export function partsOf(files: readonly string[], file: string, summaryOf: (file: string) => PartSummary | undefined, shown: (file: string) => string = (name) => name): DocumentParts | undefined {
  const index = files.indexOf(file);
  if (index < 0) return undefined;
  const summaries = (list: readonly string[]) => list.flatMap((other) => {
    const summary = summaryOf(other);
    return summary ? [{ file: shown(other), summary }] : [];
  });
  return { before: summaries(files.slice(0, index)), after: summaries(files.slice(index + 1)) };
}

/** A Quarto book's chapter entries: file names, or parts holding chapters. */
type ChapterEntry = string | { part?: string; chapters?: ChapterEntry[] };

function chapterFiles(entries: readonly ChapterEntry[] | undefined): string[] {
  return (entries ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : [...(entry.part && /\.(?:q?md|Rmd)$/i.test(entry.part) ? [entry.part] : []), ...chapterFiles(entry.chapters)]));
}

/** The chapters and appendices of a Quarto book, in order, as its `_quarto.yml` names them (relative to it); none for another project. */
export function quartoChapters(quartoYaml: string): string[] {
  try {
    const book = (parse(quartoYaml) as { book?: { chapters?: ChapterEntry[]; appendices?: ChapterEntry[] } } | null)?.book;
    return [...chapterFiles(book?.chapters), ...chapterFiles(book?.appendices)];
  } catch {
    return [];
  }
}
