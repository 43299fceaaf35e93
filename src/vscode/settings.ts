import * as vscode from 'vscode';
import { ignoredFileGlobs, validateConfig, type MedlintConfig } from '../core/config';
import { globToRegExp } from '../core/glob';
import type { SourceFile } from '../core/corpus/load';
import { formatProblem, type Corpus, type CorpusProblem } from '../core/corpus/types';
import type { Linter } from '../core/linter';
import { fileLinters } from '../core/overrides';
import { linterOptionsOf, resolveSettings, type TermFolder } from '../core/settings';
import { partsOf, quartoChapters, type PartSummary, type DocumentParts } from '../core/documentParts';
import type { SeveritySetting } from '../core/types';
import type { BibliographyTexts } from '../core/bibliographyTexts';
import { WorkspaceBibliographies } from './bibliography';
import { nearestQuartoYaml } from './quarto';

export const CONFIG_FILE_NAMES = ['.medlintrc.json', 'medlint.config.json'];

/** What applies to one document: its linter, and whether a config's ignore globs exclude it. */
export interface DocumentSettings {
  linter: Linter;
  ignored: boolean;
  /** The other files of the document it is one file of (the config's `documents`, a Quarto book's chapters). */
  parts?: DocumentParts;
  /** The bibliography the document cites from, as file texts (front matter or `_quarto.yml` `bibliography:`). */
  bibliography?: BibliographyTexts;
}

