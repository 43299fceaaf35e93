import * as vscode from 'vscode';
import { abbreviationTable } from '../core/abbreviationList';
import type { Linter } from '../core/linter';
import { count } from '../core/text/count';
import type { DiagnosticsController } from './diagnostics';
import type { SettingsResolver } from './settings';

export const TERM_SCHEME = 'medlint-term';

/** Reference cards as read-only Markdown documents: `medlint-term:/<name>.md`. */
export class TermCardProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly linterFor: () => Promise<Linter>) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const linter = await this.linterFor();
    const name = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
    const entry = linter.define(name);
    return entry ? `${linter.card(entry)}\n` : `"${name}" is not in the medlint corpus.\n`;
  }
}

/** medlint: Lint workspace: every Markdown file, with a progress notification. */
export async function lintWorkspace(settings: SettingsResolver, diagnostics: DiagnosticsController): Promise<number> {
  const files = await vscode.workspace.findFiles('**/*.{md,markdown}', '**/{node_modules,.git}/**');
  const decoder = new TextDecoder();
  let problems = 0;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'medlint', cancellable: true }, async (progress, token) => {
    for (const [index, uri] of files.entries()) {
      if (token.isCancellationRequested) break;
      progress.report({ message: `${index + 1} of ${files.length}: ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / files.length });
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
      const text = open ? open.getText() : decoder.decode(await vscode.workspace.fs.readFile(uri));
      const { linter, ignored } = await settings.settingsFor(uri);
      const findings = ignored ? [] : linter.lint(text);
      problems += findings.length;
      diagnostics.publish(uri, findings);
    }
  });
  void vscode.window.showInformationMessage(`medlint: ${count(problems, 'problem')} in ${count(files.length, 'Markdown file')}.`);
  return problems;
}

/** medlint: Show term definition: the term under the cursor, or one picked from the corpus. */
export async function showDefinition(linter: Linter, term?: string): Promise<void> {
  let name = term;
  const editor = vscode.window.activeTextEditor;
  if (!name && editor) {
    const card = linter.hover(editor.document.getText(), editor.document.offsetAt(editor.selection.active));
    if (card) name = card.entryId;
  }
  if (!name) {
    const picked = await vscode.window.showQuickPick(
      linter.entries().map((entry) => ({ label: entry.abbreviation ?? entry.term, description: entry.abbreviation ? entry.term : entry.category, detail: entry.definition, id: entry.id })),
      { placeHolder: 'Term to define', matchOnDescription: true, matchOnDetail: true },
    );
    name = picked?.id;
  }
  if (!name) return;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: TERM_SCHEME, path: `/${name}.md` }));
  await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

/**
 * medlint: Insert abbreviation list: a table of the corpus abbreviations the document uses, with the
 * expansions it means, at the cursor (replacing a selection). Returns the table, or undefined.
 */
export async function insertAbbreviationList(linterFor: (uri: vscode.Uri) => Promise<Linter>): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('medlint: open a Markdown document to insert its abbreviation list.');
    return undefined;
  }
  const { document } = editor;
  const items = (await linterFor(document.uri)).abbreviations(document.getText());
  if (items.length === 0) {
    void vscode.window.showInformationMessage('medlint: this document uses no abbreviations from the corpus.');
    return undefined;
  }
  const table = abbreviationTable(items, document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  await editor.edit((edit) => edit.replace(editor.selection, table));
  const ambiguous = items.filter((item) => item.ambiguous).map((item) => item.abbreviation);
  if (ambiguous.length > 0) {
    void vscode.window.showWarningMessage(`medlint: ${ambiguous.join(', ')} ${ambiguous.length === 1 ? 'has' : 'have'} several meanings and ${ambiguous.length === 1 ? 'is' : 'are'} not defined in the document: the list gives every meaning; keep the one you mean.`);
  }
  return table;
}
