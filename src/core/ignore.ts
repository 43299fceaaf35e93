import { parseDocument } from 'yaml';

/**
 * A finding the writer has accepted: every finding whose flagged text is `text` (ignoring case and
 * how the words are spaced or wrapped), of `rule` when given. Written in `.medlintrc.json` (`ignore`,
 * beside the file globs) for a workspace, or in a document's front matter (`medlint: { ignore: [...] }`).
 */
export interface IgnoreEntry {
  text: string;
  rule?: string;
}

export const normalizeIgnored = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** The entries of an `ignore` list that accept findings (the strings are file globs). */
export function ignoreEntriesOf(list: unknown): IgnoreEntry[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item): IgnoreEntry[] => {
    if (typeof item === 'string' || !item || typeof item !== 'object') return [];
    const { text, rule } = item as { text?: unknown; rule?: unknown };
    if (typeof text !== 'string' || !text.trim()) return [];
    return [{ text, ...(typeof rule === 'string' && rule ? { rule } : {}) }];
  });
}

/** Whether an entry accepts a finding whose flagged source text is `flagged`. */
export function ignores(entry: IgnoreEntry, ruleId: string, flagged: string): boolean {
  return (!entry.rule || entry.rule === ruleId) && normalizeIgnored(entry.text) === normalizeIgnored(flagged);
}

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

/** The entries a document's front matter accepts: `medlint: { ignore: [Keytruda, { text: CR, rule: undefined-abbreviation }] }`. */
export function frontMatterIgnores(text: string): IgnoreEntry[] {
  const frontMatter = frontMatterOf(text);
  if (!frontMatter) return [];
  const document = parseDocument(text.slice(frontMatter.bodyStart, frontMatter.bodyEnd));
  if (document.errors.length > 0) return [];
  const ignore = (document.toJS() as { medlint?: { ignore?: unknown } } | null)?.medlint?.ignore;
  if (!Array.isArray(ignore)) return [];
  // In front matter a plain string is the text to accept: a document has no files to glob.
  return ignoreEntriesOf(ignore.map((item: unknown) => (typeof item === 'string' ? { text: item } : item)));
}

