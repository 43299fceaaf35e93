import { parseDocument } from 'yaml';

/** The front matter block that opens a document: `---` lines around YAML (a byte order mark aside). */
export interface FrontMatter {
  /** Offsets of the YAML between the fences (from the line after `---` to the closing fence's line). */
  bodyStart: number;
  bodyEnd: number;
  eol: string;
}

const OPENING = /^\ufeff?---[ \t]*(\r\n|\n|\r)/;

export function frontMatterOf(text: string): FrontMatter | undefined {
  const opening = OPENING.exec(text);
  if (!opening) return undefined;
  const eol = opening[1]!;
  const bodyStart = opening[0].length;
  const closing = /^(?:---|\.\.\.)[ \t]*$/m;
  // The closing fence: the first line that is `---` (or `...`) after the opening one.
  for (let at = bodyStart; at <= text.length; ) {
    const next = text.slice(at).search(/\r\n|\n|\r/);
    const line = next < 0 ? text.slice(at) : text.slice(at, at + next);
    if (closing.test(line)) return { bodyStart, bodyEnd: at, eol };
    if (next < 0) return undefined;
    at += next + (text.startsWith('\r\n', at + next) ? 2 : 1);
  }
  return undefined;
}

/**
 * A document's front matter, parsed once per version of the document (the analysis keeps it): the
 * block, and its YAML as plain data (undefined when there is none or it does not parse to a mapping).
 */
export interface ParsedFrontMatter {
  block?: FrontMatter;
  data?: Record<string, unknown>;
}

export function parseFrontMatter(text: string): ParsedFrontMatter {
  const block = frontMatterOf(text);
  if (!block) return {};
  const document = parseDocument(text.slice(block.bodyStart, block.bodyEnd));
  if (document.errors.length > 0) return { block };
  const data: unknown = document.toJS();
  return data && typeof data === 'object' && !Array.isArray(data) ? { block, data: data as Record<string, unknown> } : { block };
}

/** The `medlint:` mapping of the front matter: what the document says about its own checking. */
export function medlintFrontMatter(frontMatter: ParsedFrontMatter): Record<string, unknown> {
  const medlint = frontMatter.data?.medlint;
  return medlint && typeof medlint === 'object' && !Array.isArray(medlint) ? (medlint as Record<string, unknown>) : {};
}
