import * as vscode from 'vscode';
import type { Finding, Range, Severity } from '../core/types';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The finding each diagnostic came from, for code actions. */
export const findingOf = new WeakMap<vscode.Diagnostic, Finding>();

export function toDiagnostic(finding: Finding, docs: (ruleId: string) => vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = 'medlint';
  diagnostic.code = { value: finding.ruleId, target: docs(finding.ruleId) };
  findingOf.set(diagnostic, finding);
  return diagnostic;
}
