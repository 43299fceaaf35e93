import { isMap, isScalar, parseDocument } from 'yaml';
import { frontMatterOf } from './frontMatter';
import type { TextEdit } from './ignoreEdits';

/**
 * The edit that sets a document's profile in its front matter (`medlint: { profile: patient }`),
 * keeping the YAML valid and the rest as written: a new front matter block, a `medlint:` key at the
 * end of one, the profile's value replaced, or a `profile` added to the `medlint` mapping. Undefined
 * when the front matter is not valid YAML or `medlint` is not a mapping (the writer repairs it first).
 */
export function documentProfileEdit(text: string, profile: string): TextEdit | undefined {
  const value = /^[\w-]+$/.test(profile) ? profile : JSON.stringify(profile);
  const frontMatter = frontMatterOf(text);
  if (!frontMatter) {
    const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
    const at = text.startsWith('\ufeff') ? 1 : 0;
    return { start: at, end: at, newText: ['---', 'medlint:', `  profile: ${value}`, '---', '', ''].join(eol) };
  }
  const { bodyStart, bodyEnd, eol } = frontMatter;
  const body = text.slice(bodyStart, bodyEnd);
  const document = parseDocument(body);
  if (document.errors.length > 0) return undefined;
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) return undefined;
  const medlint = contents?.get('medlint', true);
  if (medlint === undefined) {
    const lines = ['medlint:', `  profile: ${value}`, ''].join(eol);
    return { start: bodyEnd, end: bodyEnd, newText: body === '' || /[\r\n]$/.test(body) ? lines : `${eol}${lines}` };
  }
  if (!isMap(medlint)) return undefined;
  const current = medlint.get('profile', true);
  // The value alone is replaced, so comments and layout around it stay as they are.
  if (isScalar(current) && current.range) return { start: bodyStart + current.range[0], end: bodyStart + current.range[1], newText: value };
  medlint.set('profile', profile);
  return { start: bodyStart, end: bodyEnd, newText: document.toString({ lineWidth: 0 }).replace(/\r?\n/g, eol) };
}
