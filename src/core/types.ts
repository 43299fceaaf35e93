/** Editor-agnostic data shapes. Offsets and characters are UTF-16 code units, as in VS Code and LSP. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A span of the source document: offsets plus the equivalent line/character range. */
export interface SourceSpan {
  start: number;
  end: number;
  range: Range;
}

export interface Fix extends SourceSpan {
  newText: string;
}

export interface Finding extends SourceSpan {
  ruleId: string;
  severity: Severity;
  message: string;
  fix?: Fix;
  /** Id of the corpus entry (term or claim) the finding came from. */
  entryId?: string;
}

/**
 * Something medlint says about a document as a whole, once per lint, rather than at a finding: an
 * editor shows it once (a status or log message), the CLI on standard error. `code` is stable.
 */
export interface Notice {
  /** `plain-text`: parts of the document held more inline markup than the Markdown reading's budget and were read as plain text. */
  code: 'plain-text';
  message: string;
  /** Where it applies: the first part concerned. */
  span: SourceSpan;
}
