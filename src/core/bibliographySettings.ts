import { parse } from 'yaml';
import { frontMatterOf } from './ignore';

/**
 * Where a document's references live, as its front matter (or a Quarto project's `_quarto.yml`, or
 * a folder's `_metadata.yml`) names them: paths as written, relative to the file that names them.
 * Reading this needs no bibliography parser, so a document without a bibliography loads none.
 */
export interface BibliographySettings {
  /** `bibliography:`, one path or a list. */
  bibliography: string[];
  /** Whether `bibliography:` is written as a YAML list, which Quarto adds to the outer files' instead of replacing them. */
  bibliographyList?: boolean;
  /** `csl:`, the path of a CSL style. */
  csl?: string;
  /** Whether the YAML holds its own items, under `references:` (Pandoc's inline references). */
  inlineReferences?: boolean;
}

function settingsOf(metadata: unknown): BibliographySettings | undefined {
  if (!metadata || typeof metadata !== 'object') return undefined;
  const { bibliography, csl, references } = metadata as { bibliography?: unknown; csl?: unknown; references?: unknown };
  const paths = (Array.isArray(bibliography) ? bibliography : [bibliography]).filter((path): path is string => typeof path === 'string' && path.trim() !== '');
  const style = typeof csl === 'string' && csl.trim() !== '' ? csl : undefined;
  const inline = Array.isArray(references);
  if (paths.length === 0 && !style && !inline) return undefined;
  return { bibliography: paths, ...(Array.isArray(bibliography) ? { bibliographyList: true } : {}), ...(style ? { csl: style } : {}), ...(inline ? { inlineReferences: true } : {}) };
}

/** A file that may set a document's bibliography, and what it sets. */
export interface MetadataLayer<F> {
  file: F;
  settings: BibliographySettings | undefined;
}

/** A document's bibliography as its layers of metadata make it: each path and style with the file that names it. */
export interface MergedBibliography<F> {
  paths: { path: string; namedIn: F }[];
  csl?: { path: string; namedIn: F };
  /** The files that hold `references:` items, innermost (the document) first: an item there wins its key. */
  inline: F[];
}

/**
 * Merges a document's layers of metadata, outermost first (a Quarto project's `_quarto.yml`, each
 * folder's `_metadata.yml` down to the document's, then its front matter), as Quarto's mergeConfigs
 * does: a `bibliography:` list adds to the paths the outer layers set, a single path replaces them; an
 * inner `csl:` replaces an outer one; every layer's `references:` count. Undefined when no layer names
 * a bibliography or holds an item.
 */
export function mergeBibliographySettings<F>(layers: readonly MetadataLayer<F>[]): MergedBibliography<F> | undefined {
  let paths: MergedBibliography<F>['paths'] = [];
  let list = false;
  let csl: MergedBibliography<F>['csl'];
  const inline: F[] = [];
  for (const { file, settings } of layers) {
    if (!settings) continue;
    if (settings.bibliography.length > 0) {
      const named = settings.bibliography.map((path) => ({ path, namedIn: file }));
      paths = list || settings.bibliographyList ? [...paths, ...named] : named;
      list ||= settings.bibliographyList ?? false;
    }
    if (settings.csl) csl = { path: settings.csl, namedIn: file };
    if (settings.inlineReferences) inline.unshift(file);
  }
  if (paths.length === 0 && inline.length === 0) return undefined;
  return { paths, ...(csl ? { csl } : {}), inline };
}

export type BibliographyFormat = 'biblatex' | 'bibtex' | 'csl-json' | 'csl-yaml';

const FORMAT_OF_EXTENSION: Record<string, BibliographyFormat> = { bib: 'biblatex', bibtex: 'bibtex', json: 'csl-json', yaml: 'csl-yaml', yml: 'csl-yaml' };

/** The format of a bibliography file by its extension, as Pandoc reads it (`.bib` is BibLaTeX). */
export function bibliographyFormat(path: string): BibliographyFormat | undefined {
  return FORMAT_OF_EXTENSION[/\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? ''];
}

/** Whether YAML may set one of these keys at its top level: most documents do not, and need no parse. */
const NAMES_BIBLIOGRAPHY = /^(?:bibliography|csl|references)[ \t]*:/m;

function parsedYaml(text: string): unknown {
  if (!NAMES_BIBLIOGRAPHY.test(text)) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** The bibliography settings in a Markdown, Quarto or R Markdown document's front matter, if any. */
export function frontMatterBibliography(documentText: string): BibliographySettings | undefined {
  const frontMatter = frontMatterOf(documentText);
  return frontMatter ? settingsOf(parsedYaml(documentText.slice(frontMatter.bodyStart, frontMatter.bodyEnd))) : undefined;
}

/**
 * The front matter of a document whose settings say it holds `references:`, as a CSL-YAML text for
 * the bibliography parser: everything before the YAML is blanked to its line breaks, so that an
 * item's line is its line in the document.
 */
export function frontMatterReferences(documentText: string): string | undefined {
  const frontMatter = frontMatterOf(documentText);
  return frontMatter && documentText.slice(0, frontMatter.bodyStart).replace(/[^\r\n]+/g, '') + documentText.slice(frontMatter.bodyStart, frontMatter.bodyEnd);
}

/** The bibliography settings a Quarto project's `_quarto.yml` (or a folder's `_metadata.yml`) gives every document in it, if any. */
export function quartoBibliography(quartoYaml: string): BibliographySettings | undefined {
  return settingsOf(parsedYaml(quartoYaml));
}
