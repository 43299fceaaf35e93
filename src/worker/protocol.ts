import type { BibliographyTexts } from '../core/bibliographyTexts';
import type { DocumentParts } from '../core/documentParts';
import type { LinterOptions } from '../core/linter';
import type { TextFormat } from '../core/plainText';
import type { ReadabilityReport } from '../core/readability';
import type { Finding, Notice } from '../core/types';

/** Messages to the lint worker. A linter is sent once under an id; lints name it. */
export type ToLintWorker =
  | { kind: 'configure'; linterId: number; options: LinterOptions }
  | { kind: 'lint'; requestId: number; linterId: number; text: string; format: TextFormat; parts?: DocumentParts; bibliography?: BibliographyTexts };

/** What one lint gives: the findings, and what medlint says about the text as a whole. */
export interface LintResult {
  findings: Finding[];
  notices: Notice[];
  /** A Markdown document's profile and reading grades, for the status bar. */
  readability?: ReadabilityReport;
}

export type FromLintWorker = ({ requestId: number } & LintResult) | { requestId: number; error: string };
