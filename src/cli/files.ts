import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { globToRegExp } from '../core/glob';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
// Markdown, and Pandoc's Markdown as Quarto and R Markdown name it.
const MARKDOWN = /\.(?:md|markdown|mdown|mkd|qmd|rmd|rmarkdown)$/i;

export class UsageError extends Error {}

function* walk(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* walk(join(dir, entry.name));
    } else if (entry.isFile()) {
      yield join(dir, entry.name);
    }
  }
}

function isGlob(pattern: string): boolean {
  return /[*?[\]{}!]/.test(pattern);
}

/**
 * The files to lint, as paths to show (relative to `cwd` when given relative, as given otherwise):
 * a file as named, Markdown files (.md, .qmd, .Rmd…) under a folder, files matching a glob. No arguments: the current folder.
 */
export function expandPaths(args: string[], cwd = process.cwd()): string[] {
  const found = new Set<string>();
  const show = (file: string) => relative(cwd, file).replace(/\\/g, '/') || file;
  for (const arg of args.length ? args : ['.']) {
    if (isGlob(arg)) {
      const pattern = globToRegExp(arg.replace(/\\/g, '/').replace(/^\.\//, ''));
      let any = false;
      for (const file of walk(cwd)) {
        if (pattern.test(show(file))) {
          found.add(show(file));
          any = true;
        }
      }
      if (!any && args.length) throw new UsageError(`no files match "${arg}"`);
      continue;
    }
    const absolute = resolve(cwd, arg);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new UsageError(`no such file or folder: ${arg}`);
    }
    if (stats.isDirectory()) {
      for (const file of walk(absolute)) if (MARKDOWN.test(file)) found.add(show(file));
    } else {
      found.add(arg.replace(/\\/g, '/'));
    }
  }
  return [...found];
}
