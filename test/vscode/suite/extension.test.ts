import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { teamTermYaml } from '../../../src/core/teamTerms';
import { builtinCorpus } from '../../../src/node/builtinCorpus';
import { FAS_DRAFT, FAS_QUICK_FIXES, SAP_DRAFT } from '../../helpers';

const EXTENSION_ID = 'medlint.medlint';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Falsy = false | undefined | null | 0 | '';

/** Polls until `probe` gives a truthy value, which it returns. */
async function waitFor<T>(probe: () => T | Falsy | Promise<T | Falsy>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as T;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const root = () => vscode.workspace.workspaceFolders![0]!.uri;

/**
 * Writes a workspace setting of medlint's and waits until the extension host has heard of it and the
 * settings have been quiet for a while: a settings write is read back by a file watcher, which under
 * load may deliver a reload of an earlier write (afterEach writes five) after the new value was seen.
 * A test asserting that nothing was linted must not open its document before that.
 */
async function updateSetting(key: string, value: unknown): Promise<void> {
  let changedAt = Date.now();
  const listening = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('medlint')) changedAt = Date.now();
  });
  try {
    await vscode.workspace.getConfiguration('medlint').update(key, value, vscode.ConfigurationTarget.Workspace);
    const isSet = () => JSON.stringify(vscode.workspace.getConfiguration('medlint').get(key)) === JSON.stringify(value);
    await waitFor(() => isSet() && Date.now() - changedAt > 1500, `the setting ${key} to settle`);
  } finally {
    listening.dispose();
  }
}
const medlintDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'medlint');

/** `line:character-line:character rule severity message`, 0-based as VS Code counts. */
function show(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  const code = diagnostic.code as { value: string };
  return `${start.line}:${start.character}-${end.line}:${end.character} ${code.value} ${vscode.DiagnosticSeverity[diagnostic.severity]} ${diagnostic.message}`;
}

async function diagnosticsOf(uri: vscode.Uri, count: number): Promise<string[]> {
  return (await waitFor(() => medlintDiagnostics(uri).length === count && medlintDiagnostics(uri), `${count} diagnostics on ${uri.path}`)).map(show);
}

/** Waits until the diagnostics shown are exactly `expected`, and returns them. */
async function shownBecomes(uri: vscode.Uri, expected: string[]): Promise<string[]> {
  const want = JSON.stringify(expected);
  await waitFor(() => JSON.stringify(medlintDiagnostics(uri).map(show)) === want, `${want} on ${uri.path}`, 5000).catch(() => undefined);
  return medlintDiagnostics(uri).map(show);
}

async function openScratch(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(root(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** A draft in a folder of its own, with its own config, so that what a test writes there touches no other test. */
async function draftWithConfig(folder: string, configText: string, text: string): Promise<{ config: vscode.Uri; document: vscode.TextDocument }> {
  const config = vscode.Uri.joinPath(root(), folder, '.medlintrc.json');
  await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(configText));
  return { config, document: await openScratch(`${folder}/draft.md`, text) };
}

const undefinedAt4 = (abbreviation: string) => `0:4-0:7 undefined-abbreviation Warning "${abbreviation}" is not defined at first use: write the term in full, followed by "(${abbreviation})".`;

async function codeActions(document: vscode.TextDocument, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, kind)) ?? [];
}

