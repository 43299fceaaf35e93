import type { Definition, FootnoteDefinition, Nodes, Parents } from 'mdast';
import { parseBudgetExceeded, plainTextProse, type PlainTextReason } from './budget';
import { closerAtEnd, opensDocument, splitChunks } from './chunks';
import { definitionLabels, fastChunkProse, normalizeLabel, type Labels } from './fastProse';
import { parseMarkdown } from './parse';
import { crossrefLabels, maskDivFences, readPandocInlines } from './pandoc';
import { extractProse, ProseBuilder, type ChunkProse } from './prose';

const MAY_DEFINE = /^ {0,3}\[[^\]\n]+\]:/m;

/** The labels one chunk defines, normalised. */
export interface DefinedLabels {
  links: string[];
  footnotes: string[];
}

/** Whether a chunk may hold a link or footnote definition at all (most do not). */
export function mayDefine(text: string): boolean {
  return MAY_DEFINE.test(text);
}

function parsedLabels(text: string, documentStart: boolean): DefinedLabels {
  const links: string[] = [];
  const footnotes: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'definition') links.push(normalizeLabel((node as Definition).label ?? node.identifier));
    else if (node.type === 'footnoteDefinition') footnotes.push(normalizeLabel((node as FootnoteDefinition).label ?? node.identifier));
    if ('children' in node) for (const child of (node as Parents).children) visit(child as Nodes);
  };
  visit(parseMarkdown(`${text}\n`, documentStart));
  return { links, footnotes };
}

/** The labels a chunk that may define some defines: read off a plain list, else parsed. */
export function chunkDefinitions(text: string, documentStart: boolean): DefinedLabels {
  // A chunk past the parse budget is read as plain text, which defines nothing.
  return definitionLabels(text) ?? (parseBudgetExceeded(text) ? { links: [], footnotes: [] } : parsedLabels(text, documentStart));
}

/** The link and footnote labels the document defines, from what each chunk defines. */
export function documentLabels(definitions: (DefinedLabels | undefined)[]): Labels {
  const links = new Set<string>();
  const footnotes = new Set<string>();
  for (const found of definitions) {
    for (const label of found?.links ?? []) links.add(label);
    for (const label of found?.footnotes ?? []) footnotes.add(label);
  }
  return { links, footnotes };
}

export function labelSignature(labels: Labels): string {
  return `${[...labels.links].sort().join('\u0001')}\u0002${[...labels.footnotes].sort().join('\u0001')}`;
}

/**
 * The prose of one chunk: as plain text past the parse budget, else by the fast path where it
 * applies, else (unless a paragraph has too many lines for micromark) by remark on the chunk alone,
 * with the document's definitions appended so references resolve as they do in the whole document.
 */
export function chunkProse(text: string, labels: Labels, documentStart: boolean): ChunkProse {
  const exceeded = parseBudgetExceeded(text);
  if (exceeded === 'markup') return plainTextProse(text, exceeded);
  const read = markdownProse(maskDivFences(text), labels, documentStart, exceeded);
  const { prose, references } = readPandocInlines(read, text);
  const elementLabels = crossrefLabels(text);
  if (references.length > 0) prose.pandocReferences = references;
  if (elementLabels.length > 0) prose.crossrefLabels = elementLabels;
  return prose;
}

function markdownProse(text: string, labels: Labels, documentStart: boolean, exceeded: PlainTextReason | undefined): ChunkProse {
  const fast = fastChunkProse(text, labels, documentStart);
  if (fast) return fast;
  if (exceeded) return plainTextProse(text, exceeded);
  // In the document a line ending follows the chunk; micromark reads odd content at the very end of
  // its input otherwise (a list item of control characters), so the chunk is parsed with one.
  let parsed = `${text}\n`;
  if (text.includes('[') && (labels.links.size || labels.footnotes.size)) {
    const definitions = [...[...labels.links].map((label) => `[${label}]: #`), ...[...labels.footnotes].map((label) => `[^${label}]: -`)];
    // A fence or HTML block left open at the end of the document would swallow them: close it first.
    const closer = closerAtEnd(text);
    parsed = `${text}\n${closer === undefined ? '' : `${closer}\n`}\n${definitions.join('\n\n')}\n`;
  }
  try {
    return extractProse(parseMarkdown(parsed, documentStart), parsed, text.length);
  } catch (error) {
    // Nesting thousands deep (> > > ...) overflows the stack of remark's recursive tree walks. Such a
    // chunk holds no prose a writer wrote; it is skipped rather than failing the whole document.
    if (error instanceof RangeError) return new ProseBuilder(parsed, 0).finish();
    throw error;
  }
}

export { opensDocument, splitChunks };
