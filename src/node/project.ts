import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { validateConfig, type MedlintConfig } from '../core/config';
import { checkIntegrity } from '../core/corpus/integrity';
import { mergeCorpora } from '../core/corpus/load';
import type { Corpus, CorpusProblem } from '../core/corpus/types';
import { createLinter, type Linter } from '../core/linter';
import type { SeveritySetting } from '../core/types';
import { loadTermsDirectory } from './terms';

export const CONFIG_FILE_NAMES = ['.medlintrc.json', 'medlint.config.json'];

/** What applies to one Markdown file: the linter built from its config, and whether it is ignored. */
export interface FileSettings {
  linter: Linter;
  ignored: boolean;
  configFile?: string;
}

interface ConfigScope {
  linter: Linter;
  configFile?: string;
  isIgnored: (file: string) => boolean;
}

/** The nearest config file at or above `dir`, if any. */
export function findConfigFile(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(current, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    if (dirname(current) === current) return undefined;
  }
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
    private readonly options: { explicitConfig?: string; base?: string; overrides?: Record<string, SeveritySetting> } = {},
  ) {}

  settingsFor(file: string): FileSettings {
    const configFile = this.options.explicitConfig ? resolve(this.options.explicitConfig) : findConfigFile(dirname(resolve(file)));
    const scope = this.scopeFor(configFile);
    return { linter: scope.linter, ignored: scope.isIgnored(resolve(file)), ...(configFile ? { configFile } : {}) };
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
    let corpus = this.builtin;
    const workspaceFiles = new Map<string, string>();
    for (const folder of config.terms ?? []) {
      const dir = resolve(root, folder);
      if (!existsSync(dir)) {
        this.problems.push({ file: this.shown(configFile!), message: `terms folder "${folder}" does not exist` });
        continue;
      }
      const loaded = loadTermsDirectory(dir, this.options.base ?? process.cwd());
      this.problems.push(...loaded.problems);
      for (const [id, file] of loaded.files) workspaceFiles.set(id, file);
      corpus = mergeCorpora(corpus, loaded.corpus);
    }
    // Workspace entries may relate to built-in ones: check them against the merged corpus.
    if (workspaceFiles.size > 0) this.problems.push(...checkIntegrity(corpus, (id) => workspaceFiles.get(id)));
    const ignoreMatcher = config.ignore?.length ? picomatch(config.ignore, { dot: true }) : undefined;
    return {
      linter: createLinter({ corpus, rules: { ...config.rules, ...this.options.overrides } }),
      ...(configFile ? { configFile } : {}),
      isIgnored: (file) => (ignoreMatcher ? ignoreMatcher(relative(root, file).replace(/\\/g, '/')) : false),
    };
  }
}
