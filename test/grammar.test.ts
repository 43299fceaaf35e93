import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INITIAL, Registry, type IGrammar } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';
import { GRAMMAR_PATH, GRAMMAR_SCOPE, grammarText } from '../src/tools/grammar';
import { builtinCorpus, ROOT } from './helpers';

// VS Code's own Markdown grammar (MIT, microsoft/vscode-markdown-tm-grammar), as the host the injection goes into.
const MARKDOWN_GRAMMAR = join(__dirname, 'fixtures', 'markdown.tmLanguage.json');

async function markdownWithTerms(): Promise<IGrammar> {
  await loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'text.html.markdown') return JSON.parse(readFileSync(MARKDOWN_GRAMMAR, 'utf8'));
      if (scopeName === GRAMMAR_SCOPE) return JSON.parse(readFileSync(join(ROOT, GRAMMAR_PATH), 'utf8'));
      return null;
    },
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? [GRAMMAR_SCOPE] : undefined),
  });
  return (await registry.loadGrammar('text.html.markdown'))!;
}

/** Each medlint-scoped token of the document as `text=scope`. */
function scopedTerms(grammar: IGrammar, markdown: string): string[] {
  const found: string[] = [];
  let state = INITIAL;
  for (const line of markdown.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const scope = token.scopes.find((name) => name.includes('.medlint.'));
      if (scope) found.push(`${line.slice(token.startIndex, token.endIndex)}=${scope}`);
    }
    state = result.ruleStack;
  }
  return found;
}

describe('TextMate grammar for corpus terms', () => {
  let grammar: IGrammar;
  before(async () => {
    grammar = await markdownWithTerms();
  });

  it('is generated from the current terms/ (run npm run build after editing a term)', () => {
    assert.equal(readFileSync(join(ROOT, GRAMMAR_PATH), 'utf8'), grammarText(builtinCorpus()));
  });

  it('is contributed to VS Code as an injection into Markdown', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.grammars, [{ scopeName: GRAMMAR_SCOPE, path: `./${GRAMMAR_PATH}`, injectTo: ['text.html.markdown'] }]);
  });

  it('scopes terms by category, brands and variants, preferring the longest form', () => {
    const markdown = 'Pembrolizumab (Keytruda) blocks PD-1 on T cells; PD1 is a variant. HER2-positive breast cancer differs from HER2.';
    assert.deepEqual(scopedTerms(grammar, markdown), [
      'Pembrolizumab=meta.term.medlint.drug',
      'Keytruda=meta.brand.medlint.drug',
      'PD-1=meta.term.medlint.receptor',
      'T cells=meta.term.medlint.cell',
      'PD1=meta.variant.medlint.receptor',
      'HER2-positive breast cancer=meta.term.medlint.disease',
      'HER2=meta.term.medlint.receptor',
    ]);
  });

  it('matches expansions across hyphens and dashes, in any case, and not inside longer words', () => {
    assert.deepEqual(scopedTerms(grammar, '# Programmed cell death protein 1\n\nImmune–related adverse events and anti–PD-L1 drugs, not CD38x or xPD-1.'), [
      'Programmed cell death protein 1=meta.term.medlint.receptor',
      'Immune–related adverse events=meta.term.medlint.adverse-event',
      'PD-L1=meta.term.medlint.ligand',
    ]);
  });

  it('leaves code, comment blocks and link targets alone', () => {
    const markdown = ['Use `PD-1` here and [a link](https://example.org/PD-1).', '', '<!-- PD-1 -->', '', '```', 'PD-1', '```', '', '    PD-1 indented'].join('\n');
    assert.deepEqual(scopedTerms(grammar, markdown), []);
  });
});
