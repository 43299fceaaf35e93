import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkIntegrity } from '../core/corpus/integrity';
import { loadCorpus, entryIdOf, type LoadResult, type SourceFile } from '../core/corpus/load';

export interface FolderLoadResult extends LoadResult {
  /** Entry id (claims as `claims/<id>`) → the file it came from, as shown in messages. */
  files: Map<string, string>;
}

function yamlFiles(dir: string, shownAs: (file: string) => string): SourceFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const file = join(dir, name);
    return { path: shownAs(file), text: readFileSync(file, 'utf8') };
  });
}

/**
 * Loads a term folder: `*.yaml` term entries and `claims/*.yaml` claim entries. Problems name files
 * relative to `base` (the current folder for the CLI), with line and column.
 */
export function loadTermsDirectory(dir: string, base = process.cwd()): FolderLoadResult {
  const shownAs = (file: string) => relative(base, file).replace(/\\/g, '/') || file;
  const termFiles = yamlFiles(dir, shownAs);
  const claimFiles = yamlFiles(join(dir, 'claims'), shownAs);
  const files = new Map<string, string>([
    ...termFiles.map((file) => [entryIdOf(file.path), file.path] as const),
    ...claimFiles.map((file) => [`claims/${entryIdOf(file.path)}`, file.path] as const),
  ]);
  return { ...loadCorpus(termFiles, claimFiles), files };
}

/** Loads a folder that must stand alone (the built-in corpus): schema and integrity problems together. */
export function checkTermsDirectory(dir: string, base = process.cwd()): LoadResult {
  const result = loadTermsDirectory(dir, base);
  return { corpus: result.corpus, problems: [...result.problems, ...checkIntegrity(result.corpus, (id) => result.files.get(id) ?? id)] };
}
