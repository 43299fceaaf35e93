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
  /** What Quarto's formats set for their own render, by format name. */
  formats?: Record<string, FormatBibliography>;
}

const pathsOf = (bibliography: unknown) => (Array.isArray(bibliography) ? bibliography : [bibliography]).filter((path): path is string => typeof path === 'string' && path.trim() !== '');
const styleOf = (csl: unknown) => (typeof csl === 'string' && csl.trim() !== '' ? csl : undefined);

/** A format's own `bibliography:` and `csl:` (Quarto's `format: { html: { … } }`), which apply when it is rendered. */
export type FormatBibliography = Pick<BibliographySettings, 'bibliography' | 'bibliographyList' | 'csl'>;

function formatSettings(format: unknown): Record<string, FormatBibliography> {
  const found: Record<string, FormatBibliography> = {};
  if (!format || typeof format !== 'object' || Array.isArray(format)) return found;
  for (const [name, options] of Object.entries(format)) {
    if (!options || typeof options !== 'object' || Array.isArray(options)) continue;
    const { bibliography, csl } = options as { bibliography?: unknown; csl?: unknown };
    const paths = pathsOf(bibliography);
    const style = styleOf(csl);
    if (paths.length > 0 || style) found[name] = { bibliography: paths, ...(Array.isArray(bibliography) ? { bibliographyList: true } : {}), ...(style ? { csl: style } : {}) };
  }
  return found;
}

function settingsOf(metadata: unknown): BibliographySettings | undefined {
  if (!metadata || typeof metadata !== 'object') return undefined;
  const { bibliography, csl, references, format } = metadata as { bibliography?: unknown; csl?: unknown; references?: unknown; format?: unknown };
  const paths = pathsOf(bibliography);
  const style = styleOf(csl);
  const inline = Array.isArray(references);
  const formats = formatSettings(format);
  if (paths.length === 0 && !style && !inline && Object.keys(formats).length === 0) return undefined;
  return {
    bibliography: paths,
    ...(Array.isArray(bibliography) ? { bibliographyList: true } : {}),
    ...(style ? { csl: style } : {}),
    ...(inline ? { inlineReferences: true } : {}),
    ...(Object.keys(formats).length > 0 ? { formats } : {}),
  };
}

/** A file that may set a document's bibliography, and what it sets. */
export interface MetadataLayer<F> {
  file: F;
  settings: BibliographySettings | undefined;
}

/** A path or style as a file names it. */
export interface Named<F> {
  path: string;
  namedIn: F;
}

/** A document's bibliography as its layers of metadata make it: each path and style with the file that names it. */
export interface MergedBibliography<F, L> {
  /** Each file once, where `locate` found it. */
  paths: (Named<F> & { location: L })[];
  csl?: Named<F>;
  /** The files that hold `references:` items, innermost (the document) first: an item there wins its key. */
  inline: F[];
}

/** One render's bibliography and style, merged layer by layer as Quarto's mergeConfigs does. */
function mergedFor<F>(layers: readonly MetadataLayer<F>[], format: string | undefined): { paths: Named<F>[]; csl?: Named<F> } {
  let paths: Named<F>[] = [];
  let list = false;
  let csl: Named<F> | undefined;
  for (const { file, settings } of layers) {
    if (!settings) continue;
    // A layer's values for the format are merged over its own before the layers are.
    const own = format ? settings.formats?.[format] : undefined;
    for (const values of own ? [settings, own] : [settings]) {
      if (values.bibliography.length > 0) {
        const named = values.bibliography.map((path) => ({ path, namedIn: file }));
        paths = list || values.bibliographyList ? [...paths, ...named] : named;
        list ||= values.bibliographyList ?? false;
      }
      if (values.csl) csl = { path: values.csl, namedIn: file };
    }
  }
  return { paths, ...(csl ? { csl } : {}) };
}

/**
 * Merges a document's layers of metadata, outermost first (a Quarto project's `_quarto.yml`, each
 * folder's `_metadata.yml` down to the document's, then its front matter), as Quarto's mergeConfigs
 * does: a `bibliography:` list adds to the paths the outer layers set, a single path replaces them; an
 * inner `csl:` replaces an outer one; every layer's `references:` count. A format's own values apply
 * to its render alone: a key is rightly cited if some render finds it, so the paths are those of every
 * render together, and the style the first render's that names one. `locate` says where a path
 * names a file (relative to the file that names it). Undefined when no layer names a bibliography or
 * holds an item.
 */
export function mergeBibliographySettings<F, L>(layers: readonly MetadataLayer<F>[], locate: (named: Named<F>) => L): MergedBibliography<F, L> | undefined {
  const formats = [...new Set(layers.flatMap(({ settings }) => Object.keys(settings?.formats ?? {})))];
  const renders = [undefined, ...formats].map((format) => mergedFor(layers, format));
  // Quarto keeps one of each path its layers name; two layers may name one file by different paths.
  const paths = new Map<string, Named<F> & { location: L }>();
  for (const named of renders.flatMap((render) => render.paths)) {
    const location = locate(named);
    if (!paths.has(String(location))) paths.set(String(location), { ...named, location });
  }
  const csl = renders.find((render) => render.csl)?.csl;
  const inline = layers.filter(({ settings }) => settings?.inlineReferences).map(({ file }) => file).reverse();
  if (paths.size === 0 && inline.length === 0) return undefined;
  return { paths: [...paths.values()], ...(csl ? { csl } : {}), inline };
}

export type BibliographyFormat = 'biblatex' | 'bibtex' | 'csl-json' | 'csl-yaml';

const FORMAT_OF_EXTENSION: Record<string, BibliographyFormat> = { bib: 'biblatex', bibtex: 'bibtex', json: 'csl-json', yaml: 'csl-yaml', yml: 'csl-yaml' };

/** The format of a bibliography file by its extension, as Pandoc reads it (`.bib` is BibLaTeX). */
export function bibliographyFormat(path: string): BibliographyFormat | undefined {
  return FORMAT_OF_EXTENSION[/\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? ''];
}

/** Whether YAML may set one of these keys, at its top level or under a format: most documents do not, and need no parse. */
const NAMES_BIBLIOGRAPHY = /^[ \t]*(?:bibliography|csl|references)[ \t]*:/m;

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
