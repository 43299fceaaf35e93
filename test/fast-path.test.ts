import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, ChunkCache } from '../src/core/analysis';
import { compileCorpus } from '../src/core/corpus/compile';
import { chunkDefinitions, chunkProse, documentLabels, mayDefine, opensDocument, splitChunks } from '../src/core/markdown/document';
import { fastChunkProse } from '../src/core/markdown/fastProse';
import { parseMarkdown } from '../src/core/markdown/parse';
import { extractProse } from '../src/core/markdown/prose';
import { generateMarkdown } from './bench/generate';
import { builtinCorpus, ROOT } from './helpers';

const EDGE_CASES = [
  '*a**b*', '**a*b**', '_a_b_', 'snake_case_word here', '*foo*bar', 'a * b * c', '***x***', '**x** y **z**', '*(x)*', '_(x)_', '**x*', '*x**',
  'foo*bar*', 'foo_bar_', '__init__', '*a _b* c_', '**bold** and *it* and _u_ and __s__', '***a** b*', '*a **b***', '**a *b* c**',
  'cited [1] and [^1]', 'see [x](https://a.b/c "t") now', 'see [x]() now', 'bare [label] text', '[a] [b] [c]', 'x ] y [ z',
  'code `a` and ``b ` c`` and `unclosed', 'html <sup>1</sup> and <span class="x">y</span> and a < b > c', 'comment <!-- medlint-disable-line --> inline',
  'hard  \nbreak', 'soft\nbreak', '  indented first line\n      continued', 'line with trailing spaces   \nnext',
  '# Heading #', '## Heading ##  ', '#', '### *emph* heading', 'Heading\n===', 'Heading\n---', 'para\n# heading\npara',
  '- a\n- b\n  - c\n    - d\n- e', '1. a\n2. b\n3) c', '2. starts at two\n3. next', '- a\n1. b', '- a\n  continued\nlazy', '* * *', '- - -', '-\n  x',
  '> quoted *x*\n> more', '> a\nlazy', '>> nested', '| a | b |\n|---|:--:|\n| 1 | 2 |\n| 3 |\n| 4 | 5 | 6 |', 'a | b\n--|--\n1 | 2', '| a |\n|---|\n| `x` |',
  '[^n]: a footnote\n  continued', '[^n]: first\n[^m]: second', '[1]: https://x.y\n[2]: https://z.w "title"', '<!-- medlint-disable -->', '<!-- a -->\ntext',
  '```\ncode\n```', '```js\ncode\n```\nafter', '~~~\ncode', 'R&amp;D and A&B', 'tilde ~50% and ~~struck~~', 'www.example.org', 'a@b.co', 'x\\*y',
  'ümlaut *ä* and emoji 😀 *x*', 'non\u00a0breaking', '## \u00a0', '[\u00a0]: https://x\n\nSee [\u00a0] now.', '[1]: https://x)\n\nnot a definition', 'tab\there', '![img](a.png) text', '<https://x.y> and <doi:10.1/2>', 'CR\r\nLF\rmix',
];

function documents(): [string, string][] {
  const docs: [string, string][] = EDGE_CASES.map((text, index) => [`edge ${index}: ${JSON.stringify(text).slice(0, 40)}`, text]);
  // Edge cases also in context: with definitions elsewhere in the document, and after front matter.
  docs.push(['all edge cases in one document', `---\ntitle: x\n---\n\n${EDGE_CASES.join('\n\n')}\n\n[1]: https://x.y\n[label]: https://z\n\n[^1]: note`]);
  // References in the last chunk, before a block left open to the end of the document.
  docs.push(['footnote reference before an unclosed fence', '[^1]: note\n\nSee [^1] and [x].\n````js\nunterminated\n\n[x]: https://x.y']);
  docs.push(['link reference before an unclosed comment naming medlint', '[x]: https://x.y\n\nSee [x].\n<!-- medlint-disable\n\nstill comment']);
  docs.push(['reference before an unclosed pre block', '[^a]: note\n\nSee [^a].\n<pre>\n\nraw']);
  for (let seed = 1; seed <= 12; seed++) docs.push([`generated draft, seed ${seed}`, generateMarkdown(15_000, seed)]);
  for (const name of readdirSync(join(ROOT, 'examples')).filter((file) => file.endsWith('.md'))) docs.push([`examples/${name}`, readFileSync(join(ROOT, 'examples', name), 'utf8')]);
  const seeds = join(ROOT, '..', 'shared', 'seeds');
  if (existsSync(seeds)) for (const name of readdirSync(seeds).filter((file) => file.endsWith('.txt'))) docs.push([`seed ${name}`, readFileSync(join(seeds, name), 'utf8')]);
  return docs;
}