async function apply(document: vscode.TextDocument, title: string, range: vscode.Range): Promise<string> {
  const actions = await codeActions(document, range);
  const action = actions.find((candidate) => candidate.title === title);
  assert.ok(action?.edit, `action "${title}" among ${JSON.stringify(actions.map((candidate) => candidate.title))}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return document.getText();
}

async function hover(document: vscode.TextDocument, position: vscode.Position): Promise<{ text: string; range?: vscode.Range }> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  const text = hovers.flatMap((item) => item.contents.map((content) => (typeof content === 'string' ? content : (content as vscode.MarkdownString).value))).join('\n');
  return { text, ...(hovers[0]?.range ? { range: hovers[0].range } : {}) };
}

interface MedlintApi {
  problems(): string[];
  notices(): string[];
  glossary: vscode.TreeDataProvider<unknown>;
  rendered(): { title: string; markdown: string; html: string } | undefined;
  status(): string;
  readabilityStatus(): string | undefined;
  logFolder: vscode.Uri;
}
const api = () => vscode.extensions.getExtension<MedlintApi>(EXTENSION_ID)!.exports;

/** Runs a command link as VS Code does: the command, with the JSON arguments of the query. */
async function follow(link: string | vscode.Uri): Promise<void> {
  const uri = typeof link === 'string' ? vscode.Uri.parse(link) : link;
  assert.equal(uri.scheme, 'command', uri.toString());
  await vscode.commands.executeCommand(uri.path, ...(JSON.parse(uri.query) as unknown[]));
}

const renderedTitled = (title: string) => waitFor(() => api().rendered()?.title === title && api().rendered(), `the rendered page "${title}"`);

describe('medlint in a real VS Code extension host', function () {
  this.timeout(60_000);
  let sample: vscode.TextDocument;

  before(async () => {
    sample = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'sample.md'));
    await vscode.window.showTextDocument(sample);
  });

  afterEach(async () => {
    const settings = vscode.workspace.getConfiguration('medlint');
    for (const key of ['rules', 'run', 'hover', 'languages', 'severity.brand-name']) await settings.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates on Markdown', async () => {
    console.log(`VS Code ${vscode.version}, ${vscode.env.appHost}, remote: ${vscode.env.remoteName ?? 'none'}`);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    await waitFor(() => extension.isActive, 'activation');
  });

  it('says once that a paragraph of delimiter soup is read as plain text, and still lints the rest', async () => {
    const document = await openScratch('soup.md', `${'*a _b '.repeat(600)}\n\nKeytruda.\n`);
    assert.deepEqual((await diagnosticsOf(document.uri, 1)).map((line) => line.split(' ').slice(0, 2).join(' ')), ['2:0-2:8 brand-name']);
    await vscode.window.activeTextEditor!.edit((edit) => edit.insert(new vscode.Position(3, 0), 'Opdivo.\n'));
    await diagnosticsOf(document.uri, 2);
    const { notices } = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { notices: () => string[] };
    assert.deepEqual(
      notices().filter((notice) => notice.includes('soup.md')),
      ['medlint: soup.md: Read as plain text, not Markdown (lines 1-1): too much inline markup (*, _, `, <, [) in one paragraph to parse in time. Findings there are still placed exactly, but code and links in it are read as prose.'],
    );
  });

  it('lints on a worker thread, off the extension host main thread', async () => {
    await diagnosticsOf(sample.uri, 4);
    const { lintWorker } = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { lintWorker: () => { linted: number } | undefined };
    assert.ok((lintWorker()?.linted ?? 0) > 0, JSON.stringify(lintWorker()));
  });

  it('publishes diagnostics on open, with rule codes that link to the rule docs', async () => {
    assert.deepEqual(await diagnosticsOf(sample.uri, 4), [
      '2:30-2:34 undefined-abbreviation Warning "PD-1" is not defined at first use: write "programmed cell death protein 1 (PD-1)".',
      '2:36-2:44 brand-name Warning "Keytruda" is a brand name: use the generic name "pembrolizumab".',
      '4:0-4:18 unsupported-claim Warning Cite a source for "Studies have shown" in this sentence.',
      '4:28-4:43 person-first Warning Use "patients with cancer", not "cancer patients".',
    ]);
    const code = medlintDiagnostics(sample.uri)[1]!.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.toString(true), 'command:medlint.openRuleDocs?["brand-name"]');
  });

  it('opens a rule\'s documentation rendered, at its section, from the diagnostic code and from "Learn about", and never lints it', async () => {
    const diagnostic = await waitFor(() => medlintDiagnostics(sample.uri)[1], 'the brand-name diagnostic');
    await follow((diagnostic.code as { target: vscode.Uri }).target);
    const page = await renderedTitled('medlint: brand-name');
    assert.match(page.markdown, /^### `brand-name`\n\nUse the generic name of a drug, not its brand name/);
    assert.match(page.html, /<h3[^>]*><code>brand-name<\/code><\/h3>/);
    assert.ok(!page.html.includes('<code>misnomer</code>'), 'only the rule\'s own section');
    const learn = (await codeActions(sample, medlintDiagnostics(sample.uri)[3]!.range)).find((action) => action.title === 'Learn about person-first');
    assert.deepEqual([learn?.command?.command, learn?.command?.arguments], ['medlint.openRuleDocs', ['person-first']]);
    await vscode.commands.executeCommand(learn!.command!.command, ...learn!.command!.arguments!);
    assert.match((await renderedTitled('medlint: person-first')).markdown, /^### `person-first`\n/);
    // The documentation is no text document: nothing of medlint's own is open, so nothing of it is linted.
    assert.deepEqual(vscode.workspace.textDocuments.filter((document) => /readme\.md$/i.test(document.uri.path)).map((document) => document.uri.toString()), []);
    assert.deepEqual(vscode.languages.getDiagnostics().filter(([uri, diagnostics]) => /readme\.md$/i.test(uri.path) && diagnostics.length > 0), []);
    // Opened as a file, medlint's README is still not linted (it quotes every mistake it documents).
    // vsce packs README.md as readme.md.
    const extensionUri = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
    const [readmeName] = (await vscode.workspace.fs.readDirectory(extensionUri)).map(([name]) => name).filter((name) => /^readme\.md$/i.test(name));
    const readme = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(extensionUri, readmeName!));
    await vscode.window.showTextDocument(readme);
    assert.match(readme.getText(), /### `brand-name`/);
    await sleep(1000);
    assert.deepEqual(medlintDiagnostics(readme.uri), []);
  });

  it('shows a compact hover card on a term, also inside a compound, and none on plain words', async () => {
    const onTerm = await hover(sample, new vscode.Position(2, 31));
    assert.equal(
      onTerm.text,
      '**PD-1** · programmed cell death protein 1 *(receptor)*\n\nA checkpoint receptor on the surface of T cells and other immune cells. [more…](command:medlint.showDefinition?%5B%22pd-1%22%5D)',
    );
    const column = sample.lineAt(2).text.indexOf('anti–PD-1') + 'anti–'.length;
    const inCompound = await hover(sample, new vscode.Position(2, column + 1));
    // The longest term under the cursor wins: "PD-1 antibody" names the PD-1 inhibitor class.
    assert.match(inCompound.text, /^\*\*PD-1 inhibitor\*\*/);
    assert.deepEqual([inCompound.range?.start.character, inCompound.range?.end.character], [column, column + 'PD-1 antibody'.length]);
    assert.doesNotMatch((await hover(sample, new vscode.Position(2, 2))).text, /medlint|\*\*/);
  });

  it('opens the full card from "more…", with the drugs, targets and related terms it names as links to their cards', async () => {
    const onTerm = await hover(sample, new vscode.Position(2, 31));
    await follow(/\[more…\]\((command:[^)]+)\)/.exec(onTerm.text)![1]!);
    const card = await renderedTitled('PD-1');
    const actingOnPd1 = builtinCorpus.terms.filter((term) => term.targets?.includes('pd-1'));
    const link = (id: string) => `command:medlint.showDefinition?${encodeURIComponent(JSON.stringify([id]))}`;
    assert.ok(card.markdown.includes(`- Drugs that act on it: ${actingOnPd1.map((term) => `[${term.term}](${link(term.id)})`).join(', ')}`), card.markdown);
    assert.ok(card.html.includes(`<a href="${link('nivolumab')}"`) || card.html.includes(`<a href="${link('nivolumab').replace(/&/g, '&amp;')}"`), card.html);
    await follow(link('nivolumab'));
    const nivolumab = await renderedTitled('nivolumab');
    assert.ok(nivolumab.markdown.includes(`- Targets: [PD-1](${link('pd-1')})`), nivolumab.markdown);
  });

  it('says why in the hover over a finding, which the short message leaves out', async () => {
    await diagnosticsOf(sample.uri, 4);
    const why = '**Why:** Person-first language: name the person first: a patient has a disease, and is not defined by it.';
    assert.ok((await hover(sample, new vscode.Position(4, 32))).text.split('\n').includes(why));
    await vscode.workspace.getConfiguration('medlint').update('hover', 'off', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => vscode.workspace.getConfiguration('medlint').get('hover') === 'off', 'the setting');
      assert.equal((await hover(sample, new vscode.Position(4, 32))).text, why, 'the why stays when term cards are off');
    } finally {
      await vscode.workspace.getConfiguration('medlint').update('hover', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('shows hover cards only on flagged text with medlint.hover set to flagged, and none when off', async () => {
    await diagnosticsOf(sample.uri, 4);
    await vscode.workspace.getConfiguration('medlint').update('hover', 'flagged', vscode.ConfigurationTarget.Workspace);
    const flagged = await hover(sample, new vscode.Position(2, 31));
    assert.match(flagged.text, /^\*\*PD-1\*\* · programmed cell death protein 1/);
    const tCells = sample.lineAt(2).text.indexOf('T cells');
    assert.equal((await hover(sample, new vscode.Position(2, tCells + 1))).text, '', 'T cells is a term, but not flagged');
    await vscode.workspace.getConfiguration('medlint').update('hover', 'off', vscode.ConfigurationTarget.Workspace);
    assert.equal((await hover(sample, new vscode.Position(2, 31))).text, '');
  });

  it('re-lints after an edit and a save', async () => {
    const document = await openScratch('edit.md', 'Nothing to see here.\n');
    await sleep(500);
    assert.deepEqual(medlintDiagnostics(document.uri), []);
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'Keytruda cures.\n'));
    await document.save();
    assert.deepEqual(await diagnosticsOf(document.uri, 2), [
      '1:0-1:8 brand-name Warning "Keytruda" is a brand name: use the generic name "pembrolizumab".',
      '1:9-1:14 overclaim Warning Qualify the absolute claim "cures".',
    ]);
  });

  const fixes: [string, string, string, string][] = [
    ['undefined-abbreviation', 'Tumours use CTLA-4; CTLA-4 is a checkpoint.', 'Replace with "cytotoxic T-lymphocyte-associated protein 4 (CTLA-4)" (undefined-abbreviation)', 'Tumours use cytotoxic T-lymphocyte-associated protein 4 (CTLA-4); CTLA-4 is a checkpoint.'],
    // Two edits in one: the definition written at the first use, and the abbreviation alone where it was.
    ['abbreviation-defined-late', 'The FAS was large. The full analysis set (FAS) was used.', 'Replace with "full analysis set (FAS)" (abbreviation-defined-late)', 'The full analysis set (FAS) was large. The FAS was used.'],
    ['expansion-mismatch', 'Antibody-directed cell cytotoxicity (ADCC) kills.', 'Replace with "Antibody-dependent cellular cytotoxicity" (expansion-mismatch)', 'Antibody-dependent cellular cytotoxicity (ADCC) kills.'],
    ['preferred-term', 'Activated T-cells respond.', 'Replace with "T cells" (preferred-term)', 'Activated T cells respond.'],
    ['brand-name', 'Patients took Opdivo.', 'Replace with "nivolumab" (brand-name)', 'Patients took nivolumab.'],
    ['misnomer', 'This is autoimmune therapy.', 'Replace with "immunotherapy" (misnomer)', 'This is immunotherapy.'],
    ['person-first', 'We treated melanoma patients.', 'Replace with "patients with melanoma" (person-first)', 'We treated patients with melanoma.'],
  ];
  for (const [rule, text, title, expected] of fixes) {
    it(`applies the ${rule} quick fix to exactly the flagged text`, async () => {
      const document = await openScratch(`fix-${rule}.md`, `${text}\n`);
      const diagnostic = await waitFor(() => medlintDiagnostics(document.uri).find((candidate) => (candidate.code as { value: string }).value === rule), `${rule} diagnostic`);
      assert.equal(await apply(document, title, diagnostic.range), `${expected}\n`);
    });
  }

  it('fixes every problem of one rule in the file when its fixes are safe, and never a brand name in one go', async () => {
    const document = await openScratch('fix-all-rule.md', 'Activated T-cells and resting T-cells on Opdivo and Keytruda.\n');
    const diagnostics = await waitFor(() => medlintDiagnostics(document.uri).length === 4 && medlintDiagnostics(document.uri), 'two variants and two brand names');
    const brand = diagnostics.find((diagnostic) => (diagnostic.code as { value: string }).value === 'brand-name')!;
    assert.ok(!(await codeActions(document, brand.range)).some((action) => action.title === 'Fix all brand-name problems in this file'));
    assert.equal(await apply(document, 'Fix all preferred-term problems in this file', diagnostics[0]!.range), 'Activated T cells and resting T cells on Opdivo and Keytruda.\n');
  });

  it('offers source.fixAll.medlint for the safe fixes only, with what it fixed', async () => {
    const document = await openScratch('fix-all.md', 'Opdivo helps cancer patients with T-cells.\n');
    await diagnosticsOf(document.uri, 3);
    const [action] = await codeActions(document, new vscode.Range(0, 0, 0, 0), 'source.fixAll.medlint');
    assert.equal(action?.title, 'Fix all safe medlint problems');
    assert.deepEqual(action!.command?.arguments, ['Fixed 1 problem (preferred-term 1). 2 fixes change the meaning: apply them one by one (brand-name 1, person-first 1).']);
    // The same in the lightbulb, its edit computed when the action is resolved.
    const lightbulb = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 35, 0, 35), undefined, 20)) ?? [];
    const quickFix = lightbulb.find((candidate) => candidate.title === 'Fix all safe medlint problems');
    assert.ok(quickFix?.edit, `resolved among ${JSON.stringify(lightbulb.map((candidate) => candidate.title))}`);
    assert.deepEqual(quickFix.edit.get(document.uri).map((edit) => edit.newText), action!.edit!.get(document.uri).map((edit) => edit.newText));
    assert.ok(await vscode.workspace.applyEdit(action!.edit!));
    assert.equal(document.getText(), 'Opdivo helps cancer patients with T cells.\n');
  });

  it('ignores a finding in this document (front matter) and in this workspace (the nearest .medlintrc.json, saved)', async () => {
    const document = await openScratch('ignore-document.md', 'Patients took Keytruda.\n');
    const diagnostic = await waitFor(() => medlintDiagnostics(document.uri)[0], 'brand-name diagnostic');
    assert.equal(
      await apply(document, 'Ignore "Keytruda" in this document (brand-name)', diagnostic.range),
      '---\nmedlint:\n  ignore:\n    - { text: "Keytruda", rule: brand-name }\n---\n\nPatients took Keytruda.\n',
    );
    await document.save();
    await waitFor(() => medlintDiagnostics(document.uri).length === 0, 'no diagnostics after the front matter entry');

    const { config, document: other } = await draftWithConfig('ignore-workspace', '{\n  "rules": {}\n}\n', 'Patients took Opdivo.\n');
    const opdivo = await waitFor(() => medlintDiagnostics(other.uri)[0], 'brand-name diagnostic in the folder');
    const action = (await codeActions(other, opdivo.range)).find((candidate) => candidate.title === 'Ignore "Opdivo" in this workspace (brand-name)');
    assert.ok(action?.edit && action.command, 'the workspace ignore action');
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(config))), { rules: {}, ignore: [{ text: 'Opdivo', rule: 'brand-name' }] });
    await waitFor(() => medlintDiagnostics(other.uri).length === 0, 'no diagnostics after the workspace entry');
  });

  it('adds an abbreviation the corpus lacks to the team terms: the entry in a new terms/ folder the config names, saved, shown beside, and undone', async () => {
    const configText = '{\n  // our drafts\n  "rules": {}\n}\n';
    const { config, document } = await draftWithConfig('team-add', configText, FAS_DRAFT);
    assert.deepEqual(await diagnosticsOf(document.uri, 1), [undefinedAt4('FAS')]);
    // Quick fixes only: VS Code's Markdown support adds its own refactorings here.
    const actions = await codeActions(document, medlintDiagnostics(document.uri)[0]!.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.map((action) => action.title), [...FAS_QUICK_FIXES, 'Learn about undefined-abbreviation']);
    const add = actions.find((action) => action.title === 'Add FAS to team terms')!;
    assert.ok(add.edit && add.command);
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    await vscode.commands.executeCommand(add.command.command, ...(add.command.arguments ?? []));
    const entry = vscode.Uri.joinPath(root(), 'team-add', 'terms', 'fas.yaml');
    const onDisk = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(await onDisk(entry), teamTermYaml({ short: 'FAS' }, 'terms'));
    assert.equal(await onDisk(config), '{\n  // our drafts\n  "rules": {},\n  "terms": [\n    "terms"\n  ]\n}\n');
    assert.equal(document.getText(), FAS_DRAFT);
    // The entry spares FAS a definition until its expansion is written; the writer stays in the draft.
    assert.deepEqual(await shownBecomes(document.uri, []), []);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString());
    assert.ok(vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString() === entry.toString()), 'the entry shown beside');

    // Undo in the entry's editor takes back the whole action: the entry file and the config's edit.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(entry));
    await vscode.commands.executeCommand('undo');
    const deleted = async () => {
      try {
        await vscode.workspace.fs.stat(entry);
        return false;
      } catch {
        return true;
      }
    };
    await waitFor(deleted, 'the entry file deleted');
    const configDocument = await vscode.workspace.openTextDocument(config);
    assert.equal(configDocument.getText(), configText);
    await configDocument.save();
    assert.deepEqual(await diagnosticsOf(document.uri, 1), [undefinedAt4('FAS')]);
  });

  it('ignores an abbreviation in the workspace (abbreviations.ignore of the nearest .medlintrc.json, comments kept, saved), and undo takes it back', async () => {
    const configText = '{\n  // our drafts\n  "abbreviations": { "minUses": 1 }\n}\n';
    const { config, document } = await draftWithConfig('team-ignore', configText, SAP_DRAFT);
    assert.deepEqual(await diagnosticsOf(document.uri, 1), [undefinedAt4('SAP')]);
    const action = (await codeActions(document, medlintDiagnostics(document.uri)[0]!.range)).find((candidate) => candidate.title === 'Ignore SAP in this workspace');
    assert.ok(action?.edit && action.command, 'the abbreviation ignore action');
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const ignored = '{\n  // our drafts\n  "abbreviations": {\n    "minUses": 1,\n    "ignore": [\n      "SAP"\n    ]\n  }\n}\n';
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(config)), ignored);
    await diagnosticsOf(document.uri, 0);
    assert.equal(document.getText(), SAP_DRAFT);

    const configDocument = await vscode.workspace.openTextDocument(config);
    await vscode.window.showTextDocument(configDocument);
    await vscode.commands.executeCommand('undo');
    assert.equal(configDocument.getText(), configText);
    await configDocument.save();
    assert.deepEqual(await diagnosticsOf(document.uri, 1), [undefinedAt4('SAP')]);
  });

  it('disables a rule for a line with a suppression comment', async () => {
    const document = await openScratch('disable.md', 'Keytruda works.\n');
    const diagnostic = await waitFor(() => medlintDiagnostics(document.uri)[0], 'brand-name diagnostic');
    assert.equal(await apply(document, 'Disable brand-name for this line', diagnostic.range), 'Keytruda works. <!-- medlint-disable-line brand-name -->\n');
    await document.save();
    await waitFor(() => medlintDiagnostics(document.uri).length === 0, 'no diagnostics after the comment');
  });

  it('follows a change of rule severity in the settings', async () => {
    await vscode.window.showTextDocument(sample);
    await vscode.workspace.getConfiguration('medlint').update('rules', { 'brand-name': 'error', 'person-first': 'off' }, vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(await waitFor(async () => {
      const shown = medlintDiagnostics(sample.uri).map(show);
      return shown.length === 3 && shown.some((line) => line.includes('brand-name Error')) && shown;
    }, 'severity change'), [
      '2:30-2:34 undefined-abbreviation Warning "PD-1" is not defined at first use: write "programmed cell death protein 1 (PD-1)".',
      '2:36-2:44 brand-name Error "Keytruda" is a brand name: use the generic name "pembrolizumab".',
      '4:0-4:18 unsupported-claim Warning Cite a source for "Studies have shown" in this sentence.',
    ]);
  });

  it('lints while typing by default', async () => {
    assert.equal(vscode.workspace.getConfiguration('medlint').get('run'), 'onType');
    const document = await openScratch('typing.md', 'Clean text.\n');
    await sleep(500);
    await vscode.window.activeTextEditor!.edit((edit) => edit.insert(new vscode.Position(1, 0), 'It has no side effects.\n'));
    assert.ok(document.isDirty);
    assert.deepEqual(await diagnosticsOf(document.uri, 1), [
      '1:7-1:22 overclaim Warning Qualify the absolute claim "no side effects".',
    ]);
  });

  it('with medlint.run set to onSave, drops a finding on edited text and moves the others with the edit until the save', async () => {
    await updateSetting('run', 'onSave');
    const document = await openScratch('on-save.md', 'Intro.\nKeytruda and Opdivo.\n');
    assert.deepEqual(await diagnosticsOf(document.uri, 2), [
      '1:0-1:8 brand-name Warning "Keytruda" is a brand name: use the generic name "pembrolizumab".',
      '1:13-1:19 brand-name Warning "Opdivo" is a brand name: use the generic name "nivolumab".',
    ]);
    const editor = vscode.window.activeTextEditor!;
    // Typing just after "Keytruda" may change that word: its finding goes; "Opdivo" moves by six.
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 8), ' trial'));
    const opdivo = ['1:19-1:25 brand-name Warning "Opdivo" is a brand name: use the generic name "nivolumab".'];
    assert.deepEqual(await shownBecomes(document.uri, opdivo), opdivo);
    // A new line above moves it down a line; a replacement before it on its line moves it by the difference.
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Title\n'));
    await editor.edit((edit) => edit.replace(new vscode.Range(2, 15, 2, 18), 'plus'));
    const moved = ['2:20-2:26 brand-name Warning "Opdivo" is a brand name: use the generic name "nivolumab".'];
    assert.deepEqual(await shownBecomes(document.uri, moved), moved);
    await sleep(800);
    assert.equal(medlintDiagnostics(document.uri).length, 1, 'no lint before the save');
    // The moved finding's quick fix replaces exactly the word it now stands on.
    assert.equal(await apply(document, 'Replace with "nivolumab" (brand-name)', medlintDiagnostics(document.uri)[0]!.range), 'Title\nIntro.\nKeytruda trial plus nivolumab.\n');
    await document.save();
    assert.deepEqual(await diagnosticsOf(document.uri, 1), ['2:0-2:8 brand-name Warning "Keytruda" is a brand name: use the generic name "pembrolizumab".']);
  });

  it('ends rapid edits with the diagnostics of the latest text, never older ones', async () => {
    const document = await openScratch('rapid.md', 'Start.\n');
    const editor = vscode.window.activeTextEditor!;
    for (let round = 0; round < 12; round++) {
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      await editor.edit((edit) => edit.replace(whole, round % 2 ? 'Keytruda.\n' : 'Opdivo.\n'));
    }
    const expected = ['0:0-0:8 brand-name Warning "Keytruda" is a brand name: use the generic name "pembrolizumab".'];
    await waitFor(() => JSON.stringify(medlintDiagnostics(document.uri).map(show)) === JSON.stringify(expected), 'the latest diagnostics');
    await sleep(1000);
    assert.deepEqual(medlintDiagnostics(document.uri).map(show), expected);
  });

  it('lints a document above medlint.largeFileSize on save only', async () => {
    await updateSetting('largeFileSize', 100);
    try {
      const document = await openScratch('large.md', `${'Plain words here. '.repeat(8)}\nKeytruda.\n`);
      await vscode.window.activeTextEditor!.edit((edit) => edit.insert(new vscode.Position(2, 0), 'Opdivo.\n'));
      await sleep(1000);
      assert.deepEqual(medlintDiagnostics(document.uri), [], 'nothing on open or while typing');
      await document.save();
      assert.deepEqual((await diagnosticsOf(document.uri, 2)).map((line) => line.split(' ').slice(0, 2).join(' ')), ['1:0-1:8 brand-name', '2:0-2:6 brand-name']);
      const { notices } = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { notices: () => string[] };
      assert.deepEqual(
        notices().filter((notice) => notice.includes('large.md')),
        ['medlint: large.md is larger than 100 characters; it is linted when saved.'],
        'said once, though opened, edited and saved',
      );
    } finally {
      await vscode.workspace.getConfiguration('medlint').update('largeFileSize', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('reports a malformed workspace term file once, by file and line, and keeps the corpus working', async () => {
    const write = (path: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), path), new TextEncoder().encode(text));
    await write('team/.medlintrc.json', '{ "terms": ["terms"] }\n');
    await write('team/terms/examplumab.yaml', 'term: examplumab\ncategory: drug\ndefinition: A made-up antibody used only in tests.\nbrands: [Exampla]\ntargets: [pd-1]\nclasses: [monoclonal-antibody]\nsources: [{name: "Test label"}]\n');
    await write('team/terms/broken.yaml', 'term: broken\ncategory: drug\ndefinition: [unclosed\n');
    const document = await openScratch('team/draft.md', 'Exampla and Keytruda.\n');
    assert.deepEqual(await diagnosticsOf(document.uri, 2), [
      '0:0-0:7 brand-name Warning "Exampla" is a brand name: use the generic name "examplumab".',
      '0:12-0:20 brand-name Warning "Keytruda" is a brand name: use the generic name "pembrolizumab".',
    ]);
    const problem = 'team/terms/broken.yaml:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]';
    // The watcher may hear of the files written above only now, on a busy machine: its reset clears the
    // problems until the configs are read again, as after the changes below.
    await waitFor(() => api().problems().includes(problem), 'the problem found after the term files were written');
    assert.deepEqual(api().problems(), [problem]);
    const warnings = () => api().notices().filter((notice) => notice.includes('broken.yaml'));
    assert.deepEqual(warnings(), [`medlint: ${problem}. The rest of the corpus still applies.`]);
    // A settings change and the save of an unrelated YAML file resolve the configs again; the
    // unchanged broken file is read again (and logged), but the writer is not warned again.
    const resolvedAgain = async (what: string) => {
      await waitFor(() => api().problems().length === 0, `the reset after ${what}`, 5000).catch(() => undefined);
      await waitFor(() => api().problems().includes(problem), `the problem found again after ${what}`);
    };
    await vscode.workspace.getConfiguration('medlint').update('hover', 'flagged', vscode.ConfigurationTarget.Workspace);
    await resolvedAgain('a settings change');
    await write('notes.yaml', 'unrelated: true\n');
    await resolvedAgain('a YAML save');
    await sleep(500);
    assert.equal(warnings().length, 1, warnings().join('\n'));
  });

  it('lints the whole workspace on command, and keeps a file\'s results when it is opened and closed', async () => {
    const unopened = vscode.Uri.joinPath(root(), 'unopened.md');
    await vscode.commands.executeCommand('medlint.lintWorkspace');
    const expected = ['0:0-0:6 brand-name Warning "Opdivo" is a brand name: use the generic name "nivolumab".'];
    assert.deepEqual(await diagnosticsOf(unopened, 1), expected);
    // Opened as a writer opens it: openTextDocument() would hold the document open for minutes.
    await vscode.commands.executeCommand('vscode.open', unopened);
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === unopened.toString() && vscode.window.activeTextEditor, 'the editor');
    // An edit not saved: closing discards it, and the results are those of the file on disk.
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'Keytruda too.\n'));
    await diagnosticsOf(unopened, 2);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => !vscode.workspace.textDocuments.some((open) => open.uri.toString() === unopened.toString()), 'the document closed', 30_000);
    assert.deepEqual(await shownBecomes(unopened, expected), expected);
    await sleep(500);
    assert.deepEqual(medlintDiagnostics(unopened).map(show), expected);
  });

  it('shows the number of findings in the status bar', async () => {
    const total = () => vscode.languages.getDiagnostics().reduce((sum, [, diagnostics]) => sum + diagnostics.filter((diagnostic) => diagnostic.source === 'medlint').length, 0);
    await openScratch('status.md', 'Opdivo and Yervoy.\n');
    await diagnosticsOf(vscode.Uri.joinPath(root(), 'status.md'), 2);
    const text = await waitFor(() => api().status() === `$(checklist) medlint: ${total()} findings` && api().status(), 'the status bar count');
    assert.match(text, /^\$\(checklist\) medlint: \d+ findings$/);
    assert.ok(total() >= 2);
  });

  it('shows the profile and reading grade of a Markdown document, lists its sections and switches its profile', async () => {
    const leaflet = [
      '---',
      'medlint: { profile: patient }',
      '---',
      '',
      '# Your medicine',
      '',
      'Take one pill each day with water. Tell your nurse if you feel sick or get a rash. Call us at once if you have a high fever.',
      '',
      '## How it works',
      '',
      'Immune checkpoint inhibitors potentiate antitumour immunity by interrupting inhibitory signalling between tumour cells and activated lymphocytes.',
      'Consequently, immune-mediated inflammation may affect practically any organ system in the body.',
      '',
    ].join('\n');
    const document = await openScratch('leaflet.md', leaflet);
    const patient = await waitFor(() => api().readabilityStatus()?.startsWith('$(book) Patient · grade') && api().readabilityStatus(), 'the patient status');
    assert.match(patient!, /^\$\(book\) Patient · grade \d+\.\d$/);
    assert.ok(medlintDiagnostics(document.uri).some((diagnostic) => (diagnostic.code as { value: string }).value === 'readability'));

    // The second section of the quick pick: its heading is where the cursor goes.
    const picking = vscode.commands.executeCommand('medlint.showReadability');
    await sleep(1000);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await picking;
    await waitFor(() => vscode.window.activeTextEditor?.selection.active.line === 8, 'the cursor on the heading of "How it works"');

    assert.equal(await vscode.commands.executeCommand('medlint.switchProfile', 'manuscript'), true);
    assert.equal(document.getText().split('\n')[1], 'medlint: { profile: manuscript }');
    await waitFor(() => api().readabilityStatus()?.startsWith('$(book) Manuscript · grade'), 'the manuscript status');
    await waitFor(() => !medlintDiagnostics(document.uri).some((diagnostic) => (diagnostic.code as { value: string }).value === 'readability'), 'no readability finding in a manuscript');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('logs each lint (file, format, time, findings) in the medlint output channel at debug level', async () => {
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'debug');
    try {
      await sleep(500);
      const document = await openScratch('logged.md', 'Opdivo and Yervoy.\n');
      await diagnosticsOf(document.uri, 2);
      const logFile = vscode.Uri.joinPath(api().logFolder, 'medlint.log');
      const line = await waitFor(async () => {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(logFile).then(undefined, () => new Uint8Array()));
        return text.split('\n').find((candidate) => candidate.includes('linted logged.md'));
      }, 'the log line');
      assert.match(line, /\[debug\] linted logged\.md \(markdown, version 1\) in \d+\.\d ms: 2 findings$/);
    } finally {
      await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    }
  });

  it('shows a term definition on command, rendered, found also by a brand in any case', async () => {
    await vscode.commands.executeCommand('medlint.showDefinition', 'keytruda');
    const card = await renderedTitled('pembrolizumab');
    assert.match(card.markdown, /^\*\*pembrolizumab\*\* \*\(drug\)\*\n\nA humanised IgG4 monoclonal antibody that binds PD-1/);
    assert.match(card.html, /<strong>pembrolizumab<\/strong>/);
    assert.ok(!vscode.window.visibleTextEditors.some((editor) => editor.document.uri.scheme !== 'file'), 'no raw Markdown editor');
  });

  it('shows the corpus in the Glossary view by category, and a click opens the rendered card', async () => {
    await vscode.commands.executeCommand('medlint.glossary.focus');
    const { glossary } = api();
    const categories = (await glossary.getChildren())!;
    const headings = await Promise.all(categories.map(async (node) => {
      const item = await glossary.getTreeItem(node);
      return `${item.label} (${item.description})`;
    }));
    const inCategory = (category: string) => builtinCorpus.terms.filter((term) => term.category === category).length;
    assert.equal(headings[0], `Drugs (${inCategory('drug')})`);
    assert.ok(headings.includes(`Measures and trial terms (${inCategory('measure')})`), headings.join(', '));
    const drugs = (await glossary.getChildren(categories[0]))!;
    const items = await Promise.all(drugs.map((node) => glossary.getTreeItem(node)));
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    const firstDrugs = builtinCorpus.terms.filter((term) => term.category === 'drug').map((term) => term.term).sort(collator.compare).slice(0, 3);
    assert.deepEqual(items.slice(0, 3).map((item) => item.label), firstDrugs);
    const pembrolizumab = items.find((item) => item.label === 'pembrolizumab')!;
    assert.equal(pembrolizumab.contextValue, 'medlint.term');
    await vscode.commands.executeCommand(pembrolizumab.command!.command, ...pembrolizumab.command!.arguments!);
    assert.match((await renderedTitled('pembrolizumab')).markdown, /^\*\*pembrolizumab\*\* \*\(drug\)\*\n/);
  });

  it('searches the Glossary by term, abbreviation or brand, and inserts a term or copies its definition', async () => {
    const { glossary } = api();
    const labels = async () => Promise.all(((await glossary.getChildren()) ?? []).map(async (node) => {
      const item = await glossary.getTreeItem(node);
      return `${item.label as string}${item.description ? ` — ${item.description as string}` : ''}`;
    }));
    try {
      await vscode.commands.executeCommand('medlint.glossary.search', 'keytruda');
      assert.deepEqual(await labels(), ['pembrolizumab — Keytruda · drug']);
      await vscode.commands.executeCommand('medlint.glossary.search', 'ctla');
      const found = await labels();
      assert.equal(found[0], 'CTLA-4 — cytotoxic T-lymphocyte-associated protein 4');
      assert.ok(found.every((line) => /ctla/i.test(line) || line.includes('ipilimumab') || line.includes('tremelimumab')), found.join('\n'));
      const [node] = (await glossary.getChildren())!;
      const document = await openScratch('insert-term.md', 'Blocking  helps.\n');
      const editor = vscode.window.activeTextEditor!;
      editor.selection = new vscode.Selection(0, 9, 0, 9);
      assert.equal(await vscode.commands.executeCommand('medlint.glossary.insertTerm', node), true);
      assert.equal(document.getText(), 'Blocking cytotoxic T-lymphocyte-associated protein 4 (CTLA-4) helps.\n');
      await vscode.commands.executeCommand('medlint.glossary.copyDefinition', node);
      const ctla4 = builtinCorpus.terms.find((term) => term.id === 'ctla-4')!;
      assert.equal(await vscode.env.clipboard.readText(), `cytotoxic T-lymphocyte-associated protein 4 (CTLA-4): ${ctla4.definition.trim().replace(/\s+/g, ' ')}`);
    } finally {
      await vscode.commands.executeCommand('medlint.glossary.clearSearch');
    }
    assert.equal((await labels())[0], `Drugs — ${builtinCorpus.terms.filter((term) => term.category === 'drug').length}`);
  });

  it('lints plain text and untitled documents as plain prose, with hover and quick fixes, as medlint.languages says', async () => {
    const untitled = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '# Keytruda and `Opdivo` for PD-1.\n' });
    await vscode.window.showTextDocument(untitled);
    // As plain text the "#" and the backticks are characters of the text: "Opdivo" is prose.
    assert.deepEqual(await diagnosticsOf(untitled.uri, 3), [
      '0:2-0:10 brand-name Warning "Keytruda" is a brand name: use the generic name "pembrolizumab".',
      '0:16-0:22 brand-name Warning "Opdivo" is a brand name: use the generic name "nivolumab".',
      '0:28-0:32 undefined-abbreviation Warning "PD-1" is not defined and not used again: write "programmed cell death protein 1".',
    ]);
    assert.match((await hover(untitled, new vscode.Position(0, 30))).text, /^\*\*PD-1\*\* · programmed cell death protein 1/);
    assert.equal(await apply(untitled, 'Replace with "nivolumab" (brand-name)', medlintDiagnostics(untitled.uri)[1]!.range), '# Keytruda and `nivolumab` for PD-1.\n');
    const text = await openScratch('notes.txt', 'Yervoy works.\n');
    assert.equal(text.languageId, 'plaintext');
    assert.deepEqual(await diagnosticsOf(text.uri, 1), ['0:0-0:6 brand-name Warning "Yervoy" is a brand name: use the generic name "ipilimumab".']);
    await vscode.workspace.getConfiguration('medlint').update('languages', ['markdown'], vscode.ConfigurationTarget.Workspace);
    await waitFor(() => medlintDiagnostics(text.uri).length === 0 && medlintDiagnostics(untitled.uri).length === 0, 'no plain-text findings');
    assert.equal((await hover(text, new vscode.Position(0, 2))).text, '');
    await vscode.window.showTextDocument(untitled);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('lints Quarto and R Markdown as Markdown: code chunks skipped, citations checked against the bibliography, with the reference on hover and keys completed', async () => {
    const bibtex =
      '@article{robert2015,\n  author = {Robert, Caroline and Long, Georgina V. and Brady, Benjamin},\n  title = {Nivolumab in Previously Untreated Melanoma without {BRAF} Mutation},\n' +
      '  journal = {N Engl J Med}, year = {2015}, volume = {372}, number = {4}, pages = {320--330}, doi = {10.1056/NEJMoa1412082}\n}\n' +
      '@article{reck2016,\n  author = {Reck, Martin}, title = {Pembrolizumab versus Chemotherapy for {PD-L1}-Positive Non-Small-Cell Lung Cancer},\n  journal = {N Engl J Med}, year = {2016}\n}\n';
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), 'quarto', 'references.bib'), new TextEncoder().encode(bibtex));
    const paper = await openScratch('quarto/paper.qmd', '---\nbibliography: references.bib\n---\n\nSurvival improved [@robert2015; @reck2061].\n\n```{r}\n# Keytruda cures cancer\n```\n\nSee [@\n');
    assert.equal(paper.languageId, 'quarto');
    assert.deepEqual(await diagnosticsOf(paper.uri, 1), ['4:33-4:41 unknown-citation Error "reck2061" is not in the bibliography: did you mean "reck2016"?']);
    const card = await hover(paper, new vscode.Position(4, 24));
    assert.equal(
      card.text,
      '**@robert2015**\n\nRobert C, Long GV, Brady B. Nivolumab in Previously Untreated Melanoma without BRAF Mutation. *N Engl J Med*. 2015;372(4):320-330. doi:[10.1056/NEJMoa1412082](https://doi.org/10.1056/NEJMoa1412082)',
    );
    assert.deepEqual(card.range, new vscode.Range(4, 20, 4, 30));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', paper.uri, new vscode.Position(10, 6), '@', 2);
    const items = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Reference);
    assert.deepEqual(items.map((item) => `${typeof item.label === 'string' ? item.label : item.label.label} | ${item.detail}`), [
      'reck2016 | Reck M, 2016 — Pembrolizumab versus Chemotherapy for PD-L1-Positive Non-Small-Cell Lung Cancer',
      'robert2015 | Robert C, Long GV, et al, 2015 — Nivolumab in Previously Untreated Melanoma without BRAF Mutation',
    ]);
    assert.match((items[1]!.documentation as vscode.MarkdownString).value, /^Robert C, Long GV, Brady B\. Nivolumab/);
    // Front matter references: are the document's own items, beside the file's.
    const inline = await openScratch('quarto/inline.qmd', '---\nbibliography: references.bib\nreferences:\n- id: fda2023\n  type: report\n  title: Prescribing information\n---\n\nSee [@fda2023; @reck2016; @fda2024].\n');
    assert.deepEqual(await diagnosticsOf(inline.uri, 1), ['8:27-8:34 unknown-citation Error "fda2024" is not in the bibliography: did you mean "fda2023"?']);
    // In a Quarto project, a folder's _metadata.yml list adds to _quarto.yml's bibliography, as Quarto merges them.
    const write = (path: string, content: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), 'qproject', path), new TextEncoder().encode(content));
    await write('_quarto.yml', 'project:\n  type: website\nbibliography: shared.bib\n');
    await write('shared.bib', '@article{shared2020, title = {Shared}, year = 2020}\n');
    await write('chapters/_metadata.yml', 'bibliography:\n  - chapter.bib\n');
    await write('chapters/chapter.bib', '@article{trial2022, title = {Trial}, year = 2022}\n');
    const page = await openScratch('qproject/chapters/page.qmd', 'See [@shared2020; @trial2022; @trial2023].\n');
    assert.deepEqual(await diagnosticsOf(page.uri, 1), ['0:31-0:40 unknown-citation Error "trial2023" is not in the bibliography: did you mean "trial2022"?']);
    // The writer adds the entry to the bibliography, not touching the document: its citations are checked again.
    await write('chapters/chapter.bib', '@article{trial2022, title = {Trial}, year = 2022}\n@article{trial2023, title = {Follow-up}, year = 2023}\n');
    assert.deepEqual(await diagnosticsOf(page.uri, 0), []);
    const rmd = await openScratch('quarto/analysis.Rmd', 'Keytruda was given.\n\n```{r}\nKeytruda <- 1\n```\n');
    assert.equal(rmd.languageId, 'rmd');
    assert.deepEqual(await diagnosticsOf(rmd.uri, 1), ['0:0-0:8 brand-name Warning "Keytruda" is a brand name: use the generic name "pembrolizumab".']);
  });

  it('takes a rule\'s severity from its own setting in the Settings UI, and still reads the medlint.rules object', async () => {
    const settings = vscode.workspace.getConfiguration('medlint');
    assert.equal(settings.inspect('severity.brand-name')?.defaultValue, 'default');
    await settings.update('rules', { 'brand-name': 'hint' }, vscode.ConfigurationTarget.Workspace);
    const line = (severity: string) => `2:36-2:44 brand-name ${severity} "Keytruda" is a brand name: use the generic name "pembrolizumab".`;
    await vscode.window.showTextDocument(sample);
    await waitFor(() => medlintDiagnostics(sample.uri).map(show).includes(line('Hint')), 'the object form');
    await settings.update('severity.brand-name', 'error', vscode.ConfigurationTarget.Workspace);
    await waitFor(() => medlintDiagnostics(sample.uri).map(show).includes(line('Error')), 'the per-rule setting');
    await settings.update('severity.brand-name', 'off', vscode.ConfigurationTarget.Workspace);
    await waitFor(() => medlintDiagnostics(sample.uri).length === 3 && !medlintDiagnostics(sample.uri).map(show).some((shown) => shown.includes('brand-name')), 'brand-name off');
  });

  it('inserts the sorted abbreviation list of the document at the cursor', async () => {
    const document = await openScratch('abbreviations.md', 'Overall survival (OS) and progression-free survival (PFS) improved; the HR was 0.7.\r\n\r\n');
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(document.lineAt(2).range.start, document.lineAt(2).range.start);
    const table = await vscode.commands.executeCommand<string>('medlint.insertAbbreviationList');
    const expected = '| Abbreviation | Definition |\r\n| --- | --- |\r\n| HR | hazard ratio (**not defined in the document**) |\r\n| OS | overall survival |\r\n| PFS | progression-free survival |\r\n';
    assert.equal(table, expected);
    assert.equal(document.getText(), `Overall survival (OS) and progression-free survival (PFS) improved; the HR was 0.7.\r\n\r\n${expected}`);
  });
});
