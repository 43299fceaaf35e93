import * as vscode from 'vscode';
import { builtinCorpus } from '../node/builtinCorpus';
import { CitationCompletions } from './citations';
import { MedlintCodeActions } from './codeActions';
import { insertAbbreviationList, lintWorkspace, openRuleDocs, ruleDocsLink, showDefinition } from './commands';
import { DiagnosticsController, WRITER_SCHEMES } from './diagnostics';
import { copyDefinition, GlossaryProvider, insertTerm } from './glossary';
import { TermHovers } from './hover';
import { RenderedView } from './rendered';
import { SettingsResolver } from './settings';
import { startLintWorker } from './lintThread';
import { FindingsStatus, ReadabilityStatus } from './statusBar';
import { BUILTIN_PROFILES } from '../core/profiles';

// Every language: which ones medlint lints is the `medlint.languages` setting, read per document.
const WRITER_DOCUMENTS: vscode.DocumentSelector = WRITER_SCHEMES.map((scheme) => ({ scheme }));

/** The medlint extension: a thin adapter over the core. Activation lints only the open documents. */
export async function activate(context: vscode.ExtensionContext) {
  const log = vscode.window.createOutputChannel('medlint', { log: true });
  const notices: string[] = [];
  const settings = new SettingsResolver(builtinCorpus, log, notices);
  // medlint's own files (its README, its examples) are documentation to read, not drafts to lint.
  const extensionPath = `${context.extensionUri.path.replace(/\/$/, '')}/`;
  const isOwnDocument = (uri: vscode.Uri) => uri.authority === context.extensionUri.authority && uri.path.startsWith(extensionPath);
  const lintWorker = startLintWorker(context.extensionUri);
  const diagnostics = new DiagnosticsController(settings, ruleDocsLink, isOwnDocument, log, notices, lintWorker);
  const linterFor = async (uri: vscode.Uri) => (await settings.settingsFor(uri)).linter;
  const activeLinter = () => linterFor(vscode.window.activeTextEditor?.document.uri ?? vscode.Uri.file('/'));
  const glossary = new GlossaryProvider(activeLinter);
  const glossaryView = vscode.window.createTreeView('medlint.glossary', { treeDataProvider: glossary, showCollapseAll: true });
  glossary.attach(glossaryView);
  const rendered = new RenderedView();
  const status = new FindingsStatus(diagnostics.collection);
  const readabilityStatus = new ReadabilityStatus(diagnostics, async (uri) => [...BUILTIN_PROFILES, ...Object.keys((await linterFor(uri)).options.profiles ?? {})]);
  const entryOf = (node: { entry?: { id: string } } | undefined) => node?.entry && activeLinter().then((linter) => linter.define(node.entry!.id));

  context.subscriptions.push(
    log,
    { dispose: () => lintWorker?.dispose() },
    settings,
    diagnostics,
    rendered,
    status,
    readabilityStatus,
    vscode.languages.registerHoverProvider(WRITER_DOCUMENTS, new TermHovers(settings, diagnostics)),
    vscode.languages.registerCompletionItemProvider(WRITER_DOCUMENTS, new CitationCompletions(settings, diagnostics), ...CitationCompletions.triggerCharacters),
    vscode.languages.registerCodeActionsProvider(WRITER_DOCUMENTS, new MedlintCodeActions(diagnostics, settings), MedlintCodeActions.metadata),
    MedlintCodeActions.registerCommands(),
    vscode.commands.registerCommand('medlint.lintWorkspace', () => lintWorkspace(settings, diagnostics)),
    vscode.commands.registerCommand('medlint.showDefinition', async (term?: string) => showDefinition(await activeLinter(), rendered, term)),
    vscode.commands.registerCommand('medlint.openRuleDocs', (ruleId?: string) => openRuleDocs(rendered, ruleId)),
    vscode.commands.registerCommand('medlint.insertAbbreviationList', () => insertAbbreviationList(linterFor)),
    vscode.commands.registerCommand('medlint.glossary.search', (query?: string) => (typeof query === 'string' ? glossary.search(query) : glossary.promptSearch())),
    vscode.commands.registerCommand('medlint.glossary.clearSearch', () => glossary.search('')),
    vscode.commands.registerCommand('medlint.glossary.insertTerm', async (node?: { entry?: { id: string } }) => {
      const entry = await entryOf(node);
      return entry ? insertTerm(entry) : false;
    }),
    vscode.commands.registerCommand('medlint.glossary.copyDefinition', async (node?: { entry?: { id: string } }) => {
      const entry = await entryOf(node);
      if (entry) await copyDefinition(entry);
    }),
    glossary,
    glossaryView,
    settings.onDidChange(() => glossary.refresh()),
    vscode.window.onDidChangeActiveTextEditor(() => glossary.refresh()),
  );
  diagnostics.lintOpenDocuments();
  log.info(`medlint active: ${builtinCorpus.terms.length} terms, ${builtinCorpus.claims.length} claim files`);
  // For tests and other extensions: what medlint reported about configs and term files, what it
  // told the writer in notifications, the glossary tree as the view shows it, the rendered card or
  // rule page, the status bar text, the folder of medlint's log, and what the lint worker did.
  return {
    problems: () => settings.problems(),
    notices: () => [...notices],
    glossary,
    rendered: () => rendered.shown,
    status: () => status.item.text,
    readabilityStatus: () => readabilityStatus.text,
    showReadability: () => readabilityStatus.showSections(),
    logFolder: context.logUri,
    lintWorker: () => (lintWorker ? { ...lintWorker.cancelled, linted: diagnostics.lintedOffThread } : undefined),
  };
}

export function deactivate(): void {}
