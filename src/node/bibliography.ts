import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Bibliography, BibliographyProblem, ParsedBibliography } from '../core/bibliography';
import { bibliographyModule } from '../core/bibliographyModule';
import { bibliographyFormat, frontMatterBibliography, frontMatterReferences, mergeBibliographySettings, quartoBibliography, type BibliographySettings, type MetadataLayer } from '../core/bibliographySettings';
import { findFileUp } from './findUp';

/** What a document cites from: its bibliography, the CSL style it names, and what went wrong reading them. */
export interface DocumentBibliography {
  bibliography: Bibliography;
  /** The bibliography files, absolute, in the order named. */
  files: string[];
  /** The text of the CSL style `csl:` names, when it can be used; references are in AMA style otherwise. */
  style?: string;
  /** The files' problems, files that cannot be read, and a style that cannot be used. */
  problems: BibliographyProblem[];
  /** Whether every file named was read: a key may be in one that was not. */
  complete: boolean;
}

interface Stamped<T> {
  mtimeMs: number;
  size: number;
  value: T;
}

/** A file that names bibliography settings: its path and text, and its YAML as a CSL-YAML text for `references:`. */
interface NamingFile {
  path: string;
  text: string;
  yaml: () => string;
}

interface StyleFile {
  text?: string;
  problems: BibliographyProblem[];
}

const UNKNOWN_FORMAT = 'not a bibliography medlint reads: use .bib (BibLaTeX), .bibtex, .json (CSL-JSON), .yaml or .yml (CSL-YAML)';

/** Where `path` is written in the text of the file that names it (for a problem's position). */
function lineNaming(text: string, path: string): { line?: number } {
  const at = text.indexOf(path);
  return at < 0 ? {} : { line: (text.slice(0, at).match(/\r\n|\n|\r/g)?.length ?? 0) + 1 };
}

/**
 * Bibliography and style files, each read and parsed once and again only when its modification
 * time or size changes; the combined bibliography of a list of files is rebuilt only when one of
 * them was read again.
 */
export class BibliographyFiles {
  private readonly bibliographies = new Map<string, Stamped<ParsedBibliography>>();
  private readonly styles = new Map<string, Stamped<StyleFile>>();
  private readonly projects = new Map<string, Stamped<{ text: string; settings?: BibliographySettings }>>();
  private readonly combined = new Map<string, { parts: ParsedBibliography[]; bibliography: Bibliography }>();
  private readonly inline = new Map<string, { yaml: string; parsed: ParsedBibliography }>();

