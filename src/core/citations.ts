import type { Analysis } from './analysis';
import type { Bibliography } from './bibliography';
import type { ParsedFrontMatter } from './frontMatter';
import type { PandocReference } from './markdown/pandoc';
import { partitionPoint } from './text/spans';
import type { SourceSpan } from './types';

/** What a document cites from: its bibliography and the CSL style its references are shown in (AMA when none). */
export interface CitationSources {
  bibliography: Bibliography;
  style?: string;
}

/** The Pandoc citation whose key holds source offset `offset` (its end included, where the cursor stands after typing it). */
export function citationAt(analysis: Analysis, offset: number): PandocReference | undefined {
  const references = analysis.pandocReferences;
  const index = partitionPoint(references.length, (at) => references[at]!.start <= offset) - 1;
  const reference = references[index];
  return reference && reference.kind === 'citation' && offset <= reference.end ? reference : undefined;
}

/** A citation key's hover: the formatted reference, or undefined off a key or for a key the bibliography lacks. */
export function citationHover(analysis: Analysis, offset: number, sources: CitationSources): { markdown: string; start: number; end: number } | undefined {
  const reference = citationAt(analysis, offset);
  const formatted = reference && sources.bibliography.formatReference(reference.key, sources.style);
  return formatted === undefined ? undefined : { markdown: `**@${reference!.key}**\n\n${formatted}`, start: reference!.start, end: reference!.end };
}

export interface CitationCompletion {
  /** The source span the chosen key replaces: what is typed of the key after `@`. */
  start: number;
  end: number;
  /** Each key with "Author, year — title"; the formatted reference is for the editor to ask when an item is shown (it costs a CSL run). */
  items: { key: string; detail: string }[];
}

// `@`, as Pandoc reads one to start a citation: after a space, a bracket, `;` or `-` (`[-@key]`), or at a line's start.
const TYPED_KEY = /(?:^|[\s[;(-])@([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;
const KEY_REST = /^[\p{L}\p{N}_:.#$%&\-+?<>~/]*/u;

/** The bibliography's keys for a citation being typed at `offset` (after `[@`, `@` or `; @`), or undefined elsewhere. */
export function completeCitation(text: string, offset: number, sources: CitationSources): CitationCompletion | undefined {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const typed = TYPED_KEY.exec(text.slice(lineStart, offset));
  if (!typed) return undefined;
  const prefix = typed[1]!;
  const rest = KEY_REST.exec(text.slice(offset, offset + 200))![0];
  const { bibliography } = sources;
  const wanted = prefix.toLowerCase();
  const items = bibliography
    .keys()
    .filter((key) => key.toLowerCase().includes(wanted))
    .map((key) => ({ key, detail: bibliography.completionDetail(key) ?? '' }));
  return { start: offset - prefix.length, end: offset + rest.length, items };
}

/** The keys front matter `nocite:` lists (a string or a list of them), which count as cited; `all` for `@*`. */
export function nocited(frontMatter: ParsedFrontMatter): { all: boolean; keys: Set<string> } {
  const keys = new Set<string>();
  const nocite = frontMatter.data?.nocite;
  const written = (Array.isArray(nocite) ? nocite : [nocite]).filter((item): item is string => typeof item === 'string').join(' ');
  for (const [, key] of written.matchAll(/@(\*|[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)/gu)) keys.add(key!.replace(/[.:]+$/, ''));
  return { all: keys.has('*'), keys };
}

/** Where the document's own front matter names bibliography file `file` (its path as written), if it does. */
export function bibliographyNamedAt(analysis: Analysis, file: string): Omit<SourceSpan, 'range'> | undefined {
  const block = analysis.frontMatter.block;
  if (!block) return undefined;
  const yaml = analysis.source.slice(block.bodyStart, block.bodyEnd);
  const base = file.split(/[\\/]/).pop()!;
  const named = /^(bibliography:.*(?:\r?\n[ \t]+.*)*)/m.exec(yaml);
  if (!named) return undefined;
  const at = named[1]!.indexOf(base);
  if (at < 0) return undefined;
  // The path as written, from the value's start to the file name's end.
  const lineStart = named[1]!.lastIndexOf('\n', at) + 1;
  const valueStart = lineStart + /^(?:bibliography:)?[ \t]*(?:-[ \t]*)?["']?/.exec(named[1]!.slice(lineStart))![0].length;
  const start = block.bodyStart + named.index + valueStart;
  return { start, end: block.bodyStart + named.index + at + base.length };
}
