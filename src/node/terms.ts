import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LoadResult, SourceFile } from '../core/corpus/load';
import { resolveSettings, type TermFolder } from '../core/settings';

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

/** A term folder's files, named relative to `base` (the current folder for the CLI). */
export function readTermFolder(dir: string, name: string, base = process.cwd()): TermFolder {
  const shownAs = (file: string) => relative(base, file).replace(/\\/g, '/') || file;
  try {
    readdirSync(dir);
  } catch {
    return { name };
  }
  return { name, files: { terms: yamlFiles(dir, shownAs), claims: yamlFiles(join(dir, 'claims'), shownAs) } };
}

/** Loads a folder that must stand alone (the built-in corpus): schema and integrity problems together. */
export function checkTermsDirectory(dir: string, base = process.cwd()): LoadResult {
  const files = readTermFolder(dir, dir, base).files ?? { terms: [], claims: [] };
  const { corpus, problems } = resolveSettings({ terms: [], claims: [] }, {}, [{ name: dir, files }], dir);
  return { corpus, problems };
}
