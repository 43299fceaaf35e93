import { globToRegExp } from './glob';
import { createLinter, type Linter, type LinterOptions } from './linter';
import type { SeveritySetting } from './types';

/** A `.medlintrc.json` `overrides` entry: a profile and severities for the files its globs match. */
export interface FileOverride {
  /** Globs relative to the config file. */
  files: string[];
  profile?: string;
  rules?: Record<string, SeveritySetting>;
}

/**
 * The linter for each file under one config: the config's own, or one per set of `overrides`
 * entries a file matches (their profile and severities added), made once and sharing the compiled
 * corpus. `relativePath` is the file's path from the config's folder, `/`-separated; undefined
 * (a file outside it, an untitled document) matches no entry.
 */
export function fileLinters(options: LinterOptions, overrides: readonly FileOverride[] = []): (relativePath: string | undefined) => Linter {
  const patterns = overrides.map((override) => override.files.map(globToRegExp));
  const linters = new Map<string, Linter>();
  return (relativePath) => {
    const matching = relativePath === undefined ? [] : overrides.filter((_, index) => patterns[index]!.some((pattern) => pattern.test(relativePath)));
    const key = matching.map((override) => overrides.indexOf(override)).join(',');
    let linter = linters.get(key);
    if (!linter) {
      const profile = [...matching].reverse().find((override) => override.profile !== undefined)?.profile ?? options.profile;
      const fileRules = Object.assign({}, ...matching.map((override) => override.rules ?? {})) as Record<string, SeveritySetting>;
      linter = createLinter({ ...options, ...(profile !== undefined ? { profile } : {}), ...(Object.keys(fileRules).length > 0 ? { fileRules } : {}) });
      linters.set(key, linter);
    }
    return linter;
  };
}
