import { isMap, parseDocument, type Document, type YAMLMap } from 'yaml';
import { frontMatterOf } from './frontMatter';
import type { TextEdit } from './ignoreEdits';

/** The front matter a change to its `medlint` mapping works on. */
export interface MedlintMapping {
  medlint: YAMLMap;
  document: Document;
  /** Offset of the YAML in the text, and the text's line ending. */
  bodyStart: number;
  bodyEnd: number;
  eol: string;
}

/**
 * An edit of a document's `medlint:` front matter, keeping the YAML valid and what the writer wrote:
 * a new front matter block, or a `medlint:` key at the end of one, holding `lines` (indented under
 * it); else what `change` makes of the `medlint` mapping there is. Undefined when the front matter is
 * not valid YAML or `medlint` is not a mapping (the writer repairs it first).
 */
export function medlintFrontMatterEdit(text: string, lines: string[], change: (mapping: MedlintMapping) => TextEdit | undefined): TextEdit | undefined {
  const indented = ['medlint:', ...lines.map((line) => `  ${line}`)];
  const frontMatter = frontMatterOf(text);
  if (!frontMatter) {
    const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
    const at = text.startsWith('\ufeff') ? 1 : 0;
    return { start: at, end: at, newText: ['---', ...indented, '---', '', ''].join(eol) };
  }
  const { bodyStart, bodyEnd, eol } = frontMatter;
  const body = text.slice(bodyStart, bodyEnd);
  const document = parseDocument(body);
  if (document.errors.length > 0) return undefined;
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) return undefined;
  const medlint = contents?.get('medlint', true);
  if (medlint === undefined) {
    // No medlint key: append one, touching nothing the writer wrote.
    const added = [...indented, ''].join(eol);
    return { start: bodyEnd, end: bodyEnd, newText: body === '' || /[\r\n]$/.test(body) ? added : `${eol}${added}` };
  }
  return isMap(medlint) ? change({ medlint, document, bodyStart, bodyEnd, eol }) : undefined;
}

/** The whole front matter written again after a change to its YAML document. */
export function rewrittenFrontMatter({ document, bodyStart, bodyEnd, eol }: MedlintMapping): TextEdit {
  return { start: bodyStart, end: bodyEnd, newText: document.toString({ lineWidth: 0 }).replace(/\r?\n/g, eol) };
}
