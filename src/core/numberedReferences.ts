import type { Analysis } from './analysis';
import { PLACEHOLDER } from './markdown/prose';
import { headingLevel } from './rules/helpers';

/**
 * Numbered references, as Vancouver and AMA style write them without a bibliography file: citations
 * `[1]`, `[2, 3]`, `[4–6]`, `<sup>1</sup>`, `^1^` (or a link to a numbered definition), and the
 * document's References list.
 */
export interface NumberedCitation {
  /** The reference numbers cited, ranges expanded, in the order written. */
  numbers: number[];
  /** Prose offsets of the citation as written (`[4–6]`, or the numbers of a superscript). */
  start: number;
  end: number;
}

export interface NumberedReferences {
  citations: NumberedCitation[];
  /** The References list's entry numbers, in order; undefined when the document has no such list. */
  entries: number[] | undefined;
}

const REFERENCES_HEADING = /^(?:\d+\.?\s+)?(?:references?(?:\s+cited)?|bibliography|literature\s+cited|works\s+cited|sources)$/i;
// The numbers of one citation: "4", "2, 3", "4–6", "1,3-5"; four digits are a year ("[2020]"), not a reference.
const NUMBER_LIST = /^\d{1,3}(?:\s*[-\u2013,]\s*\d{1,3})*/;
const BRACKETED = /\[(\d{1,3}(?:\s*[-\u2013,]\s*\d{1,3})*)\]/g;
// Numbered entries: a list item `1.` or `1)`, or `[1]` at the start of a line.
const ENTRY_MARKER = /^ {0,3}(?:(\d{1,4})[.)]|\[(\d{1,4})\])[ \t]/;
// No one cites a thousand references at once: a larger range is a page span or a typo, not read.
const LONGEST_RANGE = 100;

function expand(list: string): number[] {
  const numbers: number[] = [];
  for (const part of list.split(',')) {
    const [from, to] = part.split(/[-\u2013]/).map((value) => Number(value.trim()));
    if (to === undefined || to < from! || to - from! > LONGEST_RANGE) numbers.push(from!);
    else for (let number = from!; number <= to; number++) numbers.push(number);
  }
  return numbers;
}

const cache = new WeakMap<Analysis, NumberedReferences>();

/** The document's References section: prose offsets from its heading to the next heading of its level or above. */
function referencesSection(analysis: Analysis): { start: number; end: number } | undefined {
  const { blocks, text } = analysis.prose;
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index]!;
    if (block.kind !== 'heading' || !REFERENCES_HEADING.test(text.slice(block.start, block.end).trim())) continue;
    const level = headingLevel(analysis, block.start);
    let last = index;
    while (last + 1 < blocks.length && !(blocks[last + 1]!.kind === 'heading' && headingLevel(analysis, blocks[last + 1]!.start) <= level)) last++;
    return { start: block.start, end: blocks[last]!.end };
  }
  return undefined;
}

function listEntries(analysis: Analysis, section: { start: number; end: number }): number[] {
  const { source, prose } = analysis;
  const entries: number[] = [];
  for (const block of prose.blocks) {
    if (block.start <= section.start || block.start >= section.end || block.kind !== 'paragraph') continue;
    const at = prose.sourceStart(block.start);
    const lineStart = source.lastIndexOf('\n', at - 1) + 1;
    const marker = ENTRY_MARKER.exec(source.slice(lineStart, at + 8));
    if (!marker) continue;
    // Markdown numbers an ordered list from its first item on, whatever the later items say.
    const written = Number(marker[1] ?? marker[2]);
    entries.push(marker[1] !== undefined && entries.length > 0 ? entries.at(-1)! + 1 : written);
  }
  return entries;
}

/** The document's numbered citations (outside its References section) and References list, computed once. */
export function numberedReferences(analysis: Analysis): NumberedReferences {
  const cached = cache.get(analysis);
  if (cached) return cached;
  const { text, citations: marks } = analysis.prose;
  const section = referencesSection(analysis);
  const outside = (offset: number) => !section || offset < section.start || offset >= section.end;
  const found: NumberedCitation[] = [];
  for (const match of text.matchAll(BRACKETED)) {
    if (outside(match.index)) found.push({ numbers: expand(match[1]!), start: match.index, end: match.index + match[0].length });
  }
  // A structural citation (a superscript, a link to a numbered definition) holds its numbers after it.
  for (const mark of marks) {
    const from = text[mark] === PLACEHOLDER ? mark + 1 : mark;
    const list = NUMBER_LIST.exec(text.slice(from, from + 40))?.[0];
    if (list && outside(mark) && !found.some((citation) => citation.start <= from && from < citation.end)) {
      found.push({ numbers: expand(list), start: from, end: from + list.length });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const result = { citations: found, entries: section ? listEntries(analysis, section) : undefined };
  cache.set(analysis, result);
  return result;
}