  private cached<T>(cache: Map<string, Stamped<T>>, path: string, read: (text: string) => T, missing: (error: Error) => T): T {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      cache.delete(path);
      return missing(error as Error);
    }
    const hit = cache.get(path);
    if (hit && hit.mtimeMs === stats.mtimeMs && hit.size === stats.size) return hit.value;
    let value: T;
    try {
      value = read(readFileSync(path, 'utf8'));
    } catch (error) {
      return missing(error as Error);
    }
    cache.set(path, { mtimeMs: stats.mtimeMs, size: stats.size, value });
    return value;
  }

  /** One bibliography file, by absolute path; a file that is missing or of an unknown kind gives a problem. */
  read(path: string): ParsedBibliography {
    const format = bibliographyFormat(path);
    if (!format) return { file: path, entries: [], problems: [{ file: path, message: UNKNOWN_FORMAT }] };
    return this.cached(this.bibliographies, path, (text) => bibliographyModule().parseBibliography(text, format, path), (error) => ({ file: path, entries: [], problems: [{ file: path, message: `cannot read this bibliography: ${error.message}` }] }));
  }

  /** One CSL style file, by absolute path: its text when it formats references. */
  style(path: string): StyleFile {
    return this.cached(
      this.styles,
      path,
      (text) => {
        const problems = bibliographyModule().citationStyleProblems(text, path);
        return problems.length > 0 ? { problems } : { text, problems };
      },
      (error) => ({ problems: [{ file: path, message: `cannot read this CSL style (${error.message}); references are shown in AMA style` }] }),
    );
  }

  /**
   * The bibliography of the document `file` (its text `text`), as Quarto merges its metadata: the
   * `_quarto.yml` of the Quarto project around it, each folder's `_metadata.yml` from there down to the
   * document's, and its front matter (see mergeBibliographySettings); each path relative to the file
   * that names it. Outside a Quarto project, the front matter alone, as Pandoc reads it. The items
   * these hold under `references:` join the files' and win a key they share. Undefined when none
   * names a bibliography or holds an item: nothing is loaded then.
   */
  forDocument(file: string, text: string): DocumentBibliography | undefined {
    const document: NamingFile = { path: resolve(file), text, yaml: () => frontMatterReferences(text)! };
    const merged = mergeBibliographySettings([...this.projectLayers(dirname(document.path)), { file: document, settings: frontMatterBibliography(text) }], ({ path, namedIn }) => resolve(dirname(namedIn.path), path));
    if (!merged) return undefined;
    const problems: BibliographyProblem[] = [];
    // A path that cannot be read is a problem where it is named, in the front matter or a project file.
    const namedAt = (naming: NamingFile, path: string, message: string) => problems.push({ file: naming.path, ...lineNaming(naming.text, path), message: `${path}: ${message}` });
    const files: string[] = [];
    for (const { path, namedIn, location: absolute } of merged.paths) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) namedAt(namedIn, path, 'medlint reads bibliography files, not addresses on the web');
      else if (!bibliographyFormat(path)) namedAt(namedIn, path, UNKNOWN_FORMAT);
      else if (!existsSync(absolute)) namedAt(namedIn, path, 'no such file');
      else files.push(absolute);
    }
    const complete = files.length === merged.paths.length;
    const parts = [...merged.inline.map((naming) => this.inlineReferences(naming.path, naming.yaml())), ...files.map((path) => this.read(path))];
    const bibliography = this.combine(parts);
    problems.push(...bibliography.problems);
    if (!merged.csl) return { bibliography, files, problems, complete };
    const { path: stylePath, namedIn: styleNaming } = merged.csl;
    const styleFile = resolve(dirname(styleNaming.path), stylePath);
    if (!existsSync(styleFile)) {
      namedAt(styleNaming, stylePath, 'no such file; references are shown in AMA style');
      return { bibliography, files, problems, complete };
    }
    const style = this.style(styleFile);
    problems.push(...style.problems);
    return { bibliography, files, ...(style.text !== undefined ? { style: style.text } : {}), problems, complete };
  }

  /**
   * The layers of metadata a document in `dir` inherits, outermost first: the nearest `_quarto.yml`
   * above it and each `_metadata.yml` from its folder down to `dir`; none outside a Quarto project.
   */
  private projectLayers(dir: string): MetadataLayer<NamingFile>[] {
    const quarto = findFileUp(dir, ['_quarto.yml']);
    if (!quarto) return [];
    const folders: string[] = [];
    for (let folder = dir; folder !== dirname(quarto); folder = dirname(folder)) folders.unshift(folder);
    const layers: MetadataLayer<NamingFile>[] = [];
    for (const path of [quarto, ...[dirname(quarto), ...folders].map((folder) => join(folder, '_metadata.yml'))]) {
      const read = this.cached(this.projects, path, (yaml) => ({ text: yaml, settings: quartoBibliography(yaml) }), () => undefined);
      if (read) layers.push({ file: { path, text: read.text, yaml: () => read.text }, settings: read.settings });
    }
    return layers;
  }

  /** The items a document's front matter, a `_quarto.yml` or a `_metadata.yml` holds under `references:`, parsed once per text. */
  private inlineReferences(file: string, yaml: string): ParsedBibliography {
    const hit = this.inline.get(file);
    if (hit?.yaml === yaml) return hit.parsed;
    const parsed = bibliographyModule().parseInlineReferences(yaml, file);
    this.inline.set(file, { yaml, parsed });
    return parsed;
  }

  private combine(parts: ParsedBibliography[]): Bibliography {
    const key = parts.map((part) => part.file).join('\u0000');
    const hit = this.combined.get(key);
    if (hit && hit.parts.every((part, index) => part === parts[index])) return hit.bibliography;
    const bibliography = new (bibliographyModule().Bibliography)(parts);
    this.combined.set(key, { parts, bibliography });
    return bibliography;
  }
}

/** The files every caller in this process shares. */
export const bibliographyFiles = new BibliographyFiles();
