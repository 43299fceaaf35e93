import assert from 'node:assert/strict';
import { analyze } from '../src/core/analysis';
import { compileCorpus } from '../src/core/corpus/compile';
import { splitChunks, splitEditedChunks } from '../src/core/markdown/chunks';
import { builtinCorpus, describeFinding, findingsOf, flagged, linter } from './helpers';

const BRAND = '"Keytruda" is a brand name: use the generic name "pembrolizumab".';

describe('prose extraction', () => {
  const skipped: [string, string][] = [
    ['a fenced code block', '```\nKeytruda\n```\n'],
    ['an indented code block', 'Text.\n\n    Keytruda\n'],
    ['inline code', 'Use `Keytruda` here.'],
    ['an HTML block', '<div>\nKeytruda\n</div>\n'],
    ['inline HTML', 'Use <span title="Keytruda">it</span>.'],
    ['YAML front matter', '---\ntitle: Keytruda\n---\n\nText.'],
    ['a link URL', 'See [the label](https://example.org/keytruda).'],
    ['an image', '![Keytruda](keytruda.png)'],
    ['a link reference definition', '[label]: https://example.org/keytruda "Keytruda"\n'],
    ['a bare URL', 'See https://www.keytruda.example/ for more.'],
  ];
  for (const [what, markdown] of skipped) {
    it(`skips ${what}`, () => assert.deepEqual(findingsOf(markdown, 'brand-name'), []));
  }

  const checked: [string, string, string][] = [
    ['link text', 'See [Keytruda](https://example.org).', '1:6-1:14'],
    ['a heading', '## About Keytruda', '1:10-1:18'],
    ['a list item', '- first\n- Keytruda here', '2:3-2:11'],
    ['a block quote', '> Quoted Keytruda', '1:10-1:18'],
    ['footnote text', 'Text.[^1]\n\n[^1]: On Keytruda.', '3:10-3:18'],
    ['a nested list in a quote', '> - item\n>   - Keytruda', '2:7-2:15'],
  ];
  for (const [what, markdown, range] of checked) {
    it(`checks ${what}`, () => assert.deepEqual(findingsOf(markdown, 'brand-name'), [`${range} ${BRAND}`]));
  }

  it('checks a table cell (where a brand names a product, so a variant shows it)', () => {
    assert.deepEqual(findingsOf('| a | b |\n|---|---|\n| x | T-cells |', 'preferred-term'), ['3:7-3:14 Use the preferred form "T cells", not "T-cells".']);
  });

  it('keeps blocks apart: a phrase never joins a heading to the next paragraph', () => {
    assert.deepEqual(findingsOf('# Autoimmune\n\ntherapy is here.', 'misnomer'), []);
  });

  it('does not join words across inline code', () => {
    assert.deepEqual(findingsOf('autoimmune `x` therapy', 'misnomer'), []);
  });

  it('maps every prose character back to its source', () => {
    const source = '> A &amp; B\r\n> \\*C\\* `x` **D**\n';
    const { prose } = analyze(source, compileCorpus(builtinCorpus()));
    const letters = [...prose.text].map((char, i) => [char, source[prose.sourceStart(i)]]).filter(([char]) => /[A-D]/.test(char!));
    assert.deepEqual(letters, [['A', 'A'], ['B', 'B'], ['C', 'C'], ['D', 'D']]);
    const ampersand = prose.text.indexOf('&');
    assert.equal(source.slice(prose.sourceStart(ampersand), prose.sourceEnd(ampersand + 1)), '&amp;');
  });
});

describe('HTML blocks that end at a blank line (issue 16)', () => {
  const SENTENCE = 'Keytruda is an autoimmune therapy.';
  const MISNOMER =
    'Use "immunotherapy", not "autoimmune therapy".';
  const findingsOnLine = (line: number) => [`${line}:1-${line}:9 ${BRAND}`, `${line}:16-${line}:34 ${MISNOMER}`];

  // Inside an HTML block of type 6 or 7 a fence line is HTML; the next one, past the blank line that
  // ends the block, opens a fence that runs to the end of the document.
  const code: [string, string][] = [
    ['a block element (type 6)', `<div>\n~~~\n\n~~~\n\n${SENTENCE}`],
    ['a block element, with CRLF', `<div>\r\n~~~\r\n\r\n~~~\r\n\r\n${SENTENCE}`],
    ['a lone tag (type 7)', `<span>\n~~~\n\n~~~\n\n${SENTENCE}`],
    ['a block element in a list item', `- <div>\n  ~~~\n\n~~~\n\n${SENTENCE}`],
  ];
  for (const [what, markdown] of code) {
    it(`reads what follows a fence line inside ${what} as code`, () => assert.deepEqual(findingsOf(markdown), []));
  }

  const prose: [string, string, number][] = [
    ['a closed block element', `<div>\r\n~~~\r\n</div>\r\n\r\n${SENTENCE}`, 5],
    ['a lone tag that continues a paragraph, where the fence opens and closes', `Text\n<span>\n~~~\n\n~~~\n\n${SENTENCE}`, 7],
    ['a block element in a block quote, which a fence line ends', `> <div>\n~~~\n\n~~~\n\n${SENTENCE}`, 6],
  ];
  for (const [what, markdown, line] of prose) {
    it(`reads the prose after ${what}`, () => assert.deepEqual(findingsOf(markdown), findingsOnLine(line)));
  }
});

