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

export interface TextEdit extends SourceSpan {
  newText: string;
}

export interface Fix extends TextEdit {
  /** Edits elsewhere applied with this one, as one change: a definition moved to first use leaves its old place. */
  moreEdits?: TextEdit[];
  /**
   * Whether "fix all" may apply it unseen: it keeps the meaning (a spelling, a variant, a definition
   * at first use). A fix that changes what a sentence says (a misnomer's replacement, a brand's
   * generic, a rewording) is applied one instance at a time, by the writer.
   */
  safe: boolean;
}

export interface Finding extends SourceSpan {
  ruleId: string;
  severity: Severity;
  message: string;
  fix?: Fix;
  /** Other replacements for the same span, likeliest first after `fix` (the senses of an ambiguous abbreviation). */
  alternatives?: Fix[];
  /** Why, for hovers, `--explain` and the rule docs; `message` says only what to do. */
  explanation?: string;
  /** Id of the corpus entry (term or claim) the finding came from. */
  entryId?: string;
  /**
   * For an abbreviation rule's finding: the abbreviation as its entry would name it (singular) and the
   * expansion the document gives it, if any; what "Add to team terms" and "Ignore" write.
   */
  abbreviation?: { short: string; expansion?: string };
}

/** How abbreviations are checked (`.medlintrc.json` `abbreviations`). */
export interface AbbreviationOptions {
  /** `ama` (default): the abstract, the body and each legend define their own; `document`: one definition serves all. */
  scopes?: 'ama' | 'document';
  /** abbreviation-rarely-used: the fewest uses after the definition that justify it (default 1). */
  minUses?: number;
  /** Abbreviations the team's readers know: never reported as undefined. */
  ignore?: string[];
  /** Well-known abbreviations (medlint's built-in list) that the team's readers need expanded all the same. */
  expand?: string[];
}

/** How numbers, units and statistics are checked (`.medlintrc.json` `statistics`). */
export interface StatisticsOptions {
  /** `ama` (default): AMA Manual of Style, 11th edition; `vancouver`: ICMJE/Vancouver journals (README). */
  style?: 'ama' | 'vancouver';
  /** `si` (default): SI symbols, µg and IU; `ismp`: the ISMP list for medication orders, mcg and units. */
  units?: 'si' | 'ismp';
}

/**
 * Something medlint says about a document as a whole, once per lint, rather than at a finding: an
 * editor shows it once (a status or log message), the CLI on standard error. `code` is stable.
 */
export interface Notice {
  /**
   * `plain-text`: parts of the document held more inline markup than the Markdown reading's budget and were read as plain text.
   * `unknown-profile`: the profile the document or run names is neither built in nor the config's; it is checked as professional.
   */
  code: 'plain-text' | 'unknown-profile';
  message: string;
  /** Where it applies: the first part concerned. */
  span: SourceSpan;
}
