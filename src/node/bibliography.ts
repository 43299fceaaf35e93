import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Bibliography, BibliographyProblem, ParsedBibliography } from '../core/bibliography';
import { bibliographyModule } from '../core/bibliographyModule';
import { bibliographyFormat, frontMatterBibliography, frontMatterReferences, quartoBibliography, type BibliographySettings } from '../core/bibliographySettings';
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
   * The bibliography of the document `file` (its text `text`): front matter `bibliography:` and
   * `csl:`, relative to the document, or else those of the Quarto project's `_quarto.yml` around it,
   * relative to that; and the items either holds under `references:`, as Pandoc reads them, which win
   * a key they share with a file. Undefined when none names a bibliography or holds an item: nothing
   * is loaded then.
   */
  forDocument(file: string, text: string): DocumentBibliography | undefined {
    const document = resolve(file);
    const own = frontMatterBibliography(text);
    const quartoFile = own?.bibliography.length && own.csl ? undefined : findFileUp(dirname(document), ['_quarto.yml']);
    const quarto = quartoFile ? this.cached(this.projects, quartoFile, (yaml) => ({ text: yaml, settings: quartoBibliography(yaml) }), () => undefined) : undefined;
    const project = quarto?.settings;
    const [namingFile, namingText, paths] = own?.bibliography.length ? [document, text, own.bibliography] : [quartoFile!, quarto?.text ?? '', project?.bibliography ?? []];
    const inline = [
      ...(own?.inlineReferences ? [this.inlineReferences(document, frontMatterReferences(text)!)] : []),
      ...(project?.inlineReferences ? [this.inlineReferences(quartoFile!, quarto!.text)] : []),
    ];
    if (paths.length === 0 && inline.length === 0) return undefined;
    const problems: BibliographyProblem[] = [];
    const files: string[] = [];
    // A path that cannot be read is a problem where it is named, in the front matter or _quarto.yml.
    const namedAt = (path: string, message: string) => problems.push({ file: namingFile, ...lineNaming(namingText, path), message: `${path}: ${message}` });
    for (const path of paths) {
      const absolute = resolve(dirname(namingFile), path);
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) namedAt(path, 'medlint reads bibliography files, not addresses on the web');
      else if (!bibliographyFormat(path)) namedAt(path, UNKNOWN_FORMAT);
      else if (!existsSync(absolute)) namedAt(path, 'no such file');
      else files.push(absolute);
    }
    const complete = files.length === paths.length;
    const parts = [...inline, ...files.map((path) => this.read(path))];
    const bibliography = this.combine(parts);
    problems.push(...bibliography.problems);
    const [styleNaming, styleNamingText, stylePath] = own?.csl ? [document, text, own.csl] : project?.csl ? [quartoFile!, quarto!.text, project.csl] : [];
    if (!stylePath) return { bibliography, files, problems, complete };
    const styleFile = resolve(dirname(styleNaming!), stylePath);
    if (!existsSync(styleFile)) {
      problems.push({ file: styleNaming!, ...lineNaming(styleNamingText!, stylePath), message: `${stylePath}: no such file; references are shown in AMA style` });
      return { bibliography, files, problems, complete };
    }
    const style = this.style(styleFile);
    problems.push(...style.problems);
    return { bibliography, files, ...(style.text !== undefined ? { style: style.text } : {}), problems, complete };
  }

  /** The items a document's front matter or a `_quarto.yml` holds under `references:`, parsed once per text. */
  private inlineReferences(file: string, yaml: string): ParsedBibliography {
    const hit = this.inline.get(file);
    if (hit?.yaml === yaml) return hit.parsed;
    const parsed = { ...bibliographyModule().parseBibliography(yaml, 'csl-yaml', file), inline: true };
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
