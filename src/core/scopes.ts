import type { Analysis } from './analysis';
import type { ProseBlock } from './markdown/prose';
import { headingLevel } from './rules/helpers';
import { spanAt } from './text/spans';
import { stickyMatch } from './text/sticky';

/**
 * The parts of a document that define their abbreviations separately, as AMA style asks: the
 * abstract, the body, and each table or figure with its legend; and the glossary (a list of
 * abbreviations), whose definitions serve the whole document.
 */
export type ScopeKind = 'body' | 'abstract' | 'legend' | 'glossary' | 'boilerplate';

export interface Scope {
  kind: ScopeKind;
  /** Prose offsets; the body is what no other scope covers, and has no span. */
  start: number;
  end: number;
  /** "the abstract", "the legend of Table 2": how a message names it. */
  name: string;
}

export const BODY: Scope = { kind: 'body', start: 0, end: 0, name: 'the body' };

const ABSTRACT_HEADING = /^(?:structured\s+)?(?:abstract|summary|key\s+points|synopsis|plain[-\s]language\s+summary)$/i;
const GLOSSARY_HEADING = /^(?:list\s+of\s+)?(?:abbreviations|acronyms|abbreviations\s+and\s+(?:acronyms|definitions(?:\s+of\s+terms)?)|glossary(?:\s+of\s+abbreviations)?)$/i;
const GLOSSARY_COLUMN = /^(?:abbreviations?|acronyms?|abbr\.?)$/i;
const CAPTION = /^(?:(?:table|figure|fig\.|exhibit|supplementary\s+(?:table|figure))\s*[A-Z]?\d+[A-Za-z]?\b|table:)/i;
const FIGURE_CAPTION = /^(?:figure|fig\.|supplementary\s+figure)\s*[A-Z]?\d+/i;
const ABOUT = /^About\s[^:\u2029]{3,100}:/;
// What ABOUT and FIGURE_CAPTION open with, read in place at a block's start.
const OPENS_ABOUT_OR_CAPTION = /\s*(?:About\s|fig|supplementary\s)/iy;
// A table's notes after it: its abbreviations, notes, sources and footnote marks.
const TABLE_NOTE = /^(?:abbreviations?\b|notes?\b|sources?\b|[*\u2020\u2021§¶])/i;

const cache = new WeakMap<Analysis, Scope[]>();

function blockText(analysis: Analysis, block: ProseBlock): string {
  return analysis.prose.text.slice(block.start, block.end).trim().replace(/[.:]$/, '').trim();
}

/**
 * The document's scopes other than the body, in order, not overlapping. With `document` scopes,
 * only glossaries: one definition then serves the abstract, the body and the legends.
 */
export function documentScopes(analysis: Analysis, mode: 'ama' | 'document' = 'ama'): Scope[] {
  const cached = cache.get(analysis);
  if (cached) return mode === 'ama' ? cached : cached.filter((scope) => scope.kind === 'glossary');
  const { blocks } = analysis.prose;
  const scopes: Scope[] = [];
  let seenSectionHeading = false;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    if (block.kind === 'heading') {
      const level = headingLevel(analysis, block.start);
      const title = blockText(analysis, block);
      const kind = GLOSSARY_HEADING.test(title) ? 'glossary' : ABSTRACT_HEADING.test(title) && !seenSectionHeading ? 'abstract' : undefined;
      if (level > 1) seenSectionHeading = true;
      if (!kind) continue;
      let last = index;
      while (last + 1 < blocks.length && !(blocks[last + 1]!.kind === 'heading' && headingLevel(analysis, blocks[last + 1]!.start) <= level)) last++;
      scopes.push({ kind, start: block.start, end: blocks[last]!.end, name: kind === 'glossary' ? 'the list of abbreviations' : 'the abstract' });
      index = last;
      continue;
    }
    if (block.kind === 'table-cell') {
      let last = index;
      while (last + 1 < blocks.length && blocks[last + 1]!.kind === 'table-cell') last++;
      const caption = index > 0 && blocks[index - 1]!.kind === 'paragraph' && CAPTION.test(blockText(analysis, blocks[index - 1]!)) ? index - 1 : index;
      const cellsEnd = last;
      while (last + 1 < blocks.length && blocks[last + 1]!.kind === 'paragraph' && (TABLE_NOTE.test(blockText(analysis, blocks[last + 1]!)) || /^table:/i.test(blockText(analysis, blocks[last + 1]!)))) last++;
      const glossary = GLOSSARY_COLUMN.test(blockText(analysis, block));
      // A table with neither caption nor notes is part of the text around it (a web page's table), not an exhibit.
      if (!glossary && caption === index && last === cellsEnd) {
        index = last;
        continue;
      }
      // A caption already taken into the scope before (a figure's) stays there.
      const start = scopes.at(-1) && scopes.at(-1)!.end >= blocks[caption]!.start ? block.start : blocks[caption]!.start;
      const captionText = caption < index ? blockText(analysis, blocks[caption]!) : '';
      const name = glossary ? 'the list of abbreviations' : `the legend of ${/^(?:table|exhibit|supplementary)/i.test(captionText) ? captionText.split(/[.:]/)[0] : 'the table'}`;
      scopes.push({ kind: glossary ? 'glossary' : 'legend', start, end: blocks[last]!.end, name });
      index = last;
      continue;
    }
    // Only a paragraph that opens as one could be an "About" paragraph or a caption: the others' text is not sliced.
    if (block.kind !== 'paragraph' || !stickyMatch(OPENS_ABOUT_OR_CAPTION, analysis.prose.text, block.start)) continue;
    const text = blockText(analysis, block);
    // A press release's closing "About the National Cancer Institute (NCI): ..." stands alone, as it is reused whole.
    if (ABOUT.test(text)) {
      scopes.push({ kind: 'boilerplate', start: block.start, end: block.end, name: 'the "About" paragraph' });
      continue;
    }
    if (FIGURE_CAPTION.test(text) && !(blocks[index + 1]?.kind === 'table-cell')) {
      let last = index;
      while (last + 1 < blocks.length && blocks[last + 1]!.kind === 'paragraph' && /^abbreviations?\b/i.test(blockText(analysis, blocks[last + 1]!))) last++;
      scopes.push({ kind: 'legend', start: block.start, end: blocks[last]!.end, name: `the legend of ${text.split(/[.:]/)[0]}` });
      index = last;
    }
  }
  cache.set(analysis, scopes);
  return mode === 'ama' ? scopes : scopes.filter((scope) => scope.kind === 'glossary');
}

/** The scope a prose offset is in. */
export function scopeAt(scopes: readonly Scope[], offset: number): Scope {
  return spanAt(scopes, offset) ?? BODY;
}
