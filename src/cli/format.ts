import { offByDefault } from '../core/profiles';
import { ruleIds, rules } from '../core/rules';
import { count } from '../core/text/count';
import { editsOf } from '../core/fixes';
import type { Finding, Severity, TextEdit } from '../core/types';

export interface FileResult {
  /** As given on the command line or relative to the current folder. */
  file: string;
  findings: Finding[];
  /** For a patient document: its profile and reading grade ("Patient · grade 9.4 (SMOG 10.1), target 8"). */
  grade?: string;
}

/**
 * One file's part of a report, rendered where the file was linted (a worker thread, for one) so that
 * only text travels: JSON and SARIF items laid out in place, or the file's block of a stylish or
 * Markdown report; and the file's counts for the totals.
 */
export interface Piece {
  items: string[];
  counts: Record<Severity, number>;
  fixable: number;
}

/**
 * Writes a report as files are linted: `render` makes a file's piece (on any thread), `write` returns
 * what to print for it, in file order, and `end` what follows the last file; so a run over many files
 * holds no findings but the current file's.
 */
export interface Reporter {
  render(result: FileResult): Piece;
  write(piece: Piece): string;
  end(): string;
}

export type Format = 'stylish' | 'json' | 'sarif' | 'markdown';
export const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif', 'markdown'];

function pieceOf(findings: Finding[], items: string[]): Piece {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  for (const finding of findings) {
    counts[finding.severity]++;
    if (finding.fix?.safe) fixable++;
  }
  return { items, counts, fixable };
}

/** Totals of a run, kept as pieces are written. */
class Tally {
  readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  fixable = 0;
  files = 0;

  add(piece: Piece): void {
    this.files++;
    for (const severity of Object.keys(this.counts) as Severity[]) this.counts[severity] += piece.counts[severity];
    this.fixable += piece.fixable;
  }

  get total(): number {
    return this.counts.error + this.counts.warning + this.counts.info + this.counts.hint;
  }

  /** "1 error, 2 warnings, 3 info" */
  get breakdown(): string {
    const parts = [count(this.counts.error, 'error'), count(this.counts.warning, 'warning')];
    if (this.counts.info + this.counts.hint) parts.push(`${this.counts.info + this.counts.hint} info`);
    return parts.join(', ');
  }
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

function region(span: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) {
  return {
    startLine: span.range.start.line + 1,
    startColumn: span.range.start.character + 1,
    endLine: span.range.end.line + 1,
    endColumn: span.range.end.character + 1,
  };
}

/**
 * A value as JSON.stringify(array, null, 2) lays out an item of an array nested `depth` levels deep:
 * laid out inside as many arrays by JSON.stringify itself, whose bracket lines are then cut off (a
 * line each, `depth` × 2 spaces, a bracket and a newline), rather than indented again line by line.
 */
function jsonItem(value: unknown, depth: number): string {
  let nested = value;
  let margin = 0;
  for (let level = 0; level <= depth; level++) {
    nested = [nested];
    margin += 2 * level + 2;
  }
  const text = JSON.stringify(nested, null, 2);
  return text.slice(margin, text.length - margin);
}

/** Items of a JSON array printed one by one, already laid out by jsonItem at `depth`. */
class JsonArrayWriter {
  private written = 0;
  constructor(private readonly depth: number) {}

  items(items: string[]): string {
    if (items.length === 0) return '';
    const text = `${this.written === 0 ? '[\n' : ',\n'}${items.join(',\n')}`;
    this.written += items.length;
    return text;
  }

  end(): string {
    return this.written === 0 ? '[]' : `\n${'  '.repeat(this.depth)}]`;
  }
}

function jsonReporter(): Reporter {
  const rows = new JsonArrayWriter(0);
  return {
    render: ({ file, findings }) =>
      pieceOf(
        findings,
        findings.map((finding) => {
          const { startLine, startColumn, endLine, endColumn } = region(finding);
          const row: Record<string, unknown> = { file, line: startLine, column: startColumn, endLine, endColumn, rule: finding.ruleId, severity: finding.severity, message: finding.message };
          if (finding.fix) {
            const at = (edit: TextEdit) => {
              const { startLine, startColumn, endLine, endColumn } = region(edit);
              return { line: startLine, column: startColumn, endLine, endColumn, text: edit.newText };
            };
            row.fix = { ...at(finding.fix), safe: finding.fix.safe, ...(finding.fix.moreEdits ? { moreEdits: finding.fix.moreEdits.map(at) } : {}) };
            if (finding.alternatives) row.alternatives = finding.alternatives.map((alternative) => alternative.newText);
          }
          if (finding.explanation) row.explanation = finding.explanation;
          return jsonItem(row, 0);
        }),
      ),
    write: ({ items }) => rows.items(items),
    end: () => `${rows.end()}\n`,
  };
}

/** SARIF results sit in runs[0].results: an array three levels deep. */
const SARIF_RESULTS_DEPTH = 3;

function sarifReporter(version: string): Reporter {
  const RESULTS = '\u0000results';
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'medlint',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.docs.summary },
              fullDescription: { text: rule.docs.description },
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity], ...(offByDefault(rule.id) ? { enabled: false } : {}) },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: RESULTS,
      },
    ],
  };
  // The log around its results, which stream in between.
  const [head, tail] = JSON.stringify(log, null, 2).split(JSON.stringify(RESULTS)) as [string, string];
  const results = new JsonArrayWriter(SARIF_RESULTS_DEPTH);
  let started = false;
  return {
    render: ({ file, findings }) =>
      pieceOf(
        findings,
        findings.map((finding) =>
          jsonItem(
            {
              ruleId: finding.ruleId,
              ruleIndex: ruleIds.indexOf(finding.ruleId),
              level: SARIF_LEVEL[finding.severity],
              message: { text: finding.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(file) }, region: region(finding) } }],
              ...(finding.fix
                ? {
                    fixes: [
                      {
                        description: { text: `Replace with "${finding.fix.newText}"` },
                        artifactChanges: [{ artifactLocation: { uri: encodeURI(file) }, replacements: editsOf(finding.fix).map((edit) => ({ deletedRegion: region(edit), insertedContent: { text: edit.newText } })) }],
                      },
                    ],
                  }
                : {}),
            },
            SARIF_RESULTS_DEPTH,
          ),
        ),
      ),
    write: ({ items }) => {
      const text = results.items(items);
      if (started || !text) return text;
      started = true;
      return `${head}${text}`;
    },
    end: () => `${started ? '' : head}${results.end()}${tail}\n`,
  };
}

