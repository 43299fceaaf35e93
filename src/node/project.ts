import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { ignoredFileGlobs, validateConfig, type MedlintConfig } from '../core/config';
import { globToRegExp } from '../core/glob';
import type { Corpus, CorpusProblem } from '../core/corpus/types';
import type { Linter } from '../core/linter';
import { fileLinters } from '../core/overrides';
import type { SeveritySetting } from '../core/types';
import { linterOptionsOf, resolveSettings } from '../core/settings';
import { partsOf, type PartSummary, type DocumentParts } from '../core/documentParts';
import { documentFiles } from './documents';
import type { CitationSources } from '../core/citations';
import { bibliographyFiles } from './bibliography';
import { findFileUp } from './findUp';
import { readTermFolder } from './terms';

export const CONFIG_FILE_NAMES = ['.medlintrc.json', 'medlint.config.json'];

/** What applies to one Markdown file: the linter built from its config, and whether it is ignored. */
export interface FileSettings {
  linter: Linter;
  ignored: boolean;
  configFile?: string;
}

interface ConfigScope {
  /** The linter of a file, by its path from the config's folder (overrides.ts). */
  linterFor: (relativePath: string) => Linter;
  root: string;
  config: MedlintConfig;
  configFile?: string;
  isIgnored: (file: string) => boolean;
}

/** The nearest config file at or above `dir`, if any. */
export function findConfigFile(dir: string): string | undefined {
  return findFileUp(dir, CONFIG_FILE_NAMES);
}


/**
 * Resolves configuration per file and reuses one linter per config file, so a tree with one config
 * compiles the corpus once. Problems (bad config, malformed term files) are collected, never thrown:
 * a bad config falls back to the built-in corpus and defaults, and linting goes on.
 */
export class Project {
  private readonly scopes = new Map<string, ConfigScope>();
  readonly problems: CorpusProblem[] = [];

  constructor(
    private readonly builtin: Corpus,
    private readonly options: {
      explicitConfig?: string;
      /** The folder messages are relative to, and editor term folders resolve from. */
      base?: string;
      /** Severities from an editor's settings, which a config file overrides. */
      editorRules?: Record<string, SeveritySetting>;
      /** Term folders from an editor's settings, relative to `base`. */
      termsPaths?: string[];
      /** Whether files are linted again after edits (an editor, `--fix`): see `LinterOptions.reuseChunks`. */
      reuseChunks?: boolean;
      /** The profile of every file, whatever its front matter or config names (`medlint check --profile`). */
      profile?: string;
    } = {},
  ) {}

  settingsFor(file: string): FileSettings {
    const configFile = this.options.explicitConfig ? resolve(this.options.explicitConfig) : findConfigFile(dirname(resolve(file)));
    const scope = this.scopeFor(configFile);
    const linter = scope.linterFor(relative(scope.root, resolve(file)).replace(/\\/g, '/'));
    return { linter, ignored: scope.isIgnored(resolve(file)), ...(configFile ? { configFile } : {}) };
  }

  /**
   * The other files of the document `file` is one file of (the config's `documents`, a Quarto book's
   * chapters), as its lint needs them; undefined for a file that stands alone. Each file's summary is
   * kept until the file changes.
   */
  partsFor(file: string): DocumentParts | undefined {
    const configFile = this.options.explicitConfig ? resolve(this.options.explicitConfig) : findConfigFile(dirname(resolve(file)));
    const files = documentFiles(file, this.scopeFor(configFile).config, configFile);
    if (!files) return undefined;
    return partsOf(files, resolve(file), (other) => this.summaryOf(other), (other) => this.shown(other));
  }

  private readonly reportedProblems = new Set<string>();

  /**
   * What the document `file` (its text `text`) cites from: the bibliography its front matter or its
   * Quarto project names, cached until a file changes; undefined when none is named, or when a file
   * it names cannot be read (its keys would all look unknown). Problems reading it join the project's
   * problems, each once.
   */
  citationSourcesFor(file: string, text: string): CitationSources | undefined {
    const found = bibliographyFiles.forDocument(file, text);
    if (!found) return undefined;
    for (const problem of found.problems) {
      const shown = { ...problem, file: this.shown(problem.file) };
      const key = JSON.stringify(shown);
      if (this.reportedProblems.has(key)) continue;
      this.reportedProblems.add(key);
      this.problems.push(shown);
    }
    if (!found.complete) return undefined;
    return { bibliography: found.bibliography, ...(found.style !== undefined ? { style: found.style } : {}) };
  }

  private readonly summaries = new Map<string, { modified: number; summary: PartSummary }>();

  private summaryOf(file: string): PartSummary | undefined {
    let modified: number;
    try {
      modified = statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.summaries.get(file);
    if (cached?.modified === modified) return cached.summary;
    const summary = this.settingsFor(file).linter.partSummary(readFileSync(file, 'utf8'));
    this.summaries.set(file, { modified, summary });
    return summary;
  }

  private shown(file: string): string {
    return relative(this.options.base ?? process.cwd(), file).replace(/\\/g, '/') || file;
  }

  private scopeFor(configFile: string | undefined): ConfigScope {
    const key = configFile ?? '';
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = this.createScope(configFile);
      this.scopes.set(key, scope);
    }
    return scope;
  }

  private createScope(configFile: string | undefined): ConfigScope {
    let config: MedlintConfig = {};
    if (configFile) {
      let text: string | undefined;
      try {
        text = readFileSync(configFile, 'utf8');
      } catch (error) {
        this.problems.push({ file: this.shown(configFile), message: `cannot read config: ${(error as Error).message}` });
      }
      if (text !== undefined) {
        const result = validateConfig(this.shown(configFile), text);
        this.problems.push(...result.problems);
        config = result.config ?? {};
      }
    }
    const root = configFile ? dirname(configFile) : process.cwd();
    const base = this.options.base ?? process.cwd();
    const folders = [
      ...(config.terms ?? []).map((folder) => readTermFolder(resolve(root, folder), folder, base)),
      ...(this.options.termsPaths ?? []).map((folder) => readTermFolder(resolve(base, folder), folder, base)),
    ];
    const settings = resolveSettings(this.builtin, config, folders, configFile ? this.shown(configFile) : '', this.options.editorRules);
    this.problems.push(...settings.problems);
    const ignore = ignoredFileGlobs(config).map(globToRegExp);
    const options = { ...linterOptionsOf(settings), reuseChunks: this.options.reuseChunks ?? true, ...(this.options.profile ? { runProfile: this.options.profile } : {}) };
    return {
      config,
      root,
      linterFor: fileLinters(options, settings.overrides),
      ...(configFile ? { configFile } : {}),
      isIgnored: (file) => ignore.some((pattern) => pattern.test(relative(root, file).replace(/\\/g, '/'))),
    };
  }
}
