import * as vscode from 'vscode';
import { compatibleFixes, disableLineInsertion, planQuickFixes } from '../core/fixes';
import type { Fix } from '../core/types';
import { toRange } from './convert';
import type { DiagnosticsController } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('medlint');

function replacements(document: vscode.TextDocument, fixes: Fix[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const fix of fixes) edit.replace(document.uri, toRange(fix.range), fix.newText);
  return edit;
}

/** The core's quick fixes as VS Code code actions, and source.fixAll.medlint. */
export class MedlintCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] };

  constructor(private readonly diagnostics: DiagnosticsController) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.diagnostics.findingsFor(document.uri);
    if (context.only?.contains(FIX_ALL_KIND)) {
      const action = new vscode.CodeAction('Fix all medlint problems', FIX_ALL_KIND);
      action.edit = replacements(document, compatibleFixes(findings));
      return [action];
    }
    return planQuickFixes(findings, document.offsetAt(range.start), document.offsetAt(range.end)).map((quickFix) => {
      const action = new vscode.CodeAction(quickFix.title, vscode.CodeActionKind.QuickFix);
      switch (quickFix.kind) {
        case 'fix': {
          action.edit = replacements(document, quickFix.fixes);
          action.isPreferred = true;
          const { finding } = quickFix;
          const diagnostic = context.diagnostics.find((candidate) => candidate.source === 'medlint' && candidate.range.isEqual(toRange(finding.range)) && candidate.message === finding.message);
          if (diagnostic) action.diagnostics = [diagnostic];
          break;
        }
        case 'fix-all-rule':
          action.edit = replacements(document, quickFix.fixes);
          break;
        case 'disable-line': {
          const { character, text } = disableLineInsertion(document.lineAt(quickFix.line).text, quickFix.ruleId);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.insert(document.uri, new vscode.Position(quickFix.line, character), text);
          break;
        }
        case 'docs':
          // Rendered, read-only, at the rule's section (vscode.open would open a source file, and runs no command link).
          action.command = { title: 'Open rule documentation', command: 'medlint.openRuleDocs', arguments: [quickFix.ruleId] };
          break;
      }
      return action;
    });
  }
}
