import { citationSourcesOf, type BibliographyTexts } from '../core/bibliographyTexts';
import type { DocumentParts } from '../core/documentParts';
import * as vscode from 'vscode';
import { moveFindings } from '../core/edits';
import type { TextFormat } from '../core/plainText';
import { count } from '../core/text/count';
import type { Linter } from '../core/linter';
import type { Finding, Notice } from '../core/types';
import type { OffThreadLinter } from '../worker/offThread';
import type { LintResult } from '../worker/protocol';
import type { ReadabilityReport } from '../core/readability';
import { toDiagnostic } from './convert';
import type { SettingsResolver } from './settings';

const DEBOUNCE_MS = 300;
const DEFAULT_LANGUAGES = ['markdown', 'quarto', 'rmd', 'plaintext'];
/** Languages read as Markdown: Quarto and R Markdown are Pandoc's Markdown, which the core reads. */
export const MARKDOWN_LANGUAGES = ['markdown', 'quarto', 'rmd'];
// Documents a writer edits: not output channels, git history or other extensions' virtual documents.
export const WRITER_SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

/** How medlint reads a document: Markdown (Quarto, R Markdown) as Markdown, any other language as plain prose. */
export function formatOf(document: vscode.TextDocument): TextFormat {
  return MARKDOWN_LANGUAGES.includes(document.languageId) ? 'markdown' : 'plaintext';
}

/**
 * Lints the documents of the languages in `medlint.languages` on open and save and, with the default
 * `medlint.run: onType`, shortly after typing stops. A result is published only if the document has
 * not changed while it was computed, and between lints the findings shown follow the edits: none is
 * left on text that changed since it was computed. medlint's own documentation is never linted.
 */
