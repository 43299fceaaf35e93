import { ruleIds, rules } from '../core/rules';
import { count } from '../core/text/count';
import type { Finding } from '../core/types';

export interface FileResult {
  /** As given on the command line or relative to the current folder. */
  file: string;
  findings: Finding[];
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

export function formatJson(results: FileResult[]): string {
  const rows = results.flatMap(({ file, findings }) =>
    findings.map((finding) => {
      const { startLine, startColumn, endLine, endColumn } = region(finding);
      const row: Record<string, unknown> = { file, line: startLine, column: startColumn, endLine, endColumn, rule: finding.ruleId, severity: finding.severity, message: finding.message };
      if (finding.fix) {
        const fix = region(finding.fix);
        row.fix = { line: fix.startLine, column: fix.startColumn, endLine: fix.endLine, endColumn: fix.endColumn, text: finding.fix.newText };
      }
      return row;
    }),
  );
  return JSON.stringify(rows, null, 2);
}

export function formatSarif(results: FileResult[], version: string): string {
  const sarif = {
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
        results: results.flatMap(({ file, findings }) =>
          findings.map((finding) => ({
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
                      artifactChanges: [
                        { artifactLocation: { uri: encodeURI(file) }, replacements: [{ deletedRegion: region(finding.fix), insertedContent: { text: finding.fix.newText } }] },
                      ],
                    },
                  ],
                }
              : {}),
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

export function formatStylish(results: FileResult[], color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  for (const { file, findings } of results) {
    if (findings.length === 0) continue;
    lines.push(paint(4, file));
    const rows = findings.map((finding) => [`${finding.range.start.line + 1}:${finding.range.start.character + 1}`, finding.severity, finding.message, finding.ruleId] as const);
    const width = Math.max(...rows.map((row) => row[0].length));
    for (const [position, severity, message, rule] of rows) {
      const label = severity === 'error' ? paint(31, severity.padEnd(7)) : severity === 'warning' ? paint(33, severity.padEnd(7)) : paint(36, severity.padEnd(7));
      lines.push(`  ${paint(2, position.padEnd(width))}  ${label}  ${message}  ${paint(2, rule)}`);
    }
    lines.push('');
    for (const finding of findings) {
      counts[finding.severity]++;
      if (finding.fix) fixable++;
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return '';
  const parts = [count(counts.error, 'error'), count(counts.warning, 'warning')];
  if (counts.info + counts.hint) parts.push(`${counts.info + counts.hint} info`);
  lines.push(paint(counts.error ? 31 : 33, `✖ ${count(total, 'problem')} (${parts.join(', ')})`));
  if (fixable) lines.push(`  ${count(fixable, 'problem is', 'problems are')} fixable with --fix`);
  return `${lines.join('\n')}\n`;
}

const SEVERITY_MARK = { error: '🛑 error', warning: '⚠️ warning', info: 'ℹ️ info', hint: 'ℹ️ hint' } as const;

/** Text for a Markdown table cell: pipes and HTML escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

/**
 * A summary for a pull-request comment or a CI job summary ($GITHUB_STEP_SUMMARY): one line of
 * totals, then a table of findings per file, the fixable ones marked.
 */
export function formatMarkdown(results: FileResult[]): string {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  for (const { findings } of results) {
    for (const finding of findings) {
      counts[finding.severity]++;
      if (finding.fix) fixable++;
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const checked = count(results.length, 'file');
  if (total === 0) return `### medlint: no problems in ${checked} ✅\n`;
  const parts = [count(counts.error, 'error'), count(counts.warning, 'warning')];
  if (counts.info + counts.hint) parts.push(`${counts.info + counts.hint} info`);
  const lines = [`### medlint: ${count(total, 'problem')} (${parts.join(', ')}) in ${checked}`, ''];
  if (fixable) lines.push(`${count(fixable, 'problem is', 'problems are')} fixable with \`medlint check --fix\`.`, '');
  for (const { file, findings } of results) {
    if (findings.length === 0) continue;
    lines.push(`#### \`${cell(file)}\``, '', '| Line | Severity | Problem | Rule |', '| ---: | --- | --- | --- |');
    for (const finding of findings) {
      const position = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      lines.push(`| ${position} | ${SEVERITY_MARK[finding.severity]} | ${cell(finding.message)}${finding.fix ? ' *(fixable)*' : ''} | \`${finding.ruleId}\` |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
