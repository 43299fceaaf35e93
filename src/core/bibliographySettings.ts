import { parse } from 'yaml';
import { frontMatterOf } from './ignore';

/**
 * Where a document's references live, as its front matter (or a Quarto project's `_quarto.yml`)
 * names them: paths as written, relative to the file that names them. Reading this needs no
 * bibliography parser, so a document without a bibliography loads none.
 */
export interface BibliographySettings {
  /** `bibliography:`, one path or a list. */
  bibliography: string[];
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
  return { bibliography: paths, ...(style ? { csl: style } : {}), ...(inline ? { inlineReferences: true } : {}) };
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

/** The bibliography settings a Quarto project's `_quarto.yml` gives every document in it, if any. */
export function quartoBibliography(quartoYaml: string): BibliographySettings | undefined {
  return settingsOf(parsedYaml(quartoYaml));
}
