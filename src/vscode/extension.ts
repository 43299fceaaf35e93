import * as vscode from 'vscode';
import { builtinCorpus } from '../node/builtinCorpus';
import { toRange } from './convert';
import { MedlintCodeActions } from './codeActions';
import { insertAbbreviationList, lintWorkspace, showDefinition, TermCardProvider, TERM_SCHEME } from './commands';
import { DiagnosticsController, isMarkdown } from './diagnostics';
import { GlossaryProvider } from './glossary';
import { SettingsResolver } from './settings';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown', scheme: 'file' }, { language: 'markdown', scheme: 'untitled' }, { language: 'markdown', scheme: 'vscode-remote' }];

/** The README that documents the rules: vsce packs README.md as readme.md. */
async function readmeOf(extension: vscode.Uri): Promise<vscode.Uri> {
  const packed = vscode.Uri.joinPath(extension, 'readme.md');
  try {
    await vscode.workspace.fs.stat(packed);
    return packed;
  } catch {
    return vscode.Uri.joinPath(extension, 'README.md');
  }
}

/** The medlint extension: a thin adapter over the core. Activation lints only the open documents. */
export async function activate(context: vscode.ExtensionContext) {
  const log = vscode.window.createOutputChannel('medlint', { log: true });
  const settings = new SettingsResolver(builtinCorpus, log);
  const readme = await readmeOf(context.extensionUri);
  const docs = (ruleId: string) => readme.with({ fragment: ruleId });
  const diagnostics = new DiagnosticsController(settings, docs);
  const linterFor = async (uri: vscode.Uri) => (await settings.settingsFor(uri)).linter;
  const activeLinter = () => linterFor(vscode.window.activeTextEditor?.document.uri ?? vscode.Uri.file('/'));
  const glossary = new GlossaryProvider(activeLinter);

  context.subscriptions.push(
    log,
    settings,
    diagnostics,
    vscode.languages.registerHoverProvider(MARKDOWN, {
      async provideHover(document, position) {
        if (!isMarkdown(document)) return undefined;
        const { linter } = await settings.settingsFor(document.uri);
        const card = linter.hover(document.getText(), document.offsetAt(position));
        if (!card) return undefined;
        const markdown = new vscode.MarkdownString(card.markdown);
        return new vscode.Hover(markdown, toRange(card.range));
      },
    }),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new MedlintCodeActions(diagnostics, docs, settings), MedlintCodeActions.metadata),
    MedlintCodeActions.registerCommands(),
    vscode.workspace.registerTextDocumentContentProvider(TERM_SCHEME, new TermCardProvider(activeLinter)),
    vscode.commands.registerCommand('medlint.lintWorkspace', () => lintWorkspace(settings, diagnostics)),
    vscode.commands.registerCommand('medlint.showDefinition', async (term?: string) => showDefinition(await activeLinter(), term)),
    vscode.commands.registerCommand('medlint.insertAbbreviationList', () => insertAbbreviationList(linterFor)),
    glossary,
    vscode.window.createTreeView('medlint.glossary', { treeDataProvider: glossary, showCollapseAll: true }),
    settings.onDidChange(() => glossary.refresh()),
    vscode.window.onDidChangeActiveTextEditor(() => glossary.refresh()),
  );
  diagnostics.lintOpenDocuments();
  log.info(`medlint active: ${builtinCorpus.terms.length} terms, ${builtinCorpus.claims.length} claim files`);
  // For tests and other extensions: what medlint reported about configs and term files, what it
  // told the writer in notifications, and the glossary tree as the view shows it.
  return { problems: () => settings.problems(), notices: () => [...diagnostics.notices], glossary };
}

export function deactivate(): void {}
