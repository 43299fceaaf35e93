import * as vscode from 'vscode';
import type { Finding } from '../core/types';
import { toDiagnostic } from './convert';
import type { SettingsResolver } from './settings';

const DEBOUNCE_MS = 300;

export function isMarkdown(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && document.uri.scheme !== 'medlint-term';
}

/**
 * Lints Markdown documents on open and save, and, with `medlint.run: onType`, shortly after typing
 * stops. A result is published only if the document has not changed while it was computed.
 */
export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('medlint');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly findings = new Map<string, Finding[]>();
  private readonly toldLarge = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly settings: SettingsResolver,
    private readonly docs: (ruleId: string) => vscode.Uri,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.lintUnlessLarge(document)),
      vscode.workspace.onDidSaveTextDocument((document) => this.lint(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      settings.onDidChange(() => this.lintOpenDocuments()),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  lintOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.lintUnlessLarge(document);
  }

  /** What medlint told the writer in notifications, in order (for tests and the extension's API). */
  readonly notices: string[] = [];

  /** A large document is linted on save only: opening or typing in it stays responsive. */
  private isLarge(document: vscode.TextDocument): boolean {
    const limit = vscode.workspace.getConfiguration('medlint', document).get<number>('largeFileSize') ?? 5_000_000;
    if (document.getText().length <= limit) return false;
    const key = document.uri.toString();
    if (!this.toldLarge.has(key)) {
      this.toldLarge.add(key);
      const notice = `medlint: ${vscode.workspace.asRelativePath(document.uri)} is larger than ${limit.toLocaleString('en')} characters; it is linted when saved.`;
      this.notices.push(notice);
      void vscode.window.showInformationMessage(notice);
    }
    return true;
  }

  private lintUnlessLarge(document: vscode.TextDocument): void {
    if (isMarkdown(document) && !this.isLarge(document)) void this.lint(document);
  }

  /** The findings last published for a document (what the diagnostics show). */
  findingsFor(uri: vscode.Uri): Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  private changed(document: vscode.TextDocument): void {
    if (!isMarkdown(document) || vscode.workspace.getConfiguration('medlint', document).get('run') !== 'onType' || this.isLarge(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lint(document);
      }, DEBOUNCE_MS),
    );
  }

  async lint(document: vscode.TextDocument): Promise<void> {
    if (!isMarkdown(document)) return;
    const version = document.version;
    const { linter, ignored } = await this.settings.settingsFor(document.uri);
    // Settings are resolved asynchronously: a newer version will publish its own result.
    if (document.isClosed || document.version !== version) return;
    const findings = ignored ? [] : linter.lint(document.getText());
    this.publish(document.uri, findings);
  }

  publish(uri: vscode.Uri, findings: Finding[]): void {
    this.findings.set(uri.toString(), findings);
    this.collection.set(uri, findings.map((finding) => toDiagnostic(finding, this.docs)));
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.toldLarge.delete(uri.toString());
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }
}
