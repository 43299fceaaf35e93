import * as vscode from 'vscode';
import { abbreviationTable } from '../core/abbreviationList';
import type { TermEntry } from '../core/corpus/types';
import { namesOf } from '../core/glossary';
import type { Linter } from '../core/linter';
import { ruleDocumentation } from '../core/ruleDocs';
import { rules } from '../core/rules';
import { count } from '../core/text/count';
import { formatOf, MARKDOWN_LANGUAGES, type DiagnosticsController } from './diagnostics';
import type { RenderedView } from './rendered';
import type { SettingsResolver } from './settings';

/** A command link that opens an entry's card: what cards and hovers link to. */
export function cardLink(entry: TermEntry): string {
  return `command:medlint.showDefinition?${encodeURIComponent(JSON.stringify([entry.id]))}`;
}

/** Where a rule's documentation opens: a command, so a diagnostic's code link renders it too. */
export function ruleDocsLink(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: 'command', path: 'medlint.openRuleDocs', query: JSON.stringify([ruleId]) });
}

/** medlint: Open rule documentation: the rule's section, rendered, read-only. */
export async function openRuleDocs(view: RenderedView, ruleId?: string): Promise<void> {
  const id = ruleId ?? (await vscode.window.showQuickPick(rules.map((rule) => ({ label: rule.id, detail: rule.docs.summary })), { placeHolder: 'Rule' }))?.label;
  const rule = rules.find((candidate) => candidate.id === id);
  if (rule) await view.show(`medlint: ${rule.id}`, ruleDocumentation(rule));
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
      // On the lint worker, like the open documents: the extension host stays responsive meanwhile.
      const findings = ignored ? [] : (await diagnostics.lintText(uri, linter, text, 'markdown'))?.findings;
      if (!findings) continue;
      problems += findings.length;
      diagnostics.publishFromWorkspace(uri, findings);
    }
  });
  void vscode.window.showInformationMessage(`medlint: ${count(problems, 'problem')} in ${count(files.length, 'Markdown file')}.`);
  return problems;
}

/**
 * medlint: Show term definition: the term under the cursor, or one picked from the corpus (by term,
 * abbreviation, expansion or brand), as a rendered card beside the editor.
 */
export async function showDefinition(linter: Linter, view: RenderedView, term?: string): Promise<void> {
  let entry = term ? linter.define(term) : undefined;
  const editor = vscode.window.activeTextEditor;
  if (!term && editor) {
    const card = linter.hover(editor.document.getText(), editor.document.offsetAt(editor.selection.active), formatOf(editor.document));
    if (card) entry = linter.define(card.entryId);
  }
  if (!entry && !term) {
    const picked = await vscode.window.showQuickPick(
      linter.entries().map((candidate) => ({
        label: candidate.abbreviation ?? candidate.term,
        // Every other name, so that typing a brand, alias or expansion finds the entry.
        description: namesOf(candidate).filter((name) => name !== (candidate.abbreviation ?? candidate.term)).join(' · '),
        detail: candidate.definition,
        entry: candidate,
      })),
      { placeHolder: 'Term to define (term, abbreviation or brand)', matchOnDescription: true, matchOnDetail: true },
    );
    entry = picked?.entry;
  }
  if (!entry) {
    if (term) void vscode.window.showInformationMessage(`medlint: "${term}" is not in the medlint corpus.`);
    return;
  }
  await view.show(entry.abbreviation ?? entry.term, linter.card(entry, cardLink));
}

/**
 * medlint: Insert abbreviation list: a table of every abbreviation the document uses, with the
 * expansion it defines, at the cursor (replacing a selection). Returns the table, or undefined.
 */
export async function insertAbbreviationList(linterFor: (uri: vscode.Uri) => Promise<Linter>): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !MARKDOWN_LANGUAGES.includes(editor.document.languageId)) {
    void vscode.window.showInformationMessage('medlint: open a Markdown document to insert its abbreviation list.');
    return undefined;
  }
  const { document } = editor;
  const items = (await linterFor(document.uri)).abbreviations(document.getText());
  if (items.length === 0) {
    void vscode.window.showInformationMessage('medlint: this document uses no abbreviations.');
    return undefined;
  }
  const table = abbreviationTable(items, document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  await editor.edit((edit) => edit.replace(editor.selection, table));
  const undefinedOnes = items.filter((item) => item.status === 'undefined').map((item) => item.abbreviation);
  if (undefinedOnes.length > 0) {
    void vscode.window.showWarningMessage(`medlint: ${undefinedOnes.join(', ')} ${undefinedOnes.length === 1 ? 'is' : 'are'} used but never defined in the document: the list marks ${undefinedOnes.length === 1 ? 'it' : 'them'}.`);
  }
  const ambiguous = items.filter((item) => item.ambiguous).map((item) => item.abbreviation);
  if (ambiguous.length > 0) {
    void vscode.window.showWarningMessage(`medlint: ${ambiguous.join(', ')} ${ambiguous.length === 1 ? 'has' : 'have'} several meanings and ${ambiguous.length === 1 ? 'is' : 'are'} not defined in the document: the list gives every meaning; keep the one you mean.`);
  }
  return table;
}
