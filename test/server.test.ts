import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { teamTermYaml } from '../src/core/teamTerms';
import { FAS_DRAFT, FAS_QUICK_FIXES, ROOT, SAP_DRAFT } from './helpers';
import { LspClient } from './lsp-client';

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  source: string;
  message: string;
  codeDescription: { href: string };
}
interface PublishDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
interface CodeAction {
  title: string;
  kind: string;
  edit: { changes: Record<string, { range: Diagnostic['range']; newText: string }[]> };
  command?: { title: string; command: string; arguments?: unknown[] };
}

/** A change of a workspace edit's `documentChanges`: a file to create, or edits to one. */
type FileCreate = { kind: 'create'; uri: string; options: { ignoreIfExists: boolean } };
type FileEdit = { textDocument: { uri: string; version: null }; edits: { range: Diagnostic['range']; newText: string }[] };
interface ServerRequest<T> {
  method: string;
  params: T;
}

const SAMPLE = 'Tumours evade T cells through PD-1. Keytruda is an anti–PD-1 antibody.\n';

function show(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${start.line}:${start.character}-${end.line}:${end.character} ${diagnostic.code} ${diagnostic.message}`;
}

async function started(positionEncodings?: string[], capabilities: object = {}): Promise<{ client: LspClient; uri: string; folder: string; encoding: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'medlint-lsp-'));
  writeFileSync(join(folder, 'draft.md'), SAMPLE);
  const client = new LspClient(folder);
  const result = await client.request<{ capabilities: { positionEncoding: string; hoverProvider: boolean } }>('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    capabilities: { ...capabilities, ...(positionEncodings ? { general: { positionEncodings } } : {}) },
  });
  assert.equal(result.capabilities.hoverProvider, true);
  client.notify('initialized', {});
  return { client, uri: pathToFileURL(join(folder, 'draft.md')).href, folder, encoding: result.capabilities.positionEncoding };
}

function open(client: LspClient, uri: string, text: string, version = 1): void {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
}

async function stop(client: LspClient): Promise<void> {
  assert.equal(await client.request('shutdown', null), null);
  client.notify('exit', null);
  assert.equal(await client.exited, 0);
}

describe('medlint lsp --stdio (built server, JSON-RPC over stdio)', function () {
  this.timeout(20_000);

  it('publishes diagnostics with exact UTF-16 ranges, rule codes and doc links', async () => {
    const { client, uri, encoding } = await started();
    assert.equal(encoding, 'utf-16');
    open(client, uri, SAMPLE);
    const published = await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    assert.deepEqual(published.diagnostics.map(show), [
      '0:30-0:34 undefined-abbreviation "PD-1" is not defined at first use: write "programmed cell death protein 1 (PD-1)".',
      '0:36-0:44 brand-name "Keytruda" is a brand name: use the generic name "pembrolizumab".',
    ]);
    assert.equal(published.diagnostics[1]!.source, 'medlint');
    assert.equal(published.diagnostics[1]!.severity, 2);
    assert.match(published.diagnostics[1]!.codeDescription.href, /README\.md#brand-name$/);
    await stop(client);
  });

  it('answers hover on a term and inside anti–PD-1', async () => {
    const { client, uri } = await started();
    open(client, uri, SAMPLE);
    const onTerm = await client.request<{ contents: { kind: string; value: string }; range: Diagnostic['range'] }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 31 } });
    assert.equal(onTerm.contents.kind, 'markdown');
    assert.match(onTerm.contents.value, /^\*\*PD-1\*\* · programmed cell death protein 1 \*\(receptor\)\*/);
    const column = SAMPLE.indexOf('anti–PD-1') + 'anti–'.length;
    const inCompound = await client.request<{ range: Diagnostic['range'] }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: column + 2 } });
    // The longest term under the cursor wins: "PD-1 antibody" names the PD-1 inhibitor class.
    assert.deepEqual(inCompound.range, { start: { line: 0, character: column }, end: { line: 0, character: column + 'PD-1 antibody'.length } });
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } }), null);
    await stop(client);
  });

  it('answers medlint/readability with the profile and the grade of each section, placed in the document', async () => {
    const { client, uri } = await started();
    const text = '---\nmedlint: { profile: patient }\n---\n\n# Your medicine\n\nTake one pill each day. Drink a glass of water with it.\n';
    open(client, uri, text);
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    const report = await client.request<{ profile: { label: string }; targetGrade: number; document: { words: number; sentences: number }; sections: { title: string; range: Diagnostic['range'] }[] }>('medlint/readability', { textDocument: { uri } });
    assert.equal(report.profile.label, 'Patient');
    assert.equal(report.targetGrade, 8);
    assert.deepEqual([report.document.sentences, report.document.words], [2, 12]);
    assert.deepEqual(report.sections.map((section) => [section.title, section.range]), [['Your medicine', { start: { line: 4, character: 2 }, end: { line: 4, character: 15 } }]]);
    await stop(client);
  });

  it('offers code actions whose edits give the fixed text, and source.fixAll.medlint with only the safe fixes and a summary', async () => {
    const { client, uri } = await started();
    const text = 'Patients took Opdivo and Yervoy with PD1 blockers.\nPD1 rose.\n';
    open(client, uri, text);
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    const range = { start: { line: 0, character: 14 }, end: { line: 0, character: 20 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    // A brand's generic changes what the sentence names: offered per instance, never for the whole file.
    assert.deepEqual(actions.map((action) => action.title), [
      'Replace with "nivolumab" (brand-name)',
      'Fix all safe medlint problems',
      'Disable brand-name for this line',
      'Ignore "Opdivo" in this document (brand-name)',
      'Ignore "Opdivo" in this workspace (brand-name)',
    ]);
    const document = TextDocument.create(uri, 'markdown', 1, text);
    const applied = (action: CodeAction) => TextDocument.applyEdits(document, action.edit.changes[uri]!);
    const safelyFixed = 'Patients took Opdivo and Yervoy with programmed cell death protein 1 (PD-1) blockers.\nPD-1 rose.\n';
    assert.equal(applied(actions[0]!), 'Patients took nivolumab and Yervoy with PD1 blockers.\nPD1 rose.\n');
    assert.equal(applied(actions[1]!), safelyFixed);
    assert.equal(applied(actions[2]!), 'Patients took Opdivo and Yervoy with PD1 blockers. <!-- medlint-disable-line brand-name -->\nPD1 rose.\n');
    const [fixAll] = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(fixAll?.kind, 'source.fixAll.medlint');
    assert.equal(applied(fixAll!), safelyFixed);
    const summary = 'Fixed 2 problems (preferred-term 2). 2 fixes change the meaning: apply them one by one (brand-name 2).';
    assert.deepEqual(fixAll!.command, { title: 'Show what medlint fixed', command: 'medlint.showFixSummary', arguments: [summary] });
    await client.request('workspace/executeCommand', { command: fixAll!.command!.command, arguments: fixAll!.command!.arguments });
    const shown = await client.notification<{ message: string }>('window/showMessage', (params) => params.message.startsWith('medlint: Fixed'));
    assert.equal(shown.message, `medlint: ${summary}`);
    await stop(client);
  });

  it('offers to ignore a finding in the document (front matter) or the workspace (.medlintrc.json), and re-reads the config when told it changed', async () => {
    const { client, uri, folder } = await started();
    const text = 'Patients took Keytruda.\n';
    open(client, uri, text);
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.diagnostics.length === 1);
    const range = { start: { line: 0, character: 15 }, end: { line: 0, character: 15 } };
    type Actions = (CodeAction & { edit: { documentChanges?: [{ kind: string; uri: string }, { textDocument: { uri: string }; edits: { newText: string }[] }] } })[];
    const actions = await client.request<Actions>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    assert.deepEqual(actions.map((action) => action.title), [
      'Replace with "pembrolizumab" (brand-name)',
      'Disable brand-name for this line',
      'Ignore "Keytruda" in this document (brand-name)',
      'Ignore "Keytruda" in this workspace (brand-name)',
    ]);
    const document = TextDocument.create(uri, 'markdown', 1, text);
    assert.equal(TextDocument.applyEdits(document, actions[2]!.edit.changes[uri]!), '---\nmedlint:\n  ignore:\n    - { text: "Keytruda", rule: brand-name }\n---\n\nPatients took Keytruda.\n');
    const configUri = pathToFileURL(join(folder, '.medlintrc.json')).href;
    const [create, insert] = actions[3]!.edit.documentChanges!;
    assert.deepEqual([create.kind, create.uri, insert.textDocument.uri], ['create', configUri, configUri]);
    // The client applies the edit and tells the server the watched file changed.
    writeFileSync(join(folder, '.medlintrc.json'), insert.edits[0]!.newText);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 1 }] });
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.diagnostics.length === 0);
    // Now in the config, the workspace action is not offered again.
    const after = await client.request<Actions>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    assert.deepEqual(after, []);
    await stop(client);
  });

  it('adds the workspace ignore entry to an existing .medlintrc.json, keeping what it holds', async () => {
    const { client, uri, folder } = await started();
    const configFile = join(folder, '.medlintrc.json');
    writeFileSync(configFile, '{\n  // ours\n  "rules": {}\n}\n');
    open(client, uri, 'Patients took Keytruda.\n');
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.diagnostics.length === 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 15 }, end: { line: 0, character: 15 } }, context: { diagnostics: [] } });
    const workspace = actions.find((action) => action.title === 'Ignore "Keytruda" in this workspace (brand-name)') as CodeAction & { edit: { documentChanges: FileEdit[] } };
    const configUri = pathToFileURL(configFile).href;
    const config = TextDocument.create(configUri, 'json', 1, '{\n  // ours\n  "rules": {}\n}\n');
    const [configEdit] = workspace.edit.documentChanges;
    assert.deepEqual(configEdit?.textDocument, { uri: configUri, version: null });
    assert.equal(
      TextDocument.applyEdits(config, configEdit.edits),
      '{\n  // ours\n  "rules": {},\n  "ignore": [\n    {\n      "text": "Keytruda",\n      "rule": "brand-name"\n    }\n  ]\n}\n',
    );
    await stop(client);
  });

  it('adds an abbreviation the corpus lacks to the team terms, and ignores one in the workspace, by commands whose edits the client applies', async () => {
    const { client, uri, folder } = await started(undefined, { window: { showDocument: { support: true } } });
    open(client, uri, FAS_DRAFT);
    const fas = await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.diagnostics.length === 1);
    assert.deepEqual(fas.diagnostics.map(show), ['0:4-0:7 undefined-abbreviation "FAS" is not defined at first use: write the term in full, followed by "(FAS)".']);
    const range = { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    assert.deepEqual(actions.map((action) => action.title), FAS_QUICK_FIXES);
    const [add, ignore] = actions.slice(2);
    assert.deepEqual(add, { title: 'Add FAS to team terms', kind: 'quickfix', command: { title: 'Add FAS to team terms', command: 'medlint.addTeamTerm', arguments: [uri, { short: 'FAS' }] } });
    assert.deepEqual(ignore, { title: 'Ignore FAS in this workspace', kind: 'quickfix', command: { title: 'Ignore FAS in this workspace', command: 'medlint.ignoreAbbreviation', arguments: [uri, 'FAS'] } });

    // No config and no termsPaths: the entry goes to a new terms/ folder, which a new config names.
    await client.request('workspace/executeCommand', { command: add!.command!.command, arguments: add!.command!.arguments });
    const entryFile = join(folder, 'terms', 'fas.yaml');
    const configFile = join(folder, '.medlintrc.json');
    const [entryUri, configUri] = [entryFile, configFile].map((file) => pathToFileURL(file).href) as [string, string];
    const start = { line: 0, character: 0 };
    const created = (fileUri: string, text: string): [FileCreate, FileEdit] => [
      { kind: 'create', uri: fileUri, options: { ignoreIfExists: true } },
      { textDocument: { uri: fileUri, version: null }, edits: [{ range: { start, end: start }, newText: text }] },
    ];
    const entryText = teamTermYaml({ short: 'FAS' }, 'terms');
    const configText = '{\n  "terms": [\n    "terms"\n  ]\n}\n';
    assert.deepEqual(
      client.requests.map(({ method, params }) => ({ method, params })),
      [
        { method: 'workspace/applyEdit', params: { label: 'Add FAS to team terms', edit: { documentChanges: [...created(entryUri, entryText), ...created(configUri, configText)] } } },
        { method: 'window/showDocument', params: { uri: entryUri, takeFocus: false } },
      ],
    );
    // The client saves the files and tells the server they changed: the entry spares FAS a definition until its expansion is written.
    mkdirSync(join(folder, 'terms'));
    writeFileSync(entryFile, entryText);
    writeFileSync(configFile, configText);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: entryUri, type: 1 }, { uri: configUri, type: 1 }] });
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.diagnostics.length === 0);

    // Ignoring an abbreviation edits the config there now is, keeping what it holds.
    const other = pathToFileURL(join(folder, 'other.md')).href;
    open(client, other, SAP_DRAFT);
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === other && params.diagnostics.length === 1);
    const offered = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: other }, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, context: { diagnostics: [] } });
    const ignoreSap = offered.find((action) => action.title === 'Ignore SAP in this workspace')!;
    await client.request('workspace/executeCommand', { command: ignoreSap.command!.command, arguments: ignoreSap.command!.arguments });
    const { params } = client.requests[2] as ServerRequest<{ label: string; edit: { documentChanges: FileEdit[] } }>;
    assert.equal(params.label, 'Ignore SAP in this workspace');
    const [configEdit] = params.edit.documentChanges;
    assert.deepEqual(configEdit?.textDocument, { uri: configUri, version: null });
    const ignored = TextDocument.applyEdits(TextDocument.create(configUri, 'json', 1, configText), configEdit.edits);
    assert.equal(ignored, '{\n  "terms": [\n    "terms"\n  ],\n  "abbreviations": {\n    "ignore": [\n      "SAP"\n    ]\n  }\n}\n');
    assert.equal(client.requests.length, 3);
    writeFileSync(configFile, ignored);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === other && params.diagnostics.length === 0);
    await stop(client);
  });

  it('lists one fix per sense of an ambiguous abbreviation, likeliest first, none preferred', async () => {
    const { client, uri } = await started();
    open(client, uri, 'HR status was known for all patients.\n');
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.diagnostics.length === 1);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await client.request<(CodeAction & { isPreferred?: boolean })[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    const fixes = actions.filter((action) => action.title.startsWith('Replace with'));
    assert.deepEqual(fixes.map((action) => action.title), [
      'Replace with "Hormone receptor (HR)" (undefined-abbreviation)',
      'Replace with "Hazard ratio (HR)" (undefined-abbreviation)',
      'Replace with "Heart rate (HR)" (undefined-abbreviation)',
      'Replace with "Homologous recombination (HR)" (undefined-abbreviation)',
      'Replace with "High risk (HR)" (undefined-abbreviation)',
    ]);
    assert.deepEqual(fixes.map((action) => action.isPreferred ?? false), [false, false, false, false, false]);
    assert.deepEqual(fixes[1]!.edit.changes[uri], [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: 'Hazard ratio (HR)' }]);
    await stop(client);
  });

  it('re-lints after an incremental change, publishing for the new version only', async () => {
    const { client, uri } = await started();
    open(client, uri, 'Clean.\n');
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.version === 1);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'It cures.\n' }],
    });
    const published = await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.version === 2);
    assert.deepEqual(published.diagnostics.map(show), ['1:3-1:8 overclaim Qualify the absolute claim "cures".']);
    // The why travels once, beside the short message.
    assert.deepEqual((published.diagnostics[0] as Diagnostic & { relatedInformation?: unknown }).relatedInformation, [
      { location: { uri, range: { start: { line: 1, character: 3 }, end: { line: 1, character: 8 } } }, message: 'Few cancer treatments cure every patient; report what the evidence shows, such as response or survival rates.' },
    ]);
    await stop(client);
  });

  it('never publishes an older version after a newer one during rapid edits', async () => {
    const { client, uri } = await started();
    open(client, uri, 'Start.\n');
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.version === 1);
    for (let version = 2; version <= 30; version++) {
      const text = version % 2 ? 'Keytruda cures.\n' : 'Opdivo.\n';
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }
    const last = await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.version === 30);
    assert.deepEqual(last.diagnostics.map((diagnostic) => diagnostic.code), ['brand-name']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const versions = client.notifications.filter((message) => message.method === 'textDocument/publishDiagnostics').map((message) => (message.params as PublishDiagnostics).version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions only grow');
    assert.equal(versions.at(-1), 30);
    await stop(client);
  });

  it('reads .medlintrc.json from the workspace root and follows workspace/didChangeConfiguration', async () => {
    const { client, uri, folder } = await started();
    writeFileSync(join(folder, '.medlintrc.json'), '{ "rules": { "brand-name": "error" } }');
    client.notify('workspace/didChangeConfiguration', { settings: { medlint: { rules: { 'undefined-abbreviation': 'off', 'brand-name': 'hint' } } } });
    open(client, uri, SAMPLE);
    const published = await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    // The settings turn undefined-abbreviation off; the config file's error wins over their hint.
    assert.deepEqual(published.diagnostics.map((diagnostic) => `${diagnostic.code}:${diagnostic.severity}`), ['brand-name:1']);
    await stop(client);
  });

  it('follows a negotiated UTF-8 position encoding', async () => {
    const { client, uri, encoding } = await started(['utf-8', 'utf-16']);
    assert.equal(encoding, 'utf-8');
    open(client, uri, 'Ré 😀 Keytruda.\n');
    const published = await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    // "Ré 😀 " is 1 + 2 + 1 + 4 + 1 = 9 UTF-8 bytes.
    assert.deepEqual(published.diagnostics.map(show), ['0:9-0:17 brand-name "Keytruda" is a brand name: use the generic name "pembrolizumab".']);
    const card = await client.request<{ range: Diagnostic['range'] }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } });
    assert.deepEqual(card.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 17 } });
    await stop(client);
  });

  it('says once, in a message, that a paragraph was read as plain text', async () => {
    const { client, uri } = await started();
    const soup = `${'*a _b '.repeat(600)}\n\nKeytruda.\n`;
    open(client, uri, soup);
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${soup}More.\n` }] });
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.version === 2);
    const messages = client.notifications.filter((message) => message.method === 'window/showMessage').map((message) => (message.params as { type: number; message: string }));
    assert.deepEqual(messages, [
      {
        type: 3,
        message: 'medlint: draft.md: Read as plain text, not Markdown (lines 1-1): too much inline markup (*, _, `, <, [) in one paragraph to parse in time. Findings there are still placed exactly, but code and links in it are read as prose.',
      },
    ]);
    await stop(client);
  });

  it('checks citations against the bibliography the front matter names, shows the reference on hover and completes keys', async () => {
    const { client, folder } = await started();
    copyFileSync(join(ROOT, 'test', 'fixtures', 'bibliography', 'references.bib'), join(folder, 'references.bib'));
    const text = '---\nbibliography: references.bib\n---\n\nSurvival improved [@robert2015; @reck2061].\n\nSee [@\n';
    const uri = pathToFileURL(join(folder, 'paper.qmd')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'quarto', version: 1, text } });
    const published = await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    assert.deepEqual(published.diagnostics.map(show), ['4:33-4:41 unknown-citation "reck2061" is not in the bibliography: did you mean "reck2016"?']);
    const hover = await client.request<{ contents: { value: string }; range: Diagnostic['range'] }>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 22 } });
    assert.deepEqual(hover.range, { start: { line: 4, character: 20 }, end: { line: 4, character: 30 } });
    assert.equal(
      hover.contents.value,
      '**@robert2015**\n\nRobert C, Long GV, Brady B, et al. Nivolumab in Previously Untreated Melanoma without BRAF Mutation. *N Engl J Med*. 2015;372(4):320-330. doi:[10.1056/NEJMoa1412082](https://doi.org/10.1056/NEJMoa1412082) PMID: [25399552](https://pubmed.ncbi.nlm.nih.gov/25399552/)',
    );
    type Item = { label: string; detail: string; textEdit: { range: Diagnostic['range']; newText: string }; documentation?: { value: string } };
    const items = await client.request<Item[]>('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 6 } });
    assert.deepEqual(items.map((item) => item.label), ['robert2015', 'reck2016', 'eisenhauer2009', 'rittmeyer2017', 'smith2020', 'doe2020']);
    assert.equal(items[0]!.detail, 'Robert C, Long GV, et al, 2015 — Nivolumab in Previously Untreated Melanoma without BRAF Mutation');
    assert.deepEqual(items[0]!.textEdit.range, { start: { line: 6, character: 6 }, end: { line: 6, character: 6 } });
    const resolved = await client.request<Item>('completionItem/resolve', items[0]);
    assert.match(resolved.documentation!.value, /^Robert C, Long GV, Brady B, et al\. Nivolumab/);
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 10 } }), []);
    await stop(client);
  });

  it('asks a client that can to watch configs, terms, bibliographies and styles, and checks citations again when a bibliography changes', async () => {
    const { client, folder } = await started(undefined, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    type Registration = { registrations: { method: string; registerOptions: { watchers: { globPattern: string }[] } }[] };
    const registration = await client.serverRequest<Registration>('client/registerCapability');
    assert.deepEqual(
      registration.registrations.map(({ method, registerOptions }) => `${method} ${registerOptions.watchers.map((watcher) => watcher.globPattern).join(' ')}`),
      ['workspace/didChangeWatchedFiles **/{.medlintrc.json,medlint.config.json} **/*.{yaml,yml} **/*.{bib,bibtex,json,csl}'],
    );
    writeFileSync(join(folder, 'refs.bib'), '@article{smith2020, title = {A trial}, year = 2020}\n');
    const uri = pathToFileURL(join(folder, 'paper.md')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '---\nbibliography: refs.bib\n---\n\nSee [@smith2020; @lee2021].\n' } });
    const before = await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    assert.deepEqual(before.diagnostics.map(show), ['4:18-4:25 unknown-citation "lee2021" is not in the bibliography: add its entry, or correct the key.']);
    // The writer adds the entry; the client reports the watched file changed.
    writeFileSync(join(folder, 'refs.bib'), '@article{smith2020, title = {A trial}, year = 2020}\n@article{lee2021, title = {Another}, year = 2021}\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'refs.bib')).href, type: 2 }] });
    await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.diagnostics.length === 0);
    await stop(client);
  });

  it('does not ask a client that cannot watch files for the server', async () => {
    const { client } = await started();
    await stop(client);
    assert.deepEqual(client.requests.filter((request) => request.method === 'client/registerCapability'), []);
  });

  it('survives an unknown method, a malformed message and a document of binary junk', async () => {
    const { client, uri } = await started();
    const unknown = await client.call('medlint/noSuchMethod', {});
    assert.equal(unknown.error?.code, -32601);
    client.sendRaw('Content-Length: 12\r\n\r\n{not json!!}');
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    open(client, uri, junk);
    const published = await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    assert.ok(Array.isArray(published.diagnostics));
    open(client, `${uri}.second.md`, 'Keytruda.\n');
    const second = await client.notification<PublishDiagnostics>('textDocument/publishDiagnostics', (params) => params.uri === `${uri}.second.md`);
    assert.deepEqual(second.diagnostics.map((diagnostic) => diagnostic.code), ['brand-name']);
    await stop(client);
  });
});
