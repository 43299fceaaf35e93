/**
 * A document's bibliography: BibTeX, BibLaTeX, CSL-JSON and CSL-YAML files read by Citation.js into
 * CSL items, indexed by citation key, and formatted as references with citeproc-js (AMA style unless
 * the document names its own). Large (Citation.js and citeproc-js): load it through
 * `bibliographyModule()` so that a document without a bibliography never does.
 */
import { closestName } from './closest';
import { logger, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import { parseDocument } from 'yaml';
import type { BibliographyFormat } from './bibliographySettings';
import { AMERICAN_MEDICAL_ASSOCIATION_CSL } from './csl/americanMedicalAssociation';
import { MARKDOWN_FORMAT, registerMarkdownFormat } from './csl/markdownFormat';

export { bibliographyFormat, type BibliographyFormat } from './bibliographySettings';

/** A problem in a bibliography or style file; line and column count from 1. */
export interface BibliographyProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export interface CslItem {
  id: string;
  type?: string;
  [field: string]: unknown;
}

export interface BibliographyEntry {
  /** The citation key, as `[@key]` cites it (case-sensitive, as in Pandoc). */
  key: string;
  item: CslItem;
  /** Up to two authors as AMA names them ("Robert C, Long GV"), then "et al". */
  authors: string;
  year?: number;
  /** The title as plain text. */
  title?: string;
  doi?: string;
  pmid?: string;
  file: string;
  /** The line the entry starts on, where the format tells. */
  line?: number;
}

/** One bibliography file, read: the entries it holds and what was wrong with it. */
export interface ParsedBibliography {
  file: string;
  entries: BibliographyEntry[];
  problems: BibliographyProblem[];
  /** Items a document's metadata holds under `references:`: they take the place of a file's with the same key, as in Pandoc. */
  inline?: boolean;
}

/** Reads one bibliography file's text. A malformed file or entry gives problems (with its line), never an exception. */
export function parseBibliography(text: string, format: BibliographyFormat, file: string): ParsedBibliography {
  const problems: BibliographyProblem[] = [];
  try {
    const entries = format === 'csl-json' ? cslJsonEntries(text, file, problems) : format === 'csl-yaml' ? cslYamlEntries(text, file, problems) : bibtexEntries(text, format, file, problems);
    return { file, entries: withoutDuplicates(entries, problems), problems };
  } finally {
    // Citation.js keeps every log message in memory even when it prints none; a language server
    // reading bibliographies for days would keep them all.
    logger._log.length = 0;
  }
}

/** The items YAML metadata holds under `references:` (see `frontMatterReferences`), marked inline: they win a key they share with a file. */
export function parseInlineReferences(yaml: string, file: string): ParsedBibliography {
  return { ...parseBibliography(yaml, 'csl-yaml', file), inline: true };
}

/** Turns CSL items (a CSL-JSON file's, a CSL-YAML file's, or front matter `references:`) into entries. */
export function cslEntries(items: readonly unknown[], file: string, problems: BibliographyProblem[], lineOf: (index: number) => number | undefined = () => undefined): BibliographyEntry[] {
  const entries: BibliographyEntry[] = [];
  items.forEach((item, index) => {
    const line = lineOf(index);
    const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') {
      problems.push({ file, ...(line ? { line } : {}), message: `item ${index + 1} has no id, so it cannot be cited; it is left out` });
      return;
    }
    const [clean] = plugins.input.util.clean([withDatesAsCsl(item as Record<string, unknown>)]);
    entries.push(entryOf({ ...clean, id: String(id) } as CslItem, file, line));
  });
  return entries;
}

const DATE_FIELDS = ['issued', 'accessed', 'submitted', 'original-date', 'event-date', 'available-date'];

/** Pandoc's CSL-YAML writes dates as EDTF strings ("2015-01-22") or years; CSL wants date parts. */
function withDatesAsCsl(item: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...item };
  for (const field of DATE_FIELDS) {
    const value = copy[field];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const parts = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(value).trim());
    copy[field] = parts ? { 'date-parts': [parts.slice(1).filter(Boolean).map(Number)] } : { raw: String(value) };
  }
  return copy;
}

/** Line and column (from 1) of offsets in `text`, by a binary search of its line starts. */
function positions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\n|\r/g)) starts.push(match.index + match[0].length);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

