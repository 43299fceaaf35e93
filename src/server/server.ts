import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  type CompletionItem,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type CreateFile,
  type Range as LspRange,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatProblem } from '../core/corpus/types';
import { describeFixSummary, disableLineInsertion, FIX_ALL_TITLE, fixDocument, minimalEdit, planQuickFixes, type QuickFix } from '../core/fixes';
import { fromUtf16, toUtf16, type PositionEncoding } from '../core/text/encoding';
import type { Finding, Fix, Notice, Range, Severity, SeveritySetting } from '../core/types';
import { abbreviationIgnoreChange, configIgnoreChange, documentIgnoreEdit, type ConfigChange, type TextEdit as OffsetEdit } from '../core/ignoreEdits';
import { teamTermEdit, type FoundAbbreviation } from '../core/teamTerms';
import { builtinCorpus } from '../node/builtinCorpus';
import { CONFIG_FILE_NAMES, Project } from '../node/project';

const FIX_ALL = `${CodeActionKind.SourceFixAll}.medlint`;
const SHOW_FIX_SUMMARY = 'medlint.showFixSummary';
// The quick fixes that write to the workspace: the server computes their edit when run, and asks the client to apply it.
const ADD_TEAM_TERM = 'medlint.addTeamTerm';
const IGNORE_ABBREVIATION = 'medlint.ignoreAbbreviation';
const DEBOUNCE_MS = 300;
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The `medlint` settings an editor sends, the same as the VS Code extension's. */
interface EditorSettings {
  run: 'onSave' | 'onType';
  rules: Record<string, SeveritySetting>;
  termsPaths: string[];
}

function settingsFrom(value: unknown): EditorSettings {
  const medlint = (value as { medlint?: Partial<EditorSettings> } | undefined)?.medlint ?? {};
  return {
    run: medlint.run === 'onSave' ? 'onSave' : 'onType',
    rules: typeof medlint.rules === 'object' && medlint.rules ? medlint.rules : {},
    termsPaths: Array.isArray(medlint.termsPaths) ? medlint.termsPaths.filter((path): path is string => typeof path === 'string') : [],
  };
}

