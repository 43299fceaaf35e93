import * as vscode from 'vscode';
import { count } from '../core/text/count';

/** The number of medlint findings in the workspace; a click runs Lint workspace. */
export class FindingsStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('medlint.findings', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly collection: vscode.DiagnosticCollection) {
    this.item.name = 'medlint findings';
    this.item.command = { command: 'medlint.lintWorkspace', title: 'Lint workspace' };
    this.item.tooltip = 'medlint: findings in open and linted files. Click to lint the workspace.';
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.update());
    this.update();
    this.item.show();
  }

  private update(): void {
    let findings = 0;
    this.collection.forEach((_uri, diagnostics) => (findings += diagnostics.length));
    this.item.text = `$(checklist) medlint: ${count(findings, 'finding')}`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