function cslJsonEntries(text: string, file: string, problems: BibliographyProblem[]): BibliographyEntry[] {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    problems.push({ file, ...(position ? positions(text)(Number(position[1])) : {}), message: `not valid JSON: ${(error as Error).message}` });
    return [];
  }
  if (!Array.isArray(items)) {
    problems.push({ file, line: 1, column: 1, message: 'a CSL-JSON bibliography is a list of items ([ { "id": …, … } ]); this file holds something else' });
    return [];
  }
  // Where each item's id is written, in order: JSON.parse keeps no positions.
  const position = positions(text);
  const idLines = [...text.matchAll(/"id"\s*:\s*(?:"(?:[^"\\]|\\.)*"|\d+)/g)].map((match) => position(match.index).line);
  return cslEntries(items, file, problems, (index) => (idLines.length === items.length ? idLines[index] : undefined));
}

function cslYamlEntries(text: string, file: string, problems: BibliographyProblem[]): BibliographyEntry[] {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    for (const error of document.errors) problems.push({ file, line: error.linePos?.[0].line, column: error.linePos?.[0].col, message: `not valid YAML: ${error.message.split('\n')[0]}` });
    return [];
  }
  const contents = document.get('references', true) ?? document.contents;
  const items = (contents as { toJSON?: () => unknown } | null)?.toJSON?.();
  if (!Array.isArray(items)) {
    problems.push({ file, line: 1, column: 1, message: 'a CSL-YAML bibliography is a list of items, or `references:` holding one; this file holds neither' });
    return [];
  }
  const nodes = (contents as { items: { range?: [number, number, number] }[] }).items;
  const position = positions(text);
  return cslEntries(items, file, problems, (index) => {
    const start = nodes[index]?.range?.[0];
    return start === undefined ? undefined : position(start).line;
  });
}

/** A Bib(La)TeX entry as Citation.js's grammar reads it, before mapping to CSL. */
interface RawEntry {
  label: string;
  properties: Record<string, unknown>;
}

/** The text of one entry, from its `@` at the start of a line to the next. */
interface Chunk {
  text: string;
  line: number;
}

