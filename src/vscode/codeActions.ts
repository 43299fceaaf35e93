import * as vscode from 'vscode';
import { compatibleFixes, disableLineInsertion } from '../core/fixes';
import type { Finding } from '../core/types';
import { toRange } from './convert';
import type { DiagnosticsController } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('medlint');

function replacements(document: vscode.TextDocument, findings: Finding[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const fix of compatibleFixes(findings)) edit.replace(document.uri, toRange(fix.range), fix.newText);
  return edit;
}

function disableEdit(document: vscode.TextDocument, line: number, ruleId: string): vscode.WorkspaceEdit {
  const { character, text } = disableLineInsertion(document.lineAt(line).text, ruleId);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(line, character), text);
  return edit;
}

/** Fix this, fix all of a rule, disable a rule for a line, open a rule's docs; and source.fixAll.medlint. */
export class MedlintCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] };

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly docs: (ruleId: string) => vscode.Uri,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.diagnostics.findingsFor(document.uri);
    if (context.only?.contains(FIX_ALL_KIND)) {
      const action = new vscode.CodeAction('Fix all medlint problems', FIX_ALL_KIND);
      action.edit = replacements(document, findings);
      return [action];
    }
    const actions: vscode.CodeAction[] = [];
    const here = findings.filter((finding) => toRange(finding.range).intersection(range) !== undefined);
    const offered = new Set<string>();
    for (const finding of here) {
      const diagnostic = context.diagnostics.find((candidate) => candidate.source === 'medlint' && candidate.range.isEqual(toRange(finding.range)) && candidate.message === finding.message);
      if (finding.fix) {
        const fix = new vscode.CodeAction(`Replace with "${finding.fix.newText}" (${finding.ruleId})`, vscode.CodeActionKind.QuickFix);
        fix.edit = replacements(document, [finding]);
        fix.isPreferred = true;
        if (diagnostic) fix.diagnostics = [diagnostic];
        actions.push(fix);
      }
      if (offered.has(finding.ruleId)) continue;
      offered.add(finding.ruleId);
      const sameRule = findings.filter((other) => other.ruleId === finding.ruleId && other.fix);
      if (sameRule.length > 1) {
        const all = new vscode.CodeAction(`Fix all ${finding.ruleId} problems in this file`, vscode.CodeActionKind.QuickFix);
        all.edit = replacements(document, sameRule);
        actions.push(all);
      }
      const disable = new vscode.CodeAction(`Disable ${finding.ruleId} for this line`, vscode.CodeActionKind.QuickFix);
      disable.edit = disableEdit(document, finding.range.start.line, finding.ruleId);
      actions.push(disable);
      const learn = new vscode.CodeAction(`Learn about ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
      learn.command = { title: 'Open rule documentation', command: 'vscode.open', arguments: [this.docs(finding.ruleId)] };
      actions.push(learn);
    }
    return actions;
  }
}
