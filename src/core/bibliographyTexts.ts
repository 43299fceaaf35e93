import type { Bibliography, ParsedBibliography } from './bibliography';
import { bibliographyModule } from './bibliographyModule';
import { bibliographyFormat } from './bibliographySettings';
import type { CitationSources } from './citations';

/**
 * A document's bibliography as file texts, for an editor that reads files its own way (VS Code's
 * workspace file system, in the browser too) and a worker thread it sends them to: plain data.
 */
export interface BibliographyTexts {
  /** Bibliography files, and inline references: a YAML text whose `references:` hold items (see `frontMatterReferences`). */
  files: { file: string; text: string; inline?: boolean }[];
  /** A CSL style's text (front matter `csl:`). */
  style?: { file: string; text: string };
}

const parsedFiles = new Map<string, { text: string; parsed: ParsedBibliography }>();
const combined = new Map<string, { parts: ParsedBibliography[]; bibliography: Bibliography }>();
const usableStyles = new Map<string, boolean>();

function parsedFile(file: string, text: string, inline = false): ParsedBibliography {
  const cached = parsedFiles.get(file);
  if (cached?.text === text) return cached.parsed;
  const format = bibliographyFormat(file);
  const parsed = inline ? bibliographyModule().parseInlineReferences(text, file) : format ? bibliographyModule().parseBibliography(text, format, file) : { file, entries: [], problems: [] };
  parsedFiles.set(file, { text, parsed });
  return parsed;
}

/** The citation sources the texts make, each file parsed once per text it has; a style CSL cannot use is left out (AMA then). */
export function citationSourcesOf(texts: BibliographyTexts): CitationSources {
  const parts = texts.files.map(({ file, text, inline }) => parsedFile(file, text, inline));
  const key = texts.files.map(({ file }) => file).join('\u0000');
  let found = combined.get(key);
  if (!found || found.parts.some((part, index) => part !== parts[index])) {
    found = { parts, bibliography: new (bibliographyModule().Bibliography)(parts) };
    combined.set(key, found);
  }
  const style = texts.style;
  if (style && !usableStyles.has(style.text)) usableStyles.set(style.text, bibliographyModule().citationStyleProblems(style.text, style.file).length === 0);
  return { bibliography: found.bibliography, ...(style && usableStyles.get(style.text) ? { style: style.text } : {}) };
}
