import { isScalar } from 'yaml';
import { medlintFrontMatterEdit, rewrittenFrontMatter } from './frontMatterEdit';
import type { TextEdit } from './ignoreEdits';

/**
 * The edit that sets a document's profile in its front matter (`medlint: { profile: patient }`),
 * keeping the YAML valid and the rest as written: a new front matter block, a `medlint:` key at the
 * end of one, the profile's value replaced, or a `profile` added to the `medlint` mapping. Undefined
 * when the front matter is not valid YAML or `medlint` is not a mapping (the writer repairs it first).
 */
export function documentProfileEdit(text: string, profile: string): TextEdit | undefined {
  const value = /^[\w-]+$/.test(profile) ? profile : JSON.stringify(profile);
  return medlintFrontMatterEdit(text, [`profile: ${value}`], (mapping) => {
    const current = mapping.medlint.get('profile', true);
    // The value alone is replaced, so comments and layout around it stay as they are.
    if (isScalar(current) && current.range) return { start: mapping.bodyStart + current.range[0], end: mapping.bodyStart + current.range[1], newText: value };
    mapping.medlint.set('profile', profile);
    return rewrittenFrontMatter(mapping);
  });
}
