import * as vscode from 'vscode';
import { builtinCorpus } from '../node/builtinCorpus';
import { toRange } from './convert';
import { MedlintCodeActions } from './codeActions';
import { lintWorkspace, showDefinition, TermCardProvider, TERM_SCHEME } from './commands';
import { DiagnosticsController, isMarkdown } from './diagnostics';
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
  const activeLinter = async () => (await settings.settingsFor(vscode.window.activeTextEditor?.document.uri ?? vscode.Uri.file('/'))).linter;

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
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new MedlintCodeActions(diagnostics, docs), MedlintCodeActions.metadata),
    vscode.workspace.registerTextDocumentContentProvider(TERM_SCHEME, new TermCardProvider(activeLinter)),
    vscode.commands.registerCommand('medlint.lintWorkspace', () => lintWorkspace(settings, diagnostics)),
    vscode.commands.registerCommand('medlint.showDefinition', async (term?: string) => showDefinition(await activeLinter(), term)),
  );
  diagnostics.lintOpenDocuments();
  log.info(`medlint active: ${builtinCorpus.terms.length} terms, ${builtinCorpus.claims.length} claim files`);
  // For tests and other extensions: what medlint reported about configs and term files.
  return { problems: () => settings.problems() };
}

export function deactivate(): void {}
