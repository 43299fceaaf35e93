import { citationSourcesOf } from '../core/bibliographyTexts';
import * as vscode from 'vscode';
import { describeFixSummary, disableLineInsertion, FIX_ALL_TITLE, fixDocument, minimalEdit, planQuickFixes, type FixedDocument, type QuickFix } from '../core/fixes';
import { abbreviationIgnoreChange, configIgnoreChange, documentIgnoreEdit, type ConfigChange } from '../core/ignoreEdits';
import { teamTermEdit, type FoundAbbreviation } from '../core/teamTerms';
import { LineIndex } from '../core/text/lineIndex';
import type { Fix } from '../core/types';
import { toRange } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { CONFIG_FILE_NAMES, type DocumentSettings } from './settings';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('medlint');
export const SHOW_FIX_SUMMARY = 'medlint.showFixSummary';
export const SAVE_FILES = 'medlint.saveFiles';
export const SAVE_TEAM_TERM = 'medlint.saveTeamTerm';

/** A new file with its text, as a file creation and an insertion: undone in its editor like any edit. */
function createWithText(edit: vscode.WorkspaceEdit, uri: vscode.Uri, text: string): void {
  edit.createFile(uri, { ignoreIfExists: true });
  edit.insert(uri, new vscode.Position(0, 0), text);
}

/** The core's config change in a workspace edit: a new config file, or edits to the text it has. */
function addConfigChange(edit: vscode.WorkspaceEdit, config: { uri: vscode.Uri; text?: string }, change: ConfigChange): void {
  if ('newText' in change) return createWithText(edit, config.uri, change.newText);
  const lines = new LineIndex(config.text ?? '');
  for (const { start, end, newText } of change.edits) edit.replace(config.uri, toRange({ start: lines.positionAt(start), end: lines.positionAt(end) }), newText);
}

const saveAll = (uris: vscode.Uri[]) => Promise.all(uris.map(async (uri) => (await vscode.workspace.openTextDocument(uri)).save()));

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
      // An ignore entry or a team term takes effect once its file is on disk, where medlint reads it.
      vscode.commands.registerCommand(SAVE_FILES, saveAll),
      // The new entry has placeholders only the writer can fill: shown beside the draft, which keeps the focus.
      vscode.commands.registerCommand(SAVE_TEAM_TERM, async (entry: vscode.Uri, others: vscode.Uri[]) => {
        await saveAll([entry, ...others]);
        await vscode.window.showTextDocument(entry, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
      }),
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

  /** An action that changes the workspace config (`changeOf` its text, undefined if there is none yet) and saves it. */
  private async configAction(document: vscode.TextDocument, title: string, changeOf: (configText: string | undefined) => ConfigChange | undefined): Promise<vscode.CodeAction | undefined> {
    const config = await this.configFor(document);
    const change = config && changeOf(config.text);
    if (!config || !change) return undefined;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    addConfigChange(action.edit, config, change);
    action.command = { title: 'Save the medlint config', command: SAVE_FILES, arguments: [[config.uri]] };
    return action;
  }

  /** The quick fixes that write to the workspace, not the document. */
  private workspaceAction(document: vscode.TextDocument, quickFix: Extract<QuickFix, { kind: 'ignore-workspace' | 'ignore-abbreviation' | 'add-team-term' }>): Promise<vscode.CodeAction | undefined> {
    switch (quickFix.kind) {
      case 'ignore-workspace':
        return this.configAction(document, quickFix.title, (configText) => configIgnoreChange(configText, quickFix.entry));
      case 'ignore-abbreviation':
        return this.configAction(document, quickFix.title, (configText) => abbreviationIgnoreChange(configText, quickFix.abbreviation));
      case 'add-team-term':
        return this.addTeamTerm(document, quickFix.title, quickFix.abbreviation);
    }
  }

  /** A new entry file for the abbreviation in the team's term folder, the folder named in the config if it is new. */
  private async addTeamTerm(document: vscode.TextDocument, title: string, abbreviation: FoundAbbreviation): Promise<vscode.CodeAction | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const config = await this.configFor(document);
    if (!folder || !config) return undefined;
    const termsPaths = vscode.workspace.getConfiguration('medlint', folder).get<string[]>('termsPaths') ?? [];
    const ids = new Set((await this.settings.settingsFor(document.uri)).linter.entries().map((entry) => entry.id));
    const team = teamTermEdit(abbreviation, { configText: config.text, termsPaths }, (id) => ids.has(id));
    if (!team) return undefined;
    const entry = vscode.Uri.joinPath(team.file.base === 'workspace' ? folder.uri : vscode.Uri.joinPath(config.uri, '..'), team.file.path);
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    createWithText(action.edit, entry, team.content);
    if (team.configEdit) addConfigChange(action.edit, config, team.configEdit);
    action.command = { title: 'Save and show the new team term', command: SAVE_TEAM_TERM, arguments: [entry, team.configEdit ? [config.uri] : []] };
    return action;
  }

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly settings: { settingsFor(uri: vscode.Uri): Promise<DocumentSettings> },
  ) {}

  private async fixAll(document: vscode.TextDocument): Promise<FixedDocument | undefined> {
    const { linter, ignored, parts, bibliography } = await this.settings.settingsFor(document.uri);
    if (ignored) return undefined;
    const sources = bibliography && citationSourcesOf(bibliography);
    return fixDocument(document.getText(), (text) => linter.lint(text, 'markdown', parts, sources));
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
        case 'ignore-workspace':
        case 'ignore-abbreviation':
        case 'add-team-term': {
          const accept = await this.workspaceAction(document, quickFix);
          if (accept) actions.push(accept);
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