export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('medlint');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly findings = new Map<string, Finding[]>();
  /** Files Lint workspace covered: closing one keeps its findings. */
  private readonly workspaceFiles = new Set<string>();
  private readonly toldLarge = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly lintedEmitter = new vscode.EventEmitter<{ document: vscode.TextDocument; readability?: ReadabilityReport }>();
  /** A document was linted: its reading grades come with it (Markdown only), for the status bar. */
  readonly onDidLint = this.lintedEmitter.event;

  constructor(
    private readonly settings: SettingsResolver,
    private readonly docs: (ruleId: string) => vscode.Uri,
    private readonly isOwnDocument: (uri: vscode.Uri) => boolean,
    private readonly log: vscode.LogOutputChannel,
    /** What medlint told the writer in notifications, in order (for tests and the extension's API). */
    readonly notices: string[],
    /** Where documents are linted, when not on the extension host's main thread. */
    private readonly lintWorker?: OffThreadLinter,
  ) {
    this.disposables.push(
      this.collection,
      this.lintedEmitter,
      vscode.workspace.onDidOpenTextDocument((document) => this.lintUnlessLarge(document)),
      vscode.workspace.onDidSaveTextDocument((document) => this.lint(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidCloseTextDocument((document) => void this.closed(document)),
      settings.onDidChange(() => this.lintOpenDocuments()),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Whether medlint lints this document: a language in `medlint.languages`, and not medlint's docs. */
  isLinted(document: vscode.TextDocument): boolean {
    if (!WRITER_SCHEMES.includes(document.uri.scheme) || this.isOwnDocument(document.uri)) return false;
    const languages = vscode.workspace.getConfiguration('medlint', document).get<string[]>('languages') ?? DEFAULT_LANGUAGES;
    return languages.includes(document.languageId);
  }

  lintOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (this.isLinted(document)) this.lintUnlessLarge(document);
      // A language taken out of medlint.languages: its findings go.
      else if (this.findings.has(document.uri.toString()) && !this.workspaceFiles.has(document.uri.toString())) this.forget(document.uri);
    }
  }

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
    if (this.isLinted(document) && !this.isLarge(document)) void this.lint(document);
  }

  /** The findings last published for a document (what the diagnostics show). */
  findingsFor(uri: vscode.Uri): Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    const key = document.uri.toString();
    const shown = this.findings.get(key);
    if (shown?.length && event.contentChanges.length > 0) {
      const changes = event.contentChanges.map((change) => ({ offset: change.rangeOffset, length: change.rangeLength, text: change.text }));
      this.show(document.uri, moveFindings(shown, changes, document.getText()));
    }
    if (!this.isLinted(document) || vscode.workspace.getConfiguration('medlint', document).get('run') === 'onSave' || this.isLarge(document)) return;
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
    if (!this.isLinted(document)) return;
    const version = document.version;
    const { linter, ignored, parts, bibliography } = await this.settings.settingsFor(document.uri);
    // Settings are resolved asynchronously: a newer version will publish its own result.
    if (document.isClosed || document.version !== version) return;
    const started = performance.now();
    const result = ignored ? { findings: [], notices: [] } : await this.lintText(document.uri, linter, document.getText(), formatOf(document), parts, bibliography);
    // Cancelled by a newer version, or the document changed while the worker linted it.
    if (result === undefined || document.isClosed || document.version !== version) return;
    const { findings, notices, readability } = result;
    this.tellOnce(document, notices);
    this.log.debug(`linted ${vscode.workspace.asRelativePath(document.uri)} (${formatOf(document)}, version ${version}) in ${(performance.now() - started).toFixed(1)} ms: ${count(findings.length, 'finding')}`);
    this.show(document.uri, findings);
    this.lintedEmitter.fire({ document, ...(readability ? { readability } : {}) });
  }

  /** Lints done on the worker thread (for tests and the extension's API). */
  lintedOffThread = 0;

  /** A document's findings and notices, from the lint worker where there is one; undefined when a newer version cancelled the lint. */
  async lintText(uri: vscode.Uri, linter: Linter, text: string, format: TextFormat, parts?: DocumentParts, bibliography?: BibliographyTexts): Promise<LintResult | undefined> {
    const here = () => ({ findings: linter.lint(text, format, parts, bibliography && citationSourcesOf(bibliography)), notices: linter.notices(text, format), ...(format === 'markdown' ? { readability: linter.readability(text) } : {}) });
    if (!this.lintWorker) return here();
    try {
      const result = await this.lintWorker.lint(uri.toString(), linter, text, format, parts, bibliography);
      if (result) this.lintedOffThread++;
      return result;
    } catch (error) {
      this.log.error(`the lint worker failed on ${vscode.workspace.asRelativePath(uri)}; linted on the main thread instead: ${(error as Error).message}`);
      return here();
    }
  }

  /** Documents medlint has told about a notice: once, and again only after it went away and came back. */
  private readonly toldNotices = new Set<string>();

  private tellOnce(document: vscode.TextDocument, notices: Notice[]): void {
    const key = document.uri.toString();
    if (notices.length === 0) {
      this.toldNotices.delete(key);
      return;
    }
    if (this.toldNotices.has(key)) return;
    this.toldNotices.add(key);
    for (const notice of notices) {
      const message = `medlint: ${vscode.workspace.asRelativePath(document.uri)}: ${notice.message}`;
      this.notices.push(message);
      void vscode.window.showInformationMessage(message);
    }
  }

  /** Findings of Lint workspace, kept for the file when it is opened and closed again. */
  publishFromWorkspace(uri: vscode.Uri, findings: Finding[]): void {
    this.workspaceFiles.add(uri.toString());
    this.show(uri, findings);
  }

  private show(uri: vscode.Uri, findings: Finding[]): void {
    this.findings.set(uri.toString(), findings);
    this.collection.set(uri, findings.map((finding) => toDiagnostic(finding, this.docs)));
  }

  /**
   * A closed file's findings go, unless Lint workspace reported on it: then it is linted again as
   * it stands on disk (closing may have discarded edits), so the workspace results stay whole.
   */
  private async closed(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.toldLarge.delete(key);
    if (!this.workspaceFiles.has(key)) {
      this.forget(document.uri);
      return;
    }
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
      const { linter, ignored } = await this.settings.settingsFor(document.uri);
      const findings = ignored ? [] : (await this.lintText(document.uri, linter, text, formatOf(document)))?.findings;
      // Opened again meanwhile: the open document's own lint is the one to show.
      if (findings && !vscode.workspace.textDocuments.some((open) => open.uri.toString() === key)) this.publishFromWorkspace(document.uri, findings);
    } catch {
      this.forget(document.uri);
    }
  }

  private forget(uri: vscode.Uri): void {
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }
}
