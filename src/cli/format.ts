import { ruleIds, rules } from '../core/rules';
import { count } from '../core/text/count';
import type { Finding, Severity } from '../core/types';

export interface FileResult {
  /** As given on the command line or relative to the current folder. */
  file: string;
  findings: Finding[];
}

/**
 * Writes a report as files are linted: `file` returns what to print for one file as soon as its
 * findings are known, `end` what follows the last, so a run over many files holds no findings but
 * the current file's.
 */
export interface Reporter {
  file(result: FileResult): string;
  end(): string;
}

export type Format = 'stylish' | 'json' | 'sarif' | 'markdown';
export const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif', 'markdown'];

/** Totals of a run, kept as files are reported. */
class Tally {
  readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  fixable = 0;
  files = 0;

  add(findings: Finding[]): void {
    this.files++;
    for (const finding of findings) {
      this.counts[finding.severity]++;
      if (finding.fix?.safe) this.fixable++;
    }
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

/** Items of a JSON array printed one by one, laid out as JSON.stringify(array, null, 2) nested `depth` levels deep lays them out. */
class JsonArrayWriter {
  private written = 0;
  constructor(private readonly depth: number) {}

  item(value: unknown): string {
    const indent = '  '.repeat(this.depth + 1);
    const text = `${indent}${JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`)}`;
    return `${this.written++ === 0 ? '[\n' : ',\n'}${text}`;
  }

  end(): string {
    return this.written === 0 ? '[]' : `\n${'  '.repeat(this.depth)}]`;
  }
}

function jsonReporter(): Reporter {
  const rows = new JsonArrayWriter(0);
  return {
    file: ({ file, findings }) =>
      findings
        .map((finding) => {
          const { startLine, startColumn, endLine, endColumn } = region(finding);
          const row: Record<string, unknown> = { file, line: startLine, column: startColumn, endLine, endColumn, rule: finding.ruleId, severity: finding.severity, message: finding.message };
          if (finding.fix) {
            const fix = region(finding.fix);
            row.fix = { line: fix.startLine, column: fix.startColumn, endLine: fix.endLine, endColumn: fix.endColumn, text: finding.fix.newText, safe: finding.fix.safe };
            if (finding.alternatives) row.alternatives = finding.alternatives.map((alternative) => alternative.newText);
          }
          if (finding.explanation) row.explanation = finding.explanation;
          return rows.item(row);
        })
        .join(''),
    end: () => `${rows.end()}\n`,
  };
}

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
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
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
  const results = new JsonArrayWriter(3);
  let started = false;
  return {
    file: ({ file, findings }) => {
      const text = findings
        .map((finding) =>
          results.item({
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
                      artifactChanges: [{ artifactLocation: { uri: encodeURI(file) }, replacements: [{ deletedRegion: region(finding.fix), insertedContent: { text: finding.fix.newText } }] }],
                    },
                  ],
                }
              : {}),
          }),
        )
        .join('');
      if (started || !text) return text;
      started = true;
      return `${head}${text}`;
    },
    end: () => `${started ? '' : head}${results.end()}${tail}\n`,
  };
}

/** `explain`: the why of each finding, under its row. */
function stylishReporter(color: boolean, explain: boolean): Reporter {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const tally = new Tally();
  return {
    file: ({ file, findings }) => {
      tally.add(findings);
      if (findings.length === 0) return '';
      const rows = findings.map((finding) => [`${finding.range.start.line + 1}:${finding.range.start.character + 1}`, finding.severity, finding.message, finding.ruleId, finding.explanation] as const);
      const width = Math.max(...rows.map((row) => row[0].length));
      const lines = [paint(4, file)];
      for (const [position, severity, message, rule, explanation] of rows) {
        const label = severity === 'error' ? paint(31, severity.padEnd(7)) : severity === 'warning' ? paint(33, severity.padEnd(7)) : paint(36, severity.padEnd(7));
        lines.push(`  ${paint(2, position.padEnd(width))}  ${label}  ${message}  ${paint(2, rule)}`);
        if (explain && explanation) lines.push(`  ${' '.repeat(width)}  ${' '.repeat(7)}  ${paint(2, explanation)}`);
      }
      return `${lines.join('\n')}\n\n`;
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
    file: ({ file, findings }) => {
      tally.add(findings);
      if (findings.length === 0) return '';
      const lines = [`#### \`${cell(file)}\``, '', '| Line | Severity | Problem | Rule |', '| ---: | --- | --- | --- |'];
      for (const finding of findings) {
        const position = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
        lines.push(`| ${position} | ${SEVERITY_MARK[finding.severity]} | ${cell(finding.message)}${finding.fix?.safe ? ' *(fixable)*' : ''} | \`${finding.ruleId}\` |`);
      }
      tables.push(`${lines.join('\n')}\n`);
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
  return results.map((result) => reporter.file(result)).join('') + reporter.end();
}