function stylishReporter(color: boolean, explain: boolean): Reporter {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const tally = new Tally();
  return {
    render: ({ file, findings, grade }) => {
      if (findings.length === 0 && !grade) return pieceOf(findings, []);
      const rows = findings.map((finding) => [`${finding.range.start.line + 1}:${finding.range.start.character + 1}`, finding.severity, finding.message, finding.ruleId, finding.explanation] as const);
      const width = Math.max(0, ...rows.map((row) => row[0].length));
      const lines = [paint(4, file)];
      if (grade) lines.push(`  ${paint(2, grade)}`);
      for (const [position, severity, message, rule, explanation] of rows) {
        const label = severity === 'error' ? paint(31, severity.padEnd(7)) : severity === 'warning' ? paint(33, severity.padEnd(7)) : paint(36, severity.padEnd(7));
        lines.push(`  ${paint(2, position.padEnd(width))}  ${label}  ${message}  ${paint(2, rule)}`);
        if (explain && explanation) lines.push(`  ${' '.repeat(width)}  ${' '.repeat(7)}  ${paint(2, explanation)}`);
      }
      return pieceOf(findings, [`${lines.join('\n')}\n\n`]);
    },
    write: (piece) => {
      tally.add(piece);
      return piece.items.join('');
    },
    end: () => {
      if (tally.total === 0) return '';
      const lines = [paint(tally.counts.error ? 31 : 33, `✖ ${count(tally.total, 'problem')} (${tally.breakdown})`)];
      if (tally.fixable) lines.push(`  ${count(tally.fixable, 'problem is', 'problems are')} fixable with --fix`);
      return `${lines.join('\n')}\n`;
    },
  };
}

const SEVERITY_MARK = { error: '🛑 error', warning: '⚠️ warning', info: 'ℹ️ info', hint: 'ℹ️ hint' } as const;

/** Text for a Markdown table cell: pipes and HTML escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

/**
 * A summary for a pull-request comment or a CI job summary ($GITHUB_STEP_SUMMARY): one line of
 * totals, then a table of findings per file, the fixable ones marked. The totals come first, so the
 * tables wait, as text, for the last file.
 */
function markdownReporter(): Reporter {
  const tally = new Tally();
  const tables: string[] = [];
  return {
    render: ({ file, findings }) => {
      if (findings.length === 0) return pieceOf(findings, []);
      const lines = [`#### \`${cell(file)}\``, '', '| Line | Severity | Problem | Rule |', '| ---: | --- | --- | --- |'];
      for (const finding of findings) {
        const position = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
        lines.push(`| ${position} | ${SEVERITY_MARK[finding.severity]} | ${cell(finding.message)}${finding.fix?.safe ? ' *(fixable)*' : ''} | \`${finding.ruleId}\` |`);
      }
      return pieceOf(findings, [`${lines.join('\n')}\n`]);
    },
    write: (piece) => {
      tally.add(piece);
      tables.push(...piece.items);
      return '';
    },
    end: () => {
      const checked = count(tally.files, 'file');
      if (tally.total === 0) return `### medlint: no problems in ${checked} ✅\n`;
      const head = [`### medlint: ${count(tally.total, 'problem')} (${tally.breakdown}) in ${checked}`, ''];
      if (tally.fixable) head.push(`${count(tally.fixable, 'problem is', 'problems are')} fixable with \`medlint check --fix\`.`, '');
      return `${head.join('\n')}\n${tables.join('\n')}`;
    },
  };
}

export interface ReportOptions {
  version: string;
  color: boolean;
  explain?: boolean;
}

export function createReporter(format: Format, options: ReportOptions): Reporter {
  switch (format) {
    case 'json':
      return jsonReporter();
    case 'sarif':
      return sarifReporter(options.version);
    case 'markdown':
      return markdownReporter();
    case 'stylish':
      return stylishReporter(options.color, options.explain ?? false);
  }
}

/** A whole report at once, for results already in hand. */
export function formatReport(format: Format, results: FileResult[], options: ReportOptions = { version: '0.0.0', color: false }): string {
  const reporter = createReporter(format, options);
  return results.map((result) => reporter.write(reporter.render(result))).join('') + reporter.end();
}
