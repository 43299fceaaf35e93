import type { Analysis } from './analysis';
import { inAttributedQuotation } from './quotations';
import type { ProseReport, Rule } from './rules';
import { keepSentenceCapital } from './rules/helpers';
import type { LineIndex } from './text/lineIndex';
import type { Finding, Severity, SourceSpan } from './types';

/**
 * A rule's report placed in its document's source, before the linter's settings (severity,
 * suppressions, accepted findings) decide whether and how it is shown: what a chunk's findings are
 * kept as between lints of an edited document.
 */
export interface PlacedReport {
  rule: Rule;
  /** Source offsets. */
  start: number;
  end: number;
  message: string;
  explanation?: string;
  /** Whether the span is inside a direct quotation of a named speaker, which an editor does not rewrite. */
  quoted: boolean;
  fix?: { newText: string; safe: boolean; moreEdits?: { start: number; end: number; newText: string }[] };
  alternatives?: string[];
  entryId?: string;
  abbreviation?: ProseReport['abbreviation'];
  /** What a chunk of the document may say that drops the report (Rule.chunkFacts), prefixed by the rule's id. */
  unless?: string;
  /** The finding the last lint showed for it: a report kept with an unchanged chunk is shown again as it was. */
  shown?: Finding;
}

/** CRLF in the source reads as LF in prose; nothing else may differ for a fix to be safe. */
function sameText(source: string, prose: string): boolean {
  return source === prose || source.replace(/\r\n?/g, '\n') === prose;
}

/** Places a report the rule made on the analysis: source offsets, and the fix only where the source reads as the prose. */
export function placeReport(analysis: Analysis, rule: Rule, report: ProseReport): PlacedReport {
  const { prose, source } = analysis;
  const start = report.inSource ? report.start : prose.sourceStart(report.start);
  const end = report.inSource ? report.end : prose.sourceEnd(report.end);
  const placed: PlacedReport = { rule, start, end, message: report.message, quoted: !report.inSource && inAttributedQuotation(analysis, report.start, report.end) };
  if (report.explanation) placed.explanation = report.explanation;
  if (report.fix !== undefined && report.inSource) {
    placed.fix = { newText: report.fix, safe: report.safe ?? rule.safeFixes };
    if (report.alternatives?.length) placed.alternatives = report.alternatives;
  }
  // A span that crosses markup (**a** b) cannot be replaced without breaking it: no fix then.
  else if (report.fix !== undefined && sameText(source.slice(start, end), prose.text.slice(report.start, report.end))) {
    const moreEdits = (report.moreEdits ?? []).map((edit) => ({ edit, start: prose.sourceStart(edit.start), end: prose.sourceEnd(edit.end), newText: edit.text }));
    if (moreEdits.every(({ edit, start, end }) => sameText(source.slice(start, end), prose.text.slice(edit.start, edit.end)))) {
      placed.fix = { newText: keepSentenceCapital(analysis, report.start, report.fix), safe: report.safe ?? rule.safeFixes };
      if (moreEdits.length > 0) placed.fix.moreEdits = moreEdits.map(({ edit, ...moreEdit }) => moreEdit);
    }
    if (report.alternatives?.length) placed.alternatives = report.alternatives.map((newText) => keepSentenceCapital(analysis, report.start, newText));
  }
  if (report.entryId) placed.entryId = report.entryId;
  if (report.abbreviation) placed.abbreviation = report.abbreviation;
  if (report.unlessDocumentSays !== undefined) placed.unless = `${rule.id}:${report.unlessDocumentSays}`;
  return placed;
}

/** The finding of a placed report `base` characters into the document, at its span there. */
export function findingOf(placed: PlacedReport, severity: Severity, span: SourceSpan, lines: LineIndex, base: number): Finding {
  // Fields named, not spread: a spread after other fields is V8's slow path, once per finding of the document.
  const { start, end, range } = span;
  const finding: Finding = { ruleId: placed.rule.id, severity, message: placed.message, start, end, range };
  if (placed.explanation) finding.explanation = placed.explanation;
  if (placed.fix) {
    finding.fix = { start, end, range, newText: placed.fix.newText, safe: placed.fix.safe };
    if (placed.fix.moreEdits) finding.fix.moreEdits = placed.fix.moreEdits.map((edit) => ({ ...lines.spanOf(edit.start + base, edit.end + base), newText: edit.newText }));
  }
  // An alternative is a choice the writer makes: never safe for fix-all.
  if (placed.alternatives) finding.alternatives = placed.alternatives.map((newText) => ({ ...span, newText, safe: false }));
  if (placed.entryId) finding.entryId = placed.entryId;
  if (placed.abbreviation) finding.abbreviation = placed.abbreviation;
  return finding;
}
