import type { Analysis } from '../analysis';
import type { Severity, StatisticsOptions } from '../types';

/** What a rule reports, in prose offsets; the linter maps it to the source. */
export interface ProseReport {
  start: number;
  end: number;
  /** `start` and `end` are source offsets: what the prose leaves out (a citation key, a label). */
  inSource?: true;
  message: string;
  /** Replacement for the reported span. */
  fix?: string;
  /** Whether fix-all may apply the fix; the rule's `safeFixes` when absent. */
  safe?: boolean;
  /** Other replacements, likeliest first after `fix`; never applied by fix-all. */
  alternatives?: string[];
  /** Edits elsewhere that belong to `fix` and are applied with it (a definition moved away from its old place). */
  moreEdits?: { start: number; end: number; text: string }[];
  /** Why the finding matters, shown beside the message (hover, --explain), not in it. */
  explanation?: string;
  entryId?: string;
  abbreviation?: { short: string; expansion?: string };
  /** For a per-chunk rule: dropped when a chunk of the document says this (see `Rule.chunkFacts`). */
  unlessDocumentSays?: string;
}

export interface RuleExample {
  markdown: string;
  /** `line:column-line:column message`, 1-based, end exclusive, as remark-lint writes them. */
  expected: string[];
  /** The house style the example is linted with, when not the default. */
  options?: { statistics?: StatisticsOptions };
}

export interface RuleDocs {
  /** Why the default severity: `error` only for what is wrong in every context the rule can see. */
  severity: string;
  summary: string;
  description: string;
  examples: RuleExample[];
  /** The BibTeX of the examples' bibliography, `references.bib`, for a rule that checks citations against one. */
  exampleBibliography?: string;
}

export interface Rule {
  id: string;
  /** The severity it reports at when on; a rule on only for some readers is off in the professional profile (profiles.ts). */
  defaultSeverity: Severity;
  /** Whether its fixes keep the meaning (spelling, variants, definitions), so fix-all may apply them. */
  safeFixes: boolean;
  docs: RuleDocs;
  /**
   * Whether what it reports in a chunk depends on that chunk alone (its sentences and words, never
   * another chunk's or a document-wide fact): the linter then runs it on each chunk by itself, and
   * keeps the chunk's findings until the chunk changes.
   */
  perChunk?: true;
  /**
   * For a per-chunk rule: what only the whole document says about a report a chunk made (a variant that
   * is also the first undefined use of its abbreviation). A report here takes the place of the chunk's
   * report of the same entry at the same span, and is dropped where the chunk made none.
   */
  amendReports?(analysis: Analysis, report: (finding: ProseReport) => void): void;
  /**
   * For a per-chunk rule: what one chunk says that bears on the rule's reports in every other (a
   * product it introduces by brand and generic), each at the prose offset it is said. A report is
   * dropped when any chunk says what its `unlessDocumentSays` names.
   */
  chunkFacts?(analysis: Analysis): { fact: string; start: number }[];
  check(analysis: Analysis, report: (finding: ProseReport) => void): void;
}