const decoder = new TextDecoder();

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function yamlFiles(dir: vscode.Uri, shown: (uri: vscode.Uri) => string): Promise<SourceFile[]> {
  let entries: [string, vscode.FileType][];
  try {
    // A missing folder (an optional claims/) is not an error: stat first, so the host logs nothing.
    if ((await vscode.workspace.fs.stat(dir)).type !== vscode.FileType.Directory) return [];
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
  const names = entries.filter(([name, type]) => type === vscode.FileType.File && /\.ya?ml$/i.test(name)).map(([name]) => name).sort();
  const files: SourceFile[] = [];
  for (const name of names) {
    const uri = vscode.Uri.joinPath(dir, name);
    const text = await readText(uri);
    if (text !== undefined) files.push({ path: shown(uri), text });
  }
  return files;
}

/**
 * Severity per rule from the editor settings: the `medlint.rules` object, then the one setting per
 * rule the Settings UI shows (`medlint.severity.<rule>`), which wins unless left at `default`.
 */
export function editorRuleSeverities(settings: vscode.WorkspaceConfiguration): Record<string, SeveritySetting> {
  const severities: Record<string, SeveritySetting> = { ...(settings.get<Record<string, SeveritySetting>>('rules') ?? {}) };
  for (const [ruleId, severity] of Object.entries(settings.get<Record<string, SeveritySetting | 'default'>>('severity') ?? {})) {
    if (severity !== 'default') severities[ruleId] = severity;
  }
  return severities;
}

/**
 * Settings per document, from VS Code's `medlint.*` settings and the nearest `.medlintrc.json` in the
 * workspace folder (which overrides them, as for the CLI). One linter per config, so its chunk cache
 * serves every document under it. In an untrusted workspace only the built-in corpus and the user's
 * own settings apply: workspace config files and term folders are not read.
 */
export class SettingsResolver implements vscode.Disposable {
  private readonly scopes = new Map<string, Promise<{ linterFor: (relativePath: string | undefined) => Linter; ignore: RegExp[]; root: vscode.Uri; documents?: string[] }>>();
  /** Each other file's abbreviation summary, with the text it was made from. */
  private readonly summaries = new Map<string, { text: string; summary: PartSummary }>();
  private readonly reported = new Set<string>();
  private readonly bibliographies = new WorkspaceBibliographies((file, message) => this.report([{ file, message }], 'Citations of the other files are still checked.'));
  /**
   * Every problem the writer was warned about this session. A reset (any settings change, any saved
   * YAML file) resolves the configs again and finds the same problems in unchanged files: those are
   * logged again but not shown again.
   */
  private readonly warned = new Set<string>();
  private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly builtin: Corpus,
    private readonly log: vscode.LogOutputChannel,
    /** What medlint told the writer in notifications, in order (for tests and the extension's API). */
    private readonly notices: string[],
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE_NAMES.join(',')},*.yaml,*.yml}`);
    const reset = () => this.reset();
    // A bibliography or style a document cites from, changed: its citations are checked again (a key
    // the writer has just added is no longer unknown).
    const cited = vscode.workspace.createFileSystemWatcher('**/*.{bib,bibtex,json,csl}');
    const recheck = (uri: vscode.Uri) => this.bibliographies.hasRead(uri) && this.onDidChangeEmitter.fire();
    this.disposables.push(
      watcher,
      watcher.onDidChange(reset),
      watcher.onDidCreate(reset),
      watcher.onDidDelete(reset),
      cited,
      cited.onDidChange(recheck),
      cited.onDidCreate(recheck),
      cited.onDidDelete(recheck),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('medlint') && reset()),
      vscode.workspace.onDidGrantWorkspaceTrust(reset),
      this.onDidChangeEmitter,
    );
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Forgets every resolved config; listeners re-lint. */
  reset(): void {
    this.scopes.clear();
    this.reported.clear();
    this.onDidChangeEmitter.fire();
  }

  async settingsFor(uri: vscode.Uri): Promise<DocumentSettings> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const configFile = folder && vscode.workspace.isTrusted ? await this.findConfigFile(uri, folder.uri) : undefined;
    const key = `${folder?.uri.toString() ?? ''}|${configFile?.toString() ?? ''}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = this.createScope(folder, configFile);
      this.scopes.set(key, scope);
    }
    const { linterFor, ignore, root, documents } = await scope;
    const relative = uri.path.startsWith(`${root.path}/`) ? uri.path.slice(root.path.length + 1) : undefined;
    const linter = linterFor(relative);
    const parts = folder && vscode.workspace.isTrusted ? await this.partsFor(uri, linter, documents?.map((name) => vscode.Uri.joinPath(root, name)) ?? (await this.quartoChapters(uri, folder.uri))) : undefined;
    const text = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString())?.getText();
    const bibliography = folder && vscode.workspace.isTrusted && text !== undefined ? await this.bibliographies.textsFor(uri, text, folder.uri) : undefined;
    return { linter, ignored: relative !== undefined && ignore.some((pattern) => pattern.test(relative)), ...(parts ? { parts } : {}), ...(bibliography ? { bibliography } : {}) };
  }

  /** The chapters of the Quarto book around the document, in order, if any. */
  private async quartoChapters(uri: vscode.Uri, root: vscode.Uri): Promise<vscode.Uri[] | undefined> {
    const project = await nearestQuartoYaml(uri, root, readText);
    return project && quartoChapters(project.text).map((name) => vscode.Uri.joinPath(project.dir, name));
  }

  /** The other files of the document, as an open editor holds them or else as saved. */
  private async partsFor(uri: vscode.Uri, linter: Linter, files: vscode.Uri[] | undefined): Promise<DocumentParts | undefined> {
    if (!files?.some((file) => file.toString() === uri.toString())) return undefined;
    const summaries = new Map<string, PartSummary>();
    for (const file of files) {
      const key = file.toString();
      if (key === uri.toString()) continue;
      const text = vscode.workspace.textDocuments.find((document) => document.uri.toString() === key)?.getText() ?? (await readText(file));
      if (text === undefined) continue;
      const cached = this.summaries.get(key);
      const summary = cached?.text === text ? cached.summary : linter.partSummary(text);
      this.summaries.set(key, { text, summary });
      summaries.set(key, summary);
    }
    return partsOf(
      files.map((file) => file.toString()),
      uri.toString(),
      (key) => summaries.get(key),
      (key) => vscode.workspace.asRelativePath(vscode.Uri.parse(key), false),
    );
  }

  private async findConfigFile(uri: vscode.Uri, root: vscode.Uri): Promise<vscode.Uri | undefined> {
    for (let dir = vscode.Uri.joinPath(uri, '..'); dir.path.startsWith(root.path); dir = vscode.Uri.joinPath(dir, '..')) {
      for (const name of CONFIG_FILE_NAMES) {
        const candidate = vscode.Uri.joinPath(dir, name);
        try {
          if ((await vscode.workspace.fs.stat(candidate)).type === vscode.FileType.File) return candidate;
        } catch {
          // Not here: look one folder up.
        }
      }
      if (dir.path === root.path) break;
    }
    return undefined;
  }

  private async createScope(folder: vscode.WorkspaceFolder | undefined, configFile: vscode.Uri | undefined) {
    const settings = vscode.workspace.getConfiguration('medlint', folder);
    const editorRules = editorRuleSeverities(settings);
    const root = configFile ? vscode.Uri.joinPath(configFile, '..') : (folder?.uri ?? vscode.Uri.file('/'));
    const shown = (uri: vscode.Uri) => (folder ? vscode.workspace.asRelativePath(uri, false) : uri.path);
    const problems: CorpusProblem[] = [];
    let config: MedlintConfig = {};
    if (configFile) {
      const text = await readText(configFile);
      const result = validateConfig(shown(configFile), text ?? '');
      problems.push(...result.problems);
      config = result.config ?? {};
    }
    // Term folders: the config's, relative to it, and the settings', relative to the workspace folder.
    const folderNames: [vscode.Uri, string][] = [
      ...(config.terms ?? []).map((name) => [vscode.Uri.joinPath(root, name), name] as [vscode.Uri, string]),
      ...(folder && vscode.workspace.isTrusted ? (settings.get<string[]>('termsPaths') ?? []).map((name) => [vscode.Uri.joinPath(folder.uri, name), name] as [vscode.Uri, string]) : []),
    ];
    const folders: TermFolder[] = [];
    for (const [dir, name] of folderNames) {
      let exists = true;
      try {
        await vscode.workspace.fs.stat(dir);
      } catch {
        exists = false;
      }
      folders.push(exists ? { name, files: { terms: await yamlFiles(dir, shown), claims: await yamlFiles(vscode.Uri.joinPath(dir, 'claims'), shown) } } : { name });
    }
    const resolved = resolveSettings(this.builtin, config, folders, configFile ? shown(configFile) : 'settings (medlint.termsPaths)', editorRules);
    problems.push(...resolved.problems);
    this.report(problems);
    return { linterFor: fileLinters(linterOptionsOf(resolved), resolved.overrides), ignore: ignoredFileGlobs(config).map(globToRegExp), root, ...(config.documents && configFile ? { documents: config.documents } : {}) };
  }

  /** Corpus and config problems reported since the last reset, as shown in the output channel. */
  problems(): string[] {
    return [...this.reported];
  }

  /** Logs each problem, and warns once per set of problems not warned about before, saying what still works. */
  private report(problems: CorpusProblem[], stillWorks = 'The rest of the corpus still applies.'): void {
    const fresh = problems.map(formatProblem).filter((line) => !this.reported.has(line));
    for (const line of fresh) {
      this.reported.add(line);
      this.log.warn(line);
    }
    const unwarned = fresh.filter((line) => !this.warned.has(line));
    if (unwarned.length === 0) return;
    for (const line of unwarned) this.warned.add(line);
    const more = unwarned.length > 1 ? ` (and ${unwarned.length - 1} more)` : '';
    const notice = `medlint: ${unwarned[0]}${more}. ${stillWorks}`;
    this.notices.push(notice);
    void vscode.window.showWarningMessage(notice, 'Show Output').then((choice) => {
      if (choice) this.log.show(true);
    });
  }
}