describe('front matter fences with trailing blanks', () => {
  it('reads front matter whose fences end in spaces and tabs as front matter, and the text after it as prose', () => {
    const markdown = '+++  \ntitle = "Keytruda"\n\n+++ \t\n\nKeytruda is here.';
    assert.deepEqual(findingsOf(markdown, 'brand-name'), [`6:1-6:9 ${BRAND}`]);
  });
});

describe('positions', () => {
  it('counts UTF-16 code units: an emoji before a finding takes two columns', () => {
    const text = '😀 Keytruda';
    const [finding] = linter().lint(text);
    assert.equal(describeFinding(finding!), `1:4-1:12 ${BRAND}`);
    assert.equal(flagged(text, finding!), 'Keytruda');
  });

  it('counts combining marks as written', () => {
    assert.deepEqual(findingsOf('Cafe\u0301 Keytruda', 'brand-name'), [`1:7-1:15 ${BRAND}`]);
  });

  it('reads CRLF line endings as one break', () => {
    const text = 'First line.\r\nAutoimmune therapy here.\r\n';
    const [finding] = linter().lint(text);
    assert.deepEqual(finding!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 18 } });
    assert.equal(flagged(text, finding!), 'Autoimmune therapy');
    assert.equal(finding!.fix?.newText, 'Immunotherapy');
  });

  it('spans a phrase hard-wrapped inside a block quote, without a fix that would drop the quote marker', () => {
    const text = '> This autoimmune\r\n> therapy works.';
    const [finding] = linter().lint(text);
    assert.deepEqual(finding!.range, { start: { line: 0, character: 7 }, end: { line: 1, character: 9 } });
    assert.equal(finding!.fix, undefined);
  });

  it('finds an entity-escaped position exactly', () => {
    assert.deepEqual(findingsOf('R&amp;D on Keytruda.', 'brand-name'), [`1:12-1:20 ${BRAND}`]);
  });

  it('fix ranges equal finding ranges and replace exactly the flagged text', () => {
    const text = 'Cancer patients on Keytruda had Her2 tests.';
    for (const finding of linter().lint(text)) {
      assert.ok(finding.fix);
      assert.deepEqual([finding.fix.start, finding.fix.end], [finding.start, finding.end]);
    }
    // Her2 is one problem (a variant, undefined at first use) with one finding and one fix.
    assert.deepEqual(linter().lint(text).map((f) => [flagged(text, f), f.fix!.newText]), [
      ['Cancer patients', 'Patients with cancer'],
      ['Keytruda', 'pembrolizumab'],
      ['Her2', 'human epidermal growth factor receptor 2 (HER2)'],
    ]);
  });
});

describe('chunks after an edit', () => {
  const starts = (text: string, previous: string) => splitEditedChunks(text, previous, splitChunks(previous)).map((chunk) => [chunk.start, chunk.end, chunk.was]);

  it('keeps the chunks before the edit, splits again from the one it touches and moves the rest', () => {
    const previous = 'One.\n\nTwo.\n\nThree.\n\nFour.';
    assert.deepEqual(starts('One.\n\nTwo, edited.\n\nThree.\n\nFour.', previous), [[0, 4], [6, 18], [20, 26, 2], [28, 33, 3]].map(([start, end, was]) => [start, end, was ?? (start === 0 ? 0 : undefined)]));
  });

  it('does not take front matter that no longer opens the document for a chunk of it', () => {
    const previous = '---\na: 1\n\nb: 2\n---\n\nText.';
    const text = `Intro.\n\n${previous}`;
    assert.deepEqual(starts(text, previous), splitChunks(text).map((chunk) => [chunk.start, chunk.end, chunk.start === 28 ? 1 : undefined]));
    assert.deepEqual(splitChunks(text).map((chunk) => chunk.text), ['Intro.', '---\na: 1', 'b: 2\n---', 'Text.']);
  });
});
