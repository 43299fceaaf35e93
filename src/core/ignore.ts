import { medlintFrontMatter, parseFrontMatter, type ParsedFrontMatter } from './frontMatter';

export { frontMatterOf, type FrontMatter } from './frontMatter';

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

/** The entries a document's front matter accepts: `medlint: { ignore: [Keytruda, { text: CR, rule: undefined-abbreviation }] }`. */
export function frontMatterIgnores(text: string | ParsedFrontMatter): IgnoreEntry[] {
  const ignore = medlintFrontMatter(typeof text === 'string' ? parseFrontMatter(text) : text).ignore;
  if (!Array.isArray(ignore)) return [];
  // In front matter a plain string is the text to accept: a document has no files to glob.
  return ignoreEntriesOf(ignore.map((item: unknown) => (typeof item === 'string' ? { text: item } : item)));
}