const ENTRY_START = /^[ \t]*@/gm;
const STRING_DEFINITION = /^\s*@\s*string\s*[{(]/i;
const ENTRY_KEY = /@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t\r\n]*([^,\s{}()"=#%]+)[ \t\r\n]*,/g;

function bibtexEntries(text: string, format: 'biblatex' | 'bibtex', file: string, problems: BibliographyProblem[]): BibliographyEntry[] {
  const grammar = `@${format}/text`;
  let raw: RawEntry[];
  try {
    raw = plugins.input.data(text, grammar) as RawEntry[];
  } catch {
    raw = entriesAroundErrors(text, grammar, file, problems);
  }
  raw.forEach(withDottedLetters);
  const lines = entryLines(text);
  const mapping = new CslMapping(raw, format);
  return raw.map((entry) => new MappedEntry(entry.label, file, lines.get(entry.label)?.shift(), mapping));
}

const DOTLESS_LETTER = /\\([ij])(?![A-Za-z])[ \t]*/g;

/**
 * LaTeX puts an accent on a dotless i or j (`{\'\i}`), which Citation.js would keep as ı and a
 * combining accent; Unicode writes í, and so do the names a writer searches for.
 */
function withDottedLetters(entry: RawEntry): RawEntry {
  for (const [field, value] of Object.entries(entry.properties)) {
    if (typeof value === 'string' && (value.includes('\\i') || value.includes('\\j'))) entry.properties[field] = value.replace(DOTLESS_LETTER, '$1');
  }
  return entry;
}

/** Where each entry is written, by key: a line for each time the key is. */
function entryLines(text: string): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  let line = 1;
  let counted = 0;
  for (const match of text.matchAll(ENTRY_KEY)) {
    const type = match[1]!.toLowerCase();
    if (type === 'string' || type === 'preamble' || type === 'comment') continue;
    line += text.slice(counted, match.index).match(/\r\n|\n|\r/g)?.length ?? 0;
    counted = match.index;
    lines.set(match[2]!, [...(lines.get(match[2]!) ?? []), line]);
  }
  return lines;
}

/**
 * A file that does not parse as a whole, read entry by entry: the entries that parse are kept and
 * each one that does not is a problem. Halving the runs of entries that fail finds k bad entries in
 * about k·log(n) parses; `@string` definitions are read first and precede every run, as BibTeX sees them.
 */
function entriesAroundErrors(text: string, grammar: string, file: string, problems: BibliographyProblem[]): RawEntry[] {
  const starts = [...text.matchAll(ENTRY_START)].map((match) => match.index);
  const chunks: Chunk[] = [];
  let line = 1;
  starts.forEach((start, index) => {
    line += text.slice(starts[index - 1] ?? 0, start).match(/\r\n|\n|\r/g)?.length ?? 0;
    chunks.push({ text: text.slice(start, starts[index + 1] ?? text.length), line });
  });
  const tryParse = (source: string): RawEntry[] | Error => {
    try {
      return plugins.input.data(source, grammar) as RawEntry[];
    } catch (error) {
      return error as Error;
    }
  };
  const report = (chunk: Chunk, error: Error) => {
    const key = /^\s*@\s*\w+\s*[{(]\s*([^,\s]+)\s*,/.exec(chunk.text)?.[1];
    const reason = error.message.split(/ at line \d+ col \d+/)[0]!;
    problems.push({ file, line: chunk.line, column: chunk.text.search(/\S/) + 1, message: `${key ? `entry "${key}"` : 'this entry'} cannot be read (${reason}); it is left out` });
  };
  const readable = (chunk: Chunk) => {
    const parsed = tryParse(chunk.text);
    if (parsed instanceof Error) report(chunk, parsed);
    return !(parsed instanceof Error);
  };
  const prelude = chunks.filter((chunk) => STRING_DEFINITION.test(chunk.text) && readable(chunk)).map((chunk) => chunk.text).join('');
  const read = (run: Chunk[]): RawEntry[] => {
    if (run.length === 0) return [];
    const parsed = tryParse(prelude + run.map((chunk) => chunk.text).join(''));
    if (!(parsed instanceof Error)) return parsed;
    if (run.length === 1) {
      report(run[0]!, parsed);
      return [];
    }
    const middle = run.length >> 1;
    return [...read(run.slice(0, middle)), ...read(run.slice(middle))];
  };
  return read(chunks.filter((chunk) => !STRING_DEFINITION.test(chunk.text)));
}

/**
 * Citation.js's mapping of Bib(La)TeX entries to CSL, done entry by entry (with the entries it
 * inherits from through crossref) when an entry is first looked at: mapping costs more than the
 * parse, and checking keys needs none of it. One at a time costs no more per entry than all at once.
 */
class CslMapping {
  private readonly items = new Map<string, CslItem>();
  private readonly byLabel = new Map<string, RawEntry>();

  constructor(
    raw: RawEntry[],
    private readonly format: 'biblatex' | 'bibtex',
  ) {
    for (const entry of raw) if (!this.byLabel.has(entry.label)) this.byLabel.set(entry.label, entry);
  }

  item(key: string): CslItem {
    const known = this.items.get(key);
    if (known) return known;
    this.keep(this.mapped(this.withAncestors(key)).filter((item) => item.id === key));
    return this.items.get(key) ?? this.unmapped(key);
  }

  /** The entry and those it inherits from (crossref), nearest first. */
  private withAncestors(key: string): RawEntry[] {
    const chain: RawEntry[] = [];
    for (let entry = this.byLabel.get(key); entry && !chain.includes(entry) && chain.length < 8; entry = this.byLabel.get(String(entry.properties.crossref ?? ''))) chain.push(entry);
    return chain;
  }

  private mapped(entries: RawEntry[]): CslItem[] {
    const map = (list: RawEntry[]) => plugins.input.chain(list, { forceType: `@${this.format}/entries+list`, generateGraph: false }) as CslItem[];
    try {
      return map(entries);
    } catch {
      // One entry Citation.js cannot map must not cost the others theirs.
      return entries.length === 1 ? [] : entries.flatMap((entry) => this.mapped([entry]));
    } finally {
      logger._log.length = 0;
    }
  }

  private keep(items: CslItem[]): void {
    for (const item of items) {
      if (this.items.has(item.id)) continue;
      // BibLaTeX's mapping reads `pmid`, BibTeX's does not; reference managers write it in both.
      const pmid = this.byLabel.get(item.id)?.properties.pmid;
      this.items.set(item.id, item.PMID === undefined && pmid !== undefined ? { ...item, PMID: String(pmid) } : item);
    }
  }

  /** An entry Citation.js cannot map: cited and listed still, by its raw title. */
  private unmapped(key: string): CslItem {
    const title = this.byLabel.get(key)?.properties.title;
    const item: CslItem = { id: key, type: 'document', ...(title !== undefined ? { title: String(title) } : {}) };
    this.items.set(key, item);
    return item;
  }
}

/** A Bib(La)TeX entry: its key and position now, its CSL item and what follows from it when asked. */
class MappedEntry implements BibliographyEntry {
  private details?: EntryDetails;

  constructor(
    readonly key: string,
    readonly file: string,
    readonly line: number | undefined,
    private readonly mapping: CslMapping,
  ) {}

  get item(): CslItem {
    return this.mapping.item(this.key);
  }

  private get described(): EntryDetails {
    return (this.details ??= detailsOf(this.item));
  }

  get authors(): string {
    return this.described.authors;
  }

  get year(): number | undefined {
    return this.described.year;
  }

  get title(): string | undefined {
    return this.described.title;
  }

  get doi(): string | undefined {
    return this.described.doi;
  }

  get pmid(): string | undefined {
    return this.described.pmid;
  }
}

function withoutDuplicates(entries: BibliographyEntry[], problems: BibliographyProblem[]): BibliographyEntry[] {
  const seen = new Map<string, BibliographyEntry>();
  for (const entry of entries) {
    const first = seen.get(entry.key);
    if (!first) seen.set(entry.key, entry);
    else problems.push({ file: entry.file, ...(entry.line ? { line: entry.line } : {}), message: `the key "${entry.key}" is used again${first.line ? ` (first on line ${first.line})` : ''}; the first entry is used` });
  }
  return [...seen.values()];
}

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
}

/** A name as AMA writes it: family name, then initials without periods ("Long GV"). */
function amaName(name: CslName): string {
  if (name.literal) return name.literal;
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  const initials = (name.given ?? '').split(/[\s.-]+/).filter(Boolean).map((part) => part[0]!.toUpperCase()).join('');
  return [family, initials, name.suffix].filter(Boolean).join(' ');
}

function authorsOf(item: CslItem): string {
  const names = ((item.author ?? item.editor ?? []) as CslName[]).map(amaName).filter(Boolean);
  return names.length > 2 ? `${names.slice(0, 2).join(', ')}, et al` : names.join(', ');
}

function yearOf(item: CslItem): number | undefined {
  const issued = item.issued as { 'date-parts'?: number[][]; raw?: string; literal?: string } | undefined;
  const year = issued?.['date-parts']?.[0]?.[0] ?? /\b(\d{4})\b/.exec(issued?.raw ?? issued?.literal ?? '')?.[1];
  return year === undefined ? undefined : Number(year);
}

const plainText = (text: string) => text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

type EntryDetails = Pick<BibliographyEntry, 'authors' | 'year' | 'title' | 'doi' | 'pmid'>;

function detailsOf(item: CslItem): EntryDetails {
  const year = yearOf(item);
  const title = typeof item.title === 'string' && item.title.trim() ? plainText(item.title) : undefined;
  const doi = typeof item.DOI === 'string' && item.DOI.trim() ? item.DOI.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, '') : undefined;
  // Zotero's CSL-JSON keeps the PMID in the note ("PMID: 25399552").
  const pmid = (typeof item.PMID === 'string' || typeof item.PMID === 'number' ? String(item.PMID).trim() : undefined) || /\bPMID:\s*(\d+)/.exec(typeof item.note === 'string' ? item.note : '')?.[1];
  return { authors: authorsOf(item), ...(year !== undefined ? { year } : {}), ...(title ? { title } : {}), ...(doi ? { doi } : {}), ...(pmid ? { pmid } : {}) };
}

function entryOf(item: CslItem, file: string, line: number | undefined): BibliographyEntry {
  return { key: item.id, item, ...detailsOf(item), file, ...(line ? { line } : {}) };
}

const AMA_TEMPLATE = 'medlint-american-medical-association';

/** A name for a custom style's text under which citeproc-js keeps it (and its engine). */
function templateName(style: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < style.length; i++) hash = Math.imul(hash ^ style.charCodeAt(i), 0x01000193);
  return `medlint-style-${(hash >>> 0).toString(36)}-${style.length}`;
}

function registeredTemplate(style: string | undefined): string {
  registerMarkdownFormat();
  const templates = plugins.config.get('@csl').templates;
  const name = style === undefined ? AMA_TEMPLATE : templateName(style);
  if (!templates.has(name)) templates.add(name, style ?? AMERICAN_MEDICAL_ASSOCIATION_CSL);
  return name;
}

function formatted(item: CslItem, style: string | undefined): string {
  return plugins.output.format('bibliography', [item], { template: registeredTemplate(style), format: MARKDOWN_FORMAT, lang: 'en-US', hyperlinks: true }).trim();
}

/**
 * What is wrong with a CSL style's text (front matter `csl:`), found by formatting a reference with
 * it; none when it formats. A style with problems should not be passed to `formatReference`.
 */
export function citationStyleProblems(style: string, file: string): BibliographyProblem[] {
  try {
    formatted({ id: 'medlint-style-check', type: 'article-journal', title: 'Title', author: [{ family: 'Author', given: 'A' }], issued: { 'date-parts': [[2020]] } }, style);
    return [];
  } catch (error) {
    return [{ file, message: `this CSL style cannot be used (${(error as Error).message.split('\n')[0]}); references are shown in AMA style` }];
  } finally {
    logger._log.length = 0;
  }
}

/**
 * The entries of one or more bibliography files, by key; the first file's entry wins a shared key.
 * Inline references come first: their taking a file's key is how a writer overrides an entry.
 */
export class Bibliography {
  readonly entries: readonly BibliographyEntry[];
  /** The files' own problems, then keys that two files define. */
  readonly problems: readonly BibliographyProblem[];
  private readonly byKey = new Map<string, BibliographyEntry>();
  private readonly references = new Map<string, string>();

  constructor(files: readonly ParsedBibliography[]) {
    const problems = files.flatMap((file) => file.problems);
    const inline = new Set(files.filter((file) => file.inline).map((file) => file.file));
    for (const entry of files.flatMap((file) => file.entries)) {
      const first = this.byKey.get(entry.key);
      if (!first) this.byKey.set(entry.key, entry);
      else if (!inline.has(first.file)) problems.push({ file: entry.file, ...(entry.line ? { line: entry.line } : {}), message: `the key "${entry.key}" is also in ${first.file}; the entry there is used` });
    }
    this.entries = [...this.byKey.values()];
    this.problems = problems;
  }

  get(key: string): BibliographyEntry | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  /** The key meant by an unknown `key`, for "did you mean" (closest.ts); undefined for a known key. */
  closest(key: string): string | undefined {
    return this.byKey.has(key) ? undefined : closestName(key, this.byKey.keys());
  }

  /**
   * The entry's reference as Markdown, formatted by citeproc-js in AMA style or in `style` (a CSL
   * style's text, as front matter `csl:` names it), the DOI and any PMID as links; undefined for an
   * unknown key. Remembered per key and style.
   */
  formatReference(key: string, style?: string): string | undefined {
    const entry = this.byKey.get(key);
    if (!entry) return undefined;
    const memo = `${style === undefined ? AMA_TEMPLATE : templateName(style)}\u0000${key}`;
    let reference = this.references.get(memo);
    if (reference === undefined) {
      try {
        reference = formatted(entry.item, style);
      } finally {
        logger._log.length = 0;
      }
      if (entry.pmid) reference += ` PMID: [${entry.pmid}](https://pubmed.ncbi.nlm.nih.gov/${entry.pmid}/)`;
      this.references.set(memo, reference);
    }
    return reference;
  }

  /** "Author, year — title" for a completion item; undefined for an unknown key. */
  completionDetail(key: string): string | undefined {
    const entry = this.byKey.get(key);
    if (!entry) return undefined;
    const source = [entry.authors, entry.year].filter((part) => part !== undefined && part !== '').join(', ');
    return [source, entry.title].filter(Boolean).join(' — ');
  }
}
