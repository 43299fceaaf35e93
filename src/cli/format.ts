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
        row.fix = { line: fix.startLine, column: fix.startColumn, endLine: fix.endLine, endColumn: fix.endColumn, text: finding.fix.newText, safe: finding.fix.safe };
        if (finding.alternatives) row.alternatives = finding.alternatives.map((alternative) => alternative.newText);
      }
      if (finding.explanation) row.explanation = finding.explanation;
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

export function formatStylish(results: FileResult[], color: boolean, explain = false): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  for (const { file, findings } of results) {
    if (findings.length === 0) continue;
    lines.push(paint(4, file));
    const rows = findings.map((finding) => [`${finding.range.start.line + 1}:${finding.range.start.character + 1}`, finding.severity, finding.message, finding.ruleId, finding.explanation] as const);
    const width = Math.max(...rows.map((row) => row[0].length));
    for (const [position, severity, message, rule, explanation] of rows) {
      const label = severity === 'error' ? paint(31, severity.padEnd(7)) : severity === 'warning' ? paint(33, severity.padEnd(7)) : paint(36, severity.padEnd(7));
      lines.push(`  ${paint(2, position.padEnd(width))}  ${label}  ${message}  ${paint(2, rule)}`);
      // --explain: the why, under the row it belongs to.
      if (explain && explanation) lines.push(`  ${' '.repeat(width)}  ${' '.repeat(7)}  ${paint(2, explanation)}`);
    }
    lines.push('');
    for (const finding of findings) {
      counts[finding.severity]++;
      if (finding.fix?.safe) fixable++;
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
