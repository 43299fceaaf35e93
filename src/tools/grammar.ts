/**
 * The TextMate injection grammar that scopes corpus terms in Markdown, generated from the corpus so
 * that themes and `editor.tokenColorCustomizations` can style them. Code, front matter, comments and
 * link targets are left alone, as the linter leaves them.
 */
import { termPhrases } from '../core/corpus/compile';
import type { Corpus, TermEntry } from '../core/corpus/types';

export const GRAMMAR_SCOPE = 'medlint.terms.injection';
export const GRAMMAR_PATH = 'syntaxes/medlint-terms.tmLanguage.json';

interface Form {
  text: string;
  caseSensitive: boolean;
  /** Hyphens and spaces interchangeable, as expansions are matched. */
  loose: boolean;
  plural: boolean;
}

const SEPARATORS = '[\\s\\-\\x{2010}-\\x{2015}]+';
const WORD_BEFORE = '(?<![\\p{L}\\p{N}_])';
const WORD_AFTER = '(?![\\p{L}\\p{N}_])';

function escape(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}#]/g, '\\$&');
}

function formPattern(form: Form): string {
  const body = form.loose
    ? form.text.split(/[\s\-\u2010-\u2015]+/).map(escape).join(SEPARATORS)
    : escape(form.text).replace(/ +/g, '[ \\t]+');
  const pattern = `${body}${form.plural ? 's?' : ''}`;
  return form.caseSensitive ? pattern : `(?i:${pattern})`;
}

/** Each entry's forms, as the linter finds them, by the scope they get: preferred forms by category, variants, brands. */
function* scopedForms(entry: TermEntry): Generator<[string, Form]> {
  for (const { text, mode, caseSensitive, plural, payload } of termPhrases(entry)) {
    if (payload.kind !== 'term') continue;
    const scope = payload.form === 'brand' ? 'meta.brand.medlint.drug' : `meta.${payload.form === 'variant' ? 'variant' : 'term'}.medlint.${entry.category}`;
    // "irAE's" and "metastasis" take no plural s.
    yield [scope, { text, caseSensitive, loose: mode === 'loose', plural: plural && /[\p{L}\p{N}]$/u.test(text) && !text.endsWith('s') }];
  }
}

function alternation(forms: Form[]): string {
  // Longest first: an alternation takes the first alternative that matches, not the longest.
  const patterns = [...new Set(forms.sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : 1)).map(formPattern))];
  return `(?:${patterns.join('|')})`;
}

export function termsGrammar(corpus: Corpus): object {
  const byScope = new Map<string, Form[]>();
  for (const entry of corpus.terms) {
    for (const [scope, form] of scopedForms(entry)) {
      const list = byScope.get(scope) ?? [];
      list.push(form);
      byScope.set(scope, list);
    }
  }
  const scopes = [...byScope.keys()].sort();
  const patterns = scopes.map((scope) => {
    const forms = byScope.get(scope)!;
    // Where a longer form of another scope starts with one of ours ("HER2-positive breast cancer"
    // after "HER2"), TextMate would take whichever pattern comes first: step aside for it.
    const longer = scopes
      .filter((other) => other !== scope)
      .flatMap((other) => byScope.get(other)!)
      .filter((candidate) => forms.some((own) => candidate.text.length > own.text.length && candidate.text.toLowerCase().startsWith(own.text.toLowerCase())));
    const stepAside = longer.length > 0 ? `(?!${alternation(longer)}${WORD_AFTER})` : '';
    return { name: scope, match: `${WORD_BEFORE}${stepAside}${alternation(forms)}${WORD_AFTER}` };
  });
  return {
    $comment: `Generated from terms/ by the build (src/tools/grammar.ts); do not edit.`,
    scopeName: GRAMMAR_SCOPE,
    injectionSelector: 'L:text.html.markdown -markup.fenced_code -markup.inline.raw -markup.raw -meta.embedded -comment -markup.underline.link -meta.link.reference.def',
    patterns,
  };
}

export function grammarText(corpus: Corpus): string {
  return `${JSON.stringify(termsGrammar(corpus), null, 2)}\n`;
}