describe('chunked prose equals remark on the whole document', () => {
  const compiled = compileCorpus(builtinCorpus());
  for (const [name, source] of documents()) {
    it(name, () => {
      const whole = extractProse(parseMarkdown(source), source);
      const chunked = analyze(source, compiled).prose;
      assert.equal(chunked.text, whole.text);
      assert.deepEqual(chunked.blocks, whole.blocks);
      assert.deepEqual(chunked.citations, whole.citations);
      assert.deepEqual(chunked.htmlComments, whole.htmlComments);
      for (let i = 0; i < whole.text.length; i++) {
        if (/\s|\u2029/.test(whole.text[i]!)) continue;
        assert.equal(chunked.sourceStart(i), whole.map[i], `prose offset ${i} (${JSON.stringify(whole.text.slice(Math.max(0, i - 10), i + 10))})`);
      }
    });
  }

  it('takes the fast path for most chunks of a realistic draft', () => {
    const source = generateMarkdown(200_000, 7);
    const chunks = splitChunks(source);
    const labels = documentLabels(chunks.filter((chunk) => mayDefine(chunk.text)).map((chunk) => chunkDefinitions(chunk.text, opensDocument(source, chunk))));
    const fast = chunks.filter((chunk) => fastChunkProse(chunk.text, labels, chunk.start === 0)).length;
    assert.ok(fast / chunks.length > 0.95, `${fast} of ${chunks.length} chunks`);
    assert.deepEqual(chunkProse(chunks[3]!.text, labels, false), fastChunkProse(chunks[3]!.text, labels));
  });
});

describe('chunk cache', () => {
  const labels = (label: string) => ({ links: [label], footnotes: [] });

  it('forgets the least recently used chunks beyond its budget of characters', () => {
    const cache = new ChunkCache(10);
    cache.definitions.set('abcdef', labels('1'));
    cache.definitions.set('ghij', labels('2'));
    assert.deepEqual(cache.definitions.get('abcdef'), labels('1'));
    // 6 + 4 + 3 characters are over budget: the least recently used, "ghij", goes.
    cache.definitions.set('klm', labels('3'));
    assert.equal(cache.definitions.get('ghij'), undefined);
    assert.deepEqual(cache.definitions.get('abcdef'), labels('1'));
    assert.deepEqual(cache.definitions.get('klm'), labels('3'));
  });

  it('keeps nothing with a budget of 0, nor a chunk larger than the budget', () => {
    const none = new ChunkCache(0);
    none.definitions.set('a', labels('1'));
    assert.equal(none.definitions.get('a'), undefined);
    const small = new ChunkCache(3);
    small.definitions.set('abcd', labels('1'));
    assert.equal(small.definitions.get('abcd'), undefined);
  });

  it('finds a chunk by its text, whatever string holds it', () => {
    const document = 'Intro.\n\nPD-1 is a receptor.';
    const cache = new ChunkCache();
    cache.definitions.set(document.slice(8), labels('1'));
    assert.deepEqual(cache.definitions.get(`PD-1 is ${'a receptor.'}`), labels('1'));
  });
});
