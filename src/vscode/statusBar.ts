import * as vscode from 'vscode';
import { documentProfileEdit } from '../core/profileEdit';
import { formatGrade, gradeSummary, type ReadabilityReport } from '../core/readability';
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

/**
 * The profile and reading grade of the active Markdown document ("Patient · grade 9.4"), updated on
 * each lint of it; a click lists the grade of each section, jumps to the one picked, and offers to
 * switch the document's profile.
 */
export class ReadabilityStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('medlint.readability', vscode.StatusBarAlignment.Left, 9);
  private readonly reports = new Map<string, ReadabilityReport>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    diagnostics: { onDidLint: vscode.Event<{ document: vscode.TextDocument; readability?: ReadabilityReport }> },
    private readonly profilesFor: (uri: vscode.Uri) => Promise<string[]>,
  ) {
    this.item.name = 'medlint profile and reading grade';
    this.item.command = { command: 'medlint.showReadability', title: 'Show reading grades' };
    this.disposables = [
      diagnostics.onDidLint(({ document, readability }) => {
        if (readability) this.reports.set(document.uri.toString(), readability);
        else this.reports.delete(document.uri.toString());
        if (document === vscode.window.activeTextEditor?.document) this.update();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.reports.delete(document.uri.toString())),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.commands.registerCommand('medlint.showReadability', () => this.showSections()),
      vscode.commands.registerCommand('medlint.switchProfile', (profile?: string) => this.switchProfile(profile)),
    ];
    this.update();
  }

  /** The active document's report, while it is a linted Markdown document. */
  private active(): { editor: vscode.TextEditor; report: ReadabilityReport } | undefined {
    const editor = vscode.window.activeTextEditor;
    const report = editor?.document.languageId === 'markdown' ? this.reports.get(editor.document.uri.toString()) : undefined;
    return editor && report ? { editor, report } : undefined;
  }

  private update(): void {
    const active = this.active();
    if (!active) {
      this.item.hide();
      return;
    }
    const { report } = active;
    this.item.text = `$(book) ${gradeSummary(report)}`;
    this.item.tooltip = `medlint: the ${report.profile.label} profile; Flesch–Kincaid grade ${formatGrade(report.document.grade)}, SMOG ${formatGrade(report.document.smog)} (target ${report.targetGrade}). Click for the grade of each section, or to switch the profile.`;
    this.item.show();
  }

  /** Each section's grade in a quick pick, in document order; picking one goes to its heading. */
  async showSections(): Promise<void> {
    const active = this.active();
    if (!active) return;
    const { editor, report } = active;
    type Pick = vscode.QuickPickItem & { section?: ReadabilityReport['sections'][number]; switchProfile?: true };
    const picks: Pick[] = report.sections.map((section) => ({
      label: `${section.scores.grade > report.targetGrade ? '$(warning) ' : ''}grade ${formatGrade(section.scores.grade)} · ${section.hasHeading ? section.title : '(before the first heading)'}`,
      description: `SMOG ${formatGrade(section.scores.smog)} · ${section.scores.words} words`,
      ...(section.hardest[0] ? { detail: `Hardest: ${section.hardest[0].text}` } : {}),
      section,
    }));
    picks.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: `$(settings) Switch profile (now ${report.profile.label})…`, switchProfile: true });
    const picked = await vscode.window.showQuickPick(picks, { title: `${gradeSummary(report)} (target ${report.targetGrade})`, placeHolder: 'Go to a section' });
    if (picked?.switchProfile) {
      await this.switchProfile();
      return;
    }
    if (!picked?.section) return;
    const { start } = picked.section.span.range;
    const position = new vscode.Position(start.line, start.character);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  }

  /** Writes the profile into the document's front matter, where the CLI and every editor read it. */
  async switchProfile(profile?: string): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') return false;
    const chosen = profile ?? (await vscode.window.showQuickPick(await this.profilesFor(editor.document.uri), { title: 'medlint: profile of this document' }));
    if (!chosen) return false;
    const edit = documentProfileEdit(editor.document.getText(), chosen);
    if (!edit) {
      void vscode.window.showWarningMessage('medlint: the front matter is not valid YAML; repair it to set the profile.');
      return false;
    }
    const document = editor.document;
    return editor.edit((builder) => builder.replace(new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText));
  }

  /** The status bar text, for tests and the extension's API. */
  get text(): string | undefined {
    return this.active() ? this.item.text : undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.item.dispose();
  }
}