/** `medlint lsp --stdio`: diagnostics, hover and code actions for any LSP client, over the core. */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const readme = pathToFileURL(join(__dirname, '..', 'README.md')).href;
  let encoding: PositionEncoding = 'utf-16';
  let canShowDocument = false;
  let canWatchFiles = false;
  let root = process.cwd();
  let settings = settingsFrom(undefined);
  let project = new Project(builtinCorpus, { base: root });
  let reported = new Set<string>();

  const rebuild = () => {
    project = new Project(builtinCorpus, { base: root, editorRules: settings.rules, termsPaths: settings.termsPaths });
    reported = new Set();
  };

  const pathOf = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : join(root, 'untitled.md'));
  const linterFor = (document: TextDocument) => {
    const path = pathOf(document.uri);
    const scope = project.settingsFor(path);
    const onDisk = document.uri.startsWith('file:');
    // A chapter of a document in several files continues the others' abbreviations (read from disk).
    const parts = onDisk ? project.partsFor(path) : undefined;
    // The bibliography the front matter or the Quarto project names, relative to the document's folder.
    const sources = onDisk ? project.citationSourcesFor(path, document.getText()) : undefined;
    for (const problem of project.problems.map(formatProblem)) {
      if (reported.has(problem)) continue;
      reported.add(problem);
      connection.window.showWarningMessage(`medlint: ${problem}`);
    }
    return { ...scope, parts, sources };
  };

  // Core positions are UTF-16; a client may have negotiated UTF-8 or UTF-32 columns.
  const lineText = (document: TextDocument, line: number) => document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
  const toClient = (document: TextDocument, range: Range): LspRange => ({
    start: { line: range.start.line, character: fromUtf16(lineText(document, range.start.line), range.start.character, encoding) },
    end: { line: range.end.line, character: fromUtf16(lineText(document, range.end.line), range.end.character, encoding) },
  });
  const fromClient = (document: TextDocument, position: { line: number; character: number }) =>
    document.offsetAt({ line: position.line, character: toUtf16(lineText(document, position.line), position.character, encoding) });

  // Edits to files the client may not have open: versionless, in the negotiated encoding.
  const fileEdit = (file: string, text: string, edits: readonly OffsetEdit[]): TextDocumentEdit => {
    const uri = pathToFileURL(file).href;
    const document = TextDocument.create(uri, '', 0, text);
    const at = (offset: number) => {
      const position = document.positionAt(offset);
      return { line: position.line, character: fromUtf16(lineText(document, position.line), position.character, encoding) };
    };
    return { textDocument: { uri, version: null }, edits: edits.map((edit) => ({ range: { start: at(edit.start), end: at(edit.end) }, newText: edit.newText })) };
  };
  const createWithText = (file: string, text: string): (CreateFile | TextDocumentEdit)[] => [
    { kind: 'create', uri: pathToFileURL(file).href, options: { ignoreIfExists: true } },
    fileEdit(file, '', [{ start: 0, end: 0, newText: text }]),
  ];
  /** The nearest config file, or a new .medlintrc.json at the workspace root, with its text if it exists. */
  const configOf = (documentUri: string): { file: string; text?: string } => {
    const file = project.settingsFor(pathOf(documentUri)).configFile ?? join(root, CONFIG_FILE_NAMES[0]!);
    return existsSync(file) ? { file, text: readFileSync(file, 'utf8') } : { file };
  };
  const configEdit = (config: { file: string; text?: string }, change: ConfigChange): (CreateFile | TextDocumentEdit)[] =>
    'newText' in change ? createWithText(config.file, change.newText) : [fileEdit(config.file, config.text ?? '', change.edits)];
  const configChangeEdit = (documentUri: string, changeOf: (configText: string | undefined) => ConfigChange | undefined): WorkspaceEdit | undefined => {
    const config = configOf(documentUri);
    const change = changeOf(config.text);
    return change && { documentChanges: configEdit(config, change) };
  };
  /** "Add ABBR to team terms": the entry file in the team's term folder (the folder named in the config if new), and the entry's file. */
  const teamTermChange = (documentUri: string, abbreviation: FoundAbbreviation): { edit: WorkspaceEdit; entry: string } | undefined => {
    const config = configOf(documentUri);
    const ids = new Set(project.settingsFor(pathOf(documentUri)).linter.entries().map((entry) => entry.id));
    const team = teamTermEdit(abbreviation, { configText: config.text, termsPaths: settings.termsPaths }, (id) => ids.has(id));
    if (!team) return undefined;
    const entry = resolve(team.file.base === 'workspace' ? root : dirname(config.file), team.file.path);
    return { edit: { documentChanges: [...createWithText(entry, team.content), ...(team.configEdit ? configEdit(config, team.configEdit) : [])] }, entry };
  };

  // Documents medlint has told about a notice (parts read as plain text): told once, again only after it went away.
  const told = new Set<string>();
  const tellOnce = (document: TextDocument, notices: Notice[]) => {
    if (notices.length === 0) {
      told.delete(document.uri);
      return;
    }
    if (told.has(document.uri)) return;
    told.add(document.uri);
    // A notification, not a request: the writer has nothing to answer.
    for (const notice of notices) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `medlint: ${document.uri.split('/').pop()}: ${notice.message}` });
  };

  const findingsOf = (document: TextDocument): Finding[] => {
    const { linter, ignored, parts, sources } = linterFor(document);
    if (ignored) return [];
    try {
      const text = document.getText();
      const findings = linter.lint(text, 'markdown', parts, sources);
      tellOnce(document, linter.notices(text));
      return findings;
    } catch (error) {
      // A document medlint cannot read must not take the server down for the others.
      connection.console.error(`medlint: ${document.uri}: ${(error as Error).stack ?? error}`);
      return [];
    }
  };

  const publish = (document: TextDocument) => {
    const version = document.version;
    const diagnostics: Diagnostic[] = findingsOf(document).map((finding) => ({
      range: toClient(document, finding.range),
      severity: SEVERITY[finding.severity],
      source: 'medlint',
      code: finding.ruleId,
      codeDescription: { href: `${readme}#${finding.ruleId}` },
      message: finding.message,
      // The why, once, beside the short message: clients show it under the diagnostic.
      ...(finding.explanation ? { relatedInformation: [{ location: { uri: document.uri, range: toClient(document, finding.range) }, message: finding.explanation }] } : {}),
    }));
    // Only the current version's findings: an older text's would point at the wrong words.
    if (documents.get(document.uri)?.version === version) void connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
  };

  const schedule = (document: TextDocument) => {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) publish(current);
      }, DEBOUNCE_MS),
    );
  };

  connection.onInitialize((params): InitializeResult => {
    const offered = params.capabilities.general?.positionEncodings ?? [];
    encoding = (offered.find((candidate) => candidate === 'utf-16' || candidate === 'utf-8' || candidate === 'utf-32') as PositionEncoding | undefined) ?? 'utf-16';
    canShowDocument = params.capabilities.window?.showDocument?.support === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (folder?.startsWith('file:')) root = fileURLToPath(folder);
    settings = settingsFrom(params.initializationOptions);
    rebuild();
    return {
      capabilities: {
        positionEncoding: encoding,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['@'], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
        executeCommandProvider: { commands: [SHOW_FIX_SUMMARY, ADD_TEAM_TERM, IGNORE_ABBREVIATION] },
      },
      serverInfo: { name: 'medlint' },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    settings = settingsFrom(change.settings);
    rebuild();
    for (const document of documents.all()) publish(document);
  });

  // The files whose changes change findings: configs and team terms (YAML), and the bibliographies,
  // Quarto metadata and CSL styles that citations are checked against. A client that watches files
  // for the server is asked to; another tells the server what it watches, if anything.
  connection.onInitialized(() => {
    if (!canWatchFiles) return;
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/{${CONFIG_FILE_NAMES.join(',')}}` }, { globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*.{bib,bibtex,json,csl}' }],
    });
  });

  // A watched file changed (or an ignore action wrote one): read configs and terms again, and lint again.
  connection.onDidChangeWatchedFiles(() => {
    rebuild();
    for (const document of documents.all()) publish(document);
  });

  documents.onDidOpen(({ document }) => publish(document));
  documents.onDidSave(({ document }) => publish(document));
  documents.onDidChangeContent(({ document }) => {
    if (settings.run === 'onType') schedule(document);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    told.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const { linter, sources } = linterFor(document);
    const text = document.getText();
    const offset = fromClient(document, params.position);
    const reference = sources && linter.citationHover(text, offset, sources);
    if (reference) return { contents: { kind: 'markdown', value: reference.markdown }, range: toClient(document, reference.span.range) };
    const card = linter.hover(text, offset);
    return card ? { contents: { kind: 'markdown', value: card.markdown }, range: toClient(document, card.range) } : null;
  });

  // medlint/readability: the document's profile and reading grades per section, as the VS Code status bar shows them.
  connection.onRequest('medlint/readability', (params: { textDocument: { uri: string } }) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const report = linterFor(document).linter.readability(document.getText());
    return {
      ...report,
      sections: report.sections.map(({ span, hardest, ...section }) => ({ ...section, range: toClient(document, span.range), hardest: hardest.map(({ span: at, ...sentence }) => ({ ...sentence, range: toClient(document, at.range) })) })),
    };
  });

  // Citation keys from the bibliography after `[@`, `@` or `; @`; the formatted reference when an item is shown.
  connection.onCompletion((params): CompletionItem[] => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const { linter, sources } = linterFor(document);
    const completion = sources && linter.citationCompletion(document.getText(), fromClient(document, params.position), sources);
    if (!completion) return [];
    const range = toClient(document, completion.span.range);
    return completion.items.map(({ key, detail }) => ({ label: key, kind: CompletionItemKind.Reference, detail, textEdit: { range, newText: key }, data: { uri: document.uri, key } }));
  });

  connection.onCompletionResolve((item): CompletionItem => {
    const { uri, key } = (item.data ?? {}) as { uri?: string; key?: string };
    const document = uri ? documents.get(uri) : undefined;
    const sources = document && linterFor(document).sources;
    const reference = sources && key ? sources.bibliography.formatReference(key, sources.style) : undefined;
    return reference ? { ...item, documentation: { kind: 'markdown', value: reference } } : item;
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const findings = findingsOf(document);
    const action = (title: string, kind: string, textEdits: TextEdit[]): CodeAction => ({ title, kind, edit: { changes: { [document.uri]: textEdits } } });
    const replacements = (fixes: Pick<Fix, 'range' | 'newText'>[]): TextEdit[] => fixes.map((fix) => ({ range: toClient(document, fix.range), newText: fix.newText }));
    // Fix-all: the core's safe fixes to a fixed point, as one edit, and what it did.
    const fixAll = (title: string, kind: string): CodeAction | undefined => {
      const { linter, ignored, parts, sources } = linterFor(document);
      if (ignored) return undefined;
      const before = document.getText();
      const fixed = fixDocument(before, (text) => linter.lint(text, 'markdown', parts, sources));
      const edit = minimalEdit(before, fixed.text);
      const range = toClient(document, { start: document.positionAt(edit.start), end: document.positionAt(edit.end) });
      const textEdits = edit.start === edit.end && !edit.newText ? [] : [{ range, newText: edit.newText }];
      return { ...action(title, kind, textEdits), command: { title: 'Show what medlint fixed', command: SHOW_FIX_SUMMARY, arguments: [describeFixSummary(fixed.summary)] } };
    };
    if (params.context.only?.some((kind) => FIX_ALL.startsWith(kind))) return [fixAll(FIX_ALL_TITLE, FIX_ALL)].filter((candidate): candidate is CodeAction => candidate !== undefined);
    const toAction = (quickFix: QuickFix): CodeAction | undefined => {
      switch (quickFix.kind) {
        case 'fix':
          return { ...action(quickFix.title, CodeActionKind.QuickFix, replacements(quickFix.fixes)), ...(quickFix.preferred ? { isPreferred: true } : {}) };
        case 'fix-all':
          return fixAll(quickFix.title, CodeActionKind.QuickFix);
        case 'fix-all-rule':
          return action(quickFix.title, CodeActionKind.QuickFix, replacements(quickFix.fixes));
        case 'disable-line': {
          const text = lineText(document, quickFix.line);
          const insertion = disableLineInsertion(text, quickFix.ruleId);
          const at = { line: quickFix.line, character: fromUtf16(text, insertion.character, encoding) };
          return action(quickFix.title, CodeActionKind.QuickFix, [{ range: { start: at, end: at }, newText: insertion.text }]);
        }
        case 'ignore-document': {
          const edit = documentIgnoreEdit(document.getText(), quickFix.entry);
          if (!edit) return undefined;
          return action(quickFix.title, CodeActionKind.QuickFix, [{ range: toClient(document, { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }), newText: edit.newText }]);
        }
        case 'ignore-workspace': {
          const edit = configChangeEdit(document.uri, (configText) => configIgnoreChange(configText, quickFix.entry));
          return edit && { title: quickFix.title, kind: CodeActionKind.QuickFix, edit };
        }
        // Offered where there is something to write; what is written is computed again when run.
        case 'ignore-abbreviation':
          return configChangeEdit(document.uri, (configText) => abbreviationIgnoreChange(configText, quickFix.abbreviation))
            ? { title: quickFix.title, kind: CodeActionKind.QuickFix, command: { title: quickFix.title, command: IGNORE_ABBREVIATION, arguments: [document.uri, quickFix.abbreviation] } }
            : undefined;
        case 'add-team-term':
          return teamTermChange(document.uri, quickFix.abbreviation)
            ? { title: quickFix.title, kind: CodeActionKind.QuickFix, command: { title: quickFix.title, command: ADD_TEAM_TERM, arguments: [document.uri, quickFix.abbreviation] } }
            : undefined;
        case 'docs':
          // Diagnostics carry the documentation link (codeDescription); LSP has no portable "open" action.
          return undefined;
      }
    };
    const requested = { start: fromClient(document, params.range.start), end: fromClient(document, params.range.end) };
    return planQuickFixes(findings, requested.start, requested.end, document.getText()).map(toAction).filter((candidate): candidate is CodeAction => candidate !== undefined);
  });

  connection.onExecuteCommand(async ({ command, arguments: args = [] }) => {
    switch (command) {
      case SHOW_FIX_SUMMARY:
        if (typeof args[0] === 'string') void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `medlint: ${args[0]}` });
        return;
      case IGNORE_ABBREVIATION: {
        const [documentUri, short] = args as [string, string];
        const edit = configChangeEdit(documentUri, (configText) => abbreviationIgnoreChange(configText, short));
        if (edit) await connection.workspace.applyEdit({ label: `Ignore ${short} in this workspace`, edit });
        return;
      }
      case ADD_TEAM_TERM: {
        const [documentUri, abbreviation] = args as [string, FoundAbbreviation];
        const change = teamTermChange(documentUri, abbreviation);
        if (!change) return;
        const { applied } = await connection.workspace.applyEdit({ label: `Add ${abbreviation.short} to team terms`, edit: change.edit });
        // Its placeholders are the writer's to fill: shown beside, the focus left in the draft.
        if (applied && canShowDocument) await connection.window.showDocument({ uri: pathToFileURL(change.entry).href, takeFocus: false });
      }
    }
  });

  documents.listen(connection);
  connection.listen();
}
