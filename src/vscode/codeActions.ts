import * as vscode from 'vscode';
import { describeFixSummary, disableLineInsertion, FIX_ALL_TITLE, fixDocument, minimalEdit, planQuickFixes, type FixedDocument } from '../core/fixes';
import type { IgnoreEntry } from '../core/ignore';
import { configIgnoreEdits, documentIgnoreEdit, newConfigText } from '../core/ignoreEdits';
import { LineIndex } from '../core/text/lineIndex';
import type { Fix } from '../core/types';
import { toRange } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { CONFIG_FILE_NAMES, type DocumentSettings } from './settings';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('medlint');
export const SHOW_FIX_SUMMARY = 'medlint.showFixSummary';
export const SAVE_CONFIG = 'medlint.saveConfig';

function replacements(document: vscode.TextDocument, fixes: Pick<Fix, 'range' | 'newText'>[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const fix of fixes) edit.replace(document.uri, toRange(fix.range), fix.newText);
  return edit;
}

/** The core's fix-all result as one edit (one undo step) and the summary it shows once applied. */
function fixAllAction(document: vscode.TextDocument, fixed: FixedDocument, title: string, kind: vscode.CodeActionKind): vscode.CodeAction {
  const action = new vscode.CodeAction(title, kind);
  const before = document.getText();
  const { start, end, newText } = minimalEdit(before, fixed.text);
  action.edit = new vscode.WorkspaceEdit();
  if (start !== end || newText) action.edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), newText);
  action.command = { title: 'Show what medlint fixed', command: SHOW_FIX_SUMMARY, arguments: [describeFixSummary(fixed.summary)] };
  return action;
}

/** "Fix all safe medlint problems" in the lightbulb: its edit is computed only when picked (resolveCodeAction). */
class LazyFixAll extends vscode.CodeAction {
  constructor(
    title: string,
    readonly document: vscode.TextDocument,
  ) {
    super(title, vscode.CodeActionKind.QuickFix);
  }
}

/** The core's quick fixes as VS Code code actions, and source.fixAll.medlint. */
export class MedlintCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] };

  /** What fix-all did, as a notification once its edit is applied; registered with the provider. */
  static registerCommands(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.commands.registerCommand(SHOW_FIX_SUMMARY, (summary: string) => vscode.window.showInformationMessage(`medlint: ${summary}`)),
      // An ignore entry takes effect once the config is on disk, where medlint reads it.
      vscode.commands.registerCommand(SAVE_CONFIG, async (uri: vscode.Uri) => (await vscode.workspace.openTextDocument(uri)).save()),
    );
  }

  /** The nearest config file at or above the document inside its workspace folder, or a new one at the folder's root. */
  private async configFor(document: vscode.TextDocument): Promise<{ uri: vscode.Uri; text?: string } | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return undefined;
    for (let dir = vscode.Uri.joinPath(document.uri, '..'); dir.path.startsWith(folder.uri.path); dir = vscode.Uri.joinPath(dir, '..')) {
      for (const name of CONFIG_FILE_NAMES) {
        const uri = vscode.Uri.joinPath(dir, name);
        const open = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
        if (open) return { uri, text: open.getText() };
        try {
          return { uri, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
        } catch {
          // Not here: look one folder up.
        }
      }
      if (dir.path === folder.uri.path) break;
    }
    return { uri: vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAMES[0]!) };
  }

  private async ignoreInWorkspace(document: vscode.TextDocument, title: string, entry: IgnoreEntry): Promise<vscode.CodeAction | undefined> {
    const config = await this.configFor(document);
    if (!config) return undefined;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    if (config.text === undefined) {
      action.edit.createFile(config.uri, { ignoreIfExists: true });
      action.edit.insert(config.uri, new vscode.Position(0, 0), newConfigText(entry));
    } else {
      const edits = configIgnoreEdits(config.text, entry);
      if (!edits || edits.length === 0) return undefined;
      const lines = new LineIndex(config.text);
      for (const edit of edits) action.edit.replace(config.uri, toRange({ start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) }), edit.newText);
    }
    action.command = { title: 'Save the medlint config', command: SAVE_CONFIG, arguments: [config.uri] };
    return action;
  }

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly settings: { settingsFor(uri: vscode.Uri): Promise<DocumentSettings> },
  ) {}

  private async fixAll(document: vscode.TextDocument): Promise<FixedDocument | undefined> {
    const { linter, ignored, parts } = await this.settings.settingsFor(document.uri);
    if (ignored) return undefined;
    return fixDocument(document.getText(), (text) => linter.lint(text, 'markdown', parts));
  }

  async resolveCodeAction(action: vscode.CodeAction): Promise<vscode.CodeAction> {
    if (!(action instanceof LazyFixAll)) return action;
    const fixed = await this.fixAll(action.document);
    if (!fixed) return action;
    const resolved = fixAllAction(action.document, fixed, action.title, vscode.CodeActionKind.QuickFix);
    action.edit = resolved.edit;
    action.command = resolved.command;
    return action;
  }

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only?.contains(FIX_ALL_KIND)) {
      const fixed = await this.fixAll(document);
      return fixed ? [fixAllAction(document, fixed, FIX_ALL_TITLE, FIX_ALL_KIND)] : [];
    }
    const findings = this.diagnostics.findingsFor(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const quickFix of planQuickFixes(findings, document.offsetAt(range.start), document.offsetAt(range.end), document.getText())) {
      const action = new vscode.CodeAction(quickFix.title, vscode.CodeActionKind.QuickFix);
      switch (quickFix.kind) {
        case 'fix': {
          action.edit = replacements(document, quickFix.fixes);
          action.isPreferred = quickFix.preferred;
          const { finding } = quickFix;
          const diagnostic = context.diagnostics.find((candidate) => candidate.source === 'medlint' && candidate.range.isEqual(toRange(finding.range)) && candidate.message === finding.message);
          if (diagnostic) action.diagnostics = [diagnostic];
          break;
        }
        case 'fix-all-rule':
          action.edit = replacements(document, quickFix.fixes);
          break;
        case 'fix-all':
          actions.push(new LazyFixAll(quickFix.title, document));
          continue;
        case 'disable-line': {
          const { character, text } = disableLineInsertion(document.lineAt(quickFix.line).text, quickFix.ruleId);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.insert(document.uri, new vscode.Position(quickFix.line, character), text);
          break;
        }
        case 'ignore-document': {
          const edit = documentIgnoreEdit(document.getText(), quickFix.entry);
          if (!edit) continue;
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
          break;
        }
        case 'ignore-workspace': {
          const ignore = await this.ignoreInWorkspace(document, quickFix.title, quickFix.entry);
          if (ignore) actions.push(ignore);
          continue;
        }
        case 'docs':
          // Rendered, read-only, at the rule's section (vscode.open would open a source file, and runs no command link).
          action.command = { title: 'Open rule documentation', command: 'medlint.openRuleDocs', arguments: [quickFix.ruleId] };
          break;
      }
      actions.push(action);
    }
    return actions;
  }
}
