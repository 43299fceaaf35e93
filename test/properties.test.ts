import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, ChunkCache, type Analysis } from '../src/core/analysis';
import { compileCorpus } from '../src/core/corpus/compile';
import { applyFixes, compatibleFixes } from '../src/core/fixes';
import { splitChunks, splitEditedChunks, type Chunk } from '../src/core/markdown/chunks';
import { maskDivFences, readPandocInlines } from '../src/core/markdown/pandoc';
import { parseMarkdown } from '../src/core/markdown/parse';
import { extractProse } from '../src/core/markdown/prose';
import { LineIndex } from '../src/core/text/lineIndex';
import type { Finding } from '../src/core/types';
import { random } from './bench/generate';
import { builtinCorpus, linter } from './helpers';

const RUNS = Number(process.env.MEDLINT_PROPERTY_RUNS ?? 300);

// Words that rules react to, markup that changes what is prose, and text that is hard on positions.
const WORDS = [
  'PD-1', 'PD1', 'PD-L1', 'CTLA-4', 'irAEs', "irAE's", 'CAR', 'car', 'HER2', 'Her2', 'T-cells', 'T cells', 'Keytruda', 'Opdivo®', 'pembrolizumab',
  'ipilimumab', 'trastuzumab', 'HER2-negative', 'anti–PD-1', 'PD-1/PD-L1', 'autoimmune', 'therapy', 'cures', 'no', 'side', 'effects', 'Studies',
  'have', 'shown', 'cancer', 'patients', 'melanoma', 'programmed', 'cell', 'death', 'protein', '1', '(PD-1)', '(', ')', 'blocks', 'binds', 'a',
  'the', 'is', 'not', '[1]', '[^1]', '(Smith, 2020)', 'e.g.', 'et al.', '.', ',', ';', '😀', 'e\u0301', 'ü', '中文', 'שלום', '\u00a0', '&amp;', '&#65;',
  // Pandoc's Markdown (Quarto, R Markdown): citations, cross-references, attributes, shortcodes, notes.
  '[@smith2020]', '@lee2021', '[-@a; see @b, p. 4]', '@fig-km', '{#fig-km}', '{.smaller}', '{{< pagebreak >}}', '^[A note.]', '^1,2^', '@',
];
const MARKUP = [
  '*', '**', '_', '__', '`', '``', '~', '~~', '[', ']', '](https://x.y)', '![', '<sup>', '</sup>', '<span a="b">', '<!-- medlint-disable-line -->',
  '<!-- medlint-disable -->', '<!-- medlint-enable -->', '\\', '|', '&', '<', '>', 'www.example.org', 'a@b.co',
];
const LINE_STARTS = ['', '# ', '## ', '> ', '>> ', '- ', '  - ', '1. ', '2) ', '    ', '\t', '| ', '|---|---|', '```', '~~~', '---', '===', '[1]: https://x', '[^1]: ', '<div>', '+++', '::: {.callout-note}', ':::'];
const BREAKS = ['\n', '\n', '\n\n', '\r\n', '\r\n\r\n', '\r', '  \n'];

const word = fc.constantFrom(...WORDS);
const piece = fc.oneof({ weight: 6, arbitrary: word }, { weight: 2, arbitrary: fc.constantFrom(...MARKUP) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) });
const line = fc.tuple(fc.constantFrom(...LINE_STARTS), fc.array(piece, { maxLength: 14 }), fc.constantFrom(' ', '', '')).map(([start, pieces, glue]) => start + pieces.join(glue || ' '));
const markdown = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(line, fc.constantFrom(...BREAKS)), { maxLength: 18 }),
    fc.oneof(fc.constant(''), fc.constant('>'.repeat(60) + ' deep'), fc.constant(`${'word '.repeat(3000)}PD-1`), fc.constant('```\nunterminated fence')),
  )
  .map(([bom, lines, tail]) => `${bom ? '\ufeff' : ''}${lines.map(([text, end]) => text + end).join('')}${tail}`);

const summary: Record<string, { tried: number; rejected: number; crashes: number; excluded: number }> = {};
interface Sampling {
  runs: number;
  seed: number;
}

const DEFAULT_SAMPLING: Sampling = { runs: RUNS, seed: Number(process.env.MEDLINT_PROPERTY_SEED ?? 20261122) };

// Chunking is where reading part of a document can differ from reading the whole of it, and its
// counterexamples are rare (issue 16 took 1,284 cases to find one): its property runs 3,000 cases
// under each of three seeds, one of them the seed that found issue 16.
const CHUNKING_SAMPLINGS: Sampling[] = [20261201, 20261122, 1].map((seed) => ({ runs: Math.max(RUNS, 3000), seed }));

function property(name: string, run: (text: string, counts: { excluded: number }) => void, sampling = DEFAULT_SAMPLING): void {
  propertyOf(name, markdown, run, sampling);
}

function propertyOf<T>(name: string, arbitrary: fc.Arbitrary<T>, run: (value: T, counts: { excluded: number }) => void, sampling = DEFAULT_SAMPLING): void {
  const counts = (summary[name] = { tried: 0, rejected: 0, crashes: 0, excluded: 0 });
  fc.assert(
    fc.property(arbitrary, (value) => {
      counts.tried++;
      try {
        run(value, counts);
      } catch (error) {
        counts.crashes++;
        throw error;
      }
    }),
    { numRuns: sampling.runs, seed: sampling.seed },
  );
}

// After an indented code block and a blank line, micromark still reads the next line as if it could
// interrupt a paragraph, so an ordered item not starting at 1, or an empty item, becomes paragraph
// text ("    code\n\n2) item"), and so does an empty item that opens another ("- *"); CommonMark and
// cmark start a list, as medlint's chunks do (micromark/micromark#228). Only a difference in such a
// document is put down to it.
const LIST_AFTER_INDENTED_CODE = /(?:^|\n)(?:\t| {4})[^\n]*\n(?:[ \t]*\n)+ {0,3}(?:(?:\d{1,9}[.)]|[-+*])[ \t]+)*(?:(?!1[.)])\d{1,9}[.)]|(?:\d{1,9}[.)]|[-+*])[ \t]*(?:\n|$))/;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function assertWellPlaced(text: string, span: { start: number; end: number; range: Finding['range'] }, lines: LineIndex): void {
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `span ${span.start}-${span.end} in ${text.length}`);
  for (const offset of [span.start, span.end]) {
    assert.ok(!(isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset))), `offset ${offset} splits a surrogate pair`);
  }
  assert.deepEqual(span.range, lines.rangeOf(span.start, span.end));
}

describe('line positions', () => {
  // Line by line from the start, as LSP counts them: CRLF, LF and a lone CR each end a line.
  const positionByScan = (text: string, offset: number) => {
    let line = 0;
    let lineStart = 0;
    for (let at = 0; at < offset; at++) {
      if (text[at] === '\n' || (text[at] === '\r' && text[at + 1] !== '\n')) {
        line++;
        lineStart = at + 1;
      }
    }
    return { line, character: offset - lineStart };
  };

  it('places every offset as a scan from the start does, whatever order they are asked in', () => {
    const next = random(20261203);
    const pieces = ['a', 'PD-1 ', '\n', '\r\n', '\r', '\n\n', '😀', ' '];
    for (let text = 0; text < 40; text++) {
      const source = Array.from({ length: 1 + Math.floor(next() * 60) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      const lines = new LineIndex(source);
      const offsets = Array.from({ length: 30 }, () => Math.floor(next() * (source.length + 1)));
      // In order, then in any order: the index starts from the line it found last.
      for (const offset of [...[...offsets].sort((a, b) => a - b), ...offsets]) {
        assert.deepEqual(lines.positionAt(offset), positionByScan(source, offset), `${JSON.stringify(source)} at ${offset}`);
      }
    }
  });

  it('places every offset of an edited text as a scan does, when the index is made from the last one\'s', () => {
    const next = random(20261204);
    const pieces = ['a', 'PD-1 ', '\n', '\r\n', '\r', '\n\n', '😀', ' '];
    const some = (most: number) => Array.from({ length: Math.floor(next() * most) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
    let kept = 0;
    for (let text = 0; text < 300; text++) {
      const previous = some(40);
      const at = Math.floor(next() * (previous.length + 1));
      const removed = Math.floor(next() * (previous.length - at + 1));
      const inserted = some(6);
      const source = previous.slice(0, at) + inserted + previous.slice(at + removed);
      // The edited part as the analysis gives it, from a line start before the edit to one after it; or
      // the edit's own ends, which start no line in some texts (then the index is made anew).
      const startsLine = (offset: number) => offset === 0 || offset === source.length || source[offset - 1] === '\n' || (source[offset - 1] === '\r' && source[offset] !== '\n');
      const around = next() < 0.7;
      let from = at;
      let to = at + inserted.length;
      if (around) {
        while (!startsLine(from)) from--;
        // Past the edit: the unchanged text decides where the next line starts.
        to++;
        while (to < source.length && !startsLine(to)) to++;
        to = Math.min(to, source.length);
        kept++;
      }
      const lines = LineIndex.edited(new LineIndex(previous), source, from, to, source.length - previous.length);
      for (let offset = 0; offset <= source.length; offset++) {
        assert.deepEqual(lines.positionAt(offset), positionByScan(source, offset), `${JSON.stringify(previous)} -> ${JSON.stringify(source)} (${from}-${to}) at ${offset}`);
      }
    }
    assert.ok(kept > 150, `${kept} edits from a line start to a line start`);
  });
});

describe('properties over generated Markdown (fast-check)', function () {
  this.timeout(120_000);

  after(() => {
    console.log('      property summary:');
    for (const [name, counts] of Object.entries(summary)) {
      const excluded = counts.excluded ? `, ${counts.excluded} not compared (known micromark quirk)` : '';
      console.log(`        ${name}: ${counts.tried} cases tried, ${counts.rejected} rejected with a clear error, ${counts.crashes} crashes${excluded}`);
    }
  });

  it('lint never throws, and every range lies inside the text on code-point boundaries', () => {
    const medlint = linter();
    property('ranges', (text) => {
      const lines = new LineIndex(text);
      for (const finding of medlint.lint(text)) {
        assertWellPlaced(text, finding, lines);
        if (finding.fix) assertWellPlaced(text, finding.fix, lines);
      }
    });
  });

  it('fixes change only the flagged text, and the fixed findings are not reported again', () => {
    const medlint = linter();
    property('fixes', (text) => {
      const findings = medlint.lint(text);
      const fixes = compatibleFixes(findings);
      const fixed = applyFixes(text, findings).text;
      // Outside the fixes, the text is as it was.
      let before = 0;
      let after = 0;
      for (const fix of fixes) {
        assert.equal(fixed.slice(after, after + (fix.start - before)), text.slice(before, fix.start));
        after += fix.start - before;
        assert.equal(fixed.slice(after, after + fix.newText.length), fix.newText);
        after += fix.newText.length;
        before = fix.end;
      }
      assert.equal(fixed.slice(after), text.slice(before));
      // A fixed finding does not come back where its fix now stands.
      const refound = medlint.lint(fixed);
      let shift = 0;
      for (const fix of fixes) {
        const finding = findings.find((candidate) => candidate.fix === fix)!;
        const start = fix.start + shift;
        assert.ok(!refound.some((again) => again.ruleId === finding.ruleId && again.start === start && again.message === finding.message), `${finding.ruleId} reported again: ${finding.message}`);
        shift += fix.newText.length - (fix.end - fix.start);
      }
    });
  });

  it('CRLF and LF versions of a text give the same findings at the same lines and columns', () => {
    const medlint = linter();
    property('line endings', (text) => {
      const lf = text.replace(/\r\n?/g, '\n');
      const crlf = lf.replace(/\n/g, '\r\n');
      const key = (finding: Finding) => `${finding.ruleId} ${JSON.stringify(finding.range)} ${finding.message}`;
      assert.deepEqual(medlint.lint(crlf).map(key), medlint.lint(lf).map(key));
    });
  });

  it('a re-lint after an edit, reusing unchanged chunks, reads and finds what a linter that keeps nothing does', () => {
    const editor = linter();
    const compiled = compileCorpus(builtinCorpus());
    const cache = new ChunkCache();
    const readingOf = (analysis: Analysis) => ({
      prose: analysis.prose.text,
      blocks: analysis.prose.blocks,
      citations: analysis.prose.citations,
      sources: Array.from(analysis.prose.text, (_, offset) => analysis.prose.sourceStart(offset)),
      sentences: analysis.sentences,
      matches: analysis.matches.map((match) => `${match.phrase.text} ${match.start}-${match.end} ${match.firstToken}-${match.lastToken}`),
    });
    // Typing a piece, a line start or a definition (which changes how other chunks read [1] and [^1]),
    // or deleting up to a line.
    const DEFINITIONS = ['\n\n[1]: https://x.y\n\n', '\n\n[^1]: A note.\n\n', '\n\n[label]: https://z\n\n'];
    const change = fc.oneof(
      { weight: 3, arbitrary: fc.oneof(piece, fc.constantFrom(...BREAKS, ...LINE_STARTS)) },
      { weight: 2, arbitrary: fc.constantFrom(...DEFINITIONS) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 80 }) },
    );
    const edit = fc.tuple(markdown, fc.nat(), change);
    propertyOf('edits', edit, ([text, at, change]) => {
      editor.lint(text);
      analyze(text, compiled, cache);
      const offset = at % (text.length + 1);
      const edited = typeof change === 'string' ? text.slice(0, offset) + change + text.slice(offset) : text.slice(0, offset) + text.slice(offset + change);
      assert.deepEqual(readingOf(analyze(edited, compiled, cache)), readingOf(analyze(edited, compiled)));
      assert.deepEqual(editor.lint(edited), linter({ reuseChunks: false }).lint(edited));
    });
  });

  it('a run of edits, each re-linted from the last (chunks split again only where the text changed), finds what a fresh lint does', () => {
    const editor = linter();
    // Keeps no chunks and no last document: each of its lints is a cold one.
    const cold = linter({ reuseChunks: false });
    const change = fc.oneof(fc.oneof(piece, fc.constantFrom(...BREAKS, ...LINE_STARTS, '\n\n[1]: https://x.y\n\n')), fc.integer({ min: 1, max: 40 }));
    const edits = fc.tuple(markdown, fc.array(fc.tuple(fc.nat(), change), { minLength: 1, maxLength: 6 }));
    const chunksOf = (chunks: Chunk[]) => chunks.map(({ start, end, text }) => ({ start, end, text }));
    propertyOf('edit runs', edits, ([text, steps]) => {
      let edited = text;
      editor.lint(edited);
      for (const [at, step] of steps) {
        const offset = at % (edited.length + 1);
        const before = edited;
        edited = typeof step === 'string' ? edited.slice(0, offset) + step + edited.slice(offset) : edited.slice(0, offset) + edited.slice(offset + step);
        assert.deepEqual(chunksOf(splitEditedChunks(edited, before, splitChunks(before))), chunksOf(splitChunks(edited)));
        assert.deepEqual(editor.lint(edited), cold.lint(edited));
        assert.deepEqual(editor.notices(edited), cold.notices(edited));
      }
    });
  });

  for (const sampling of CHUNKING_SAMPLINGS) {
    it(`chunked prose equals remark on the whole document (seed ${sampling.seed}, ${sampling.runs} cases)`, function () {
      this.timeout(300_000);
      chunkedProseEqualsRemark(`prose, seed ${sampling.seed}`, sampling);
    });
  }
});

function chunkedProseEqualsRemark(name: string, sampling: Sampling): void {
  const compiled = compileCorpus(builtinCorpus());
  property(name, (text, counts) => {
    // micromark skips a byte order mark and counts offsets after it; medlint keeps source offsets.
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const body = text.slice(bom);
    // After an unclosed front-matter fence at the very start, micromark stops letting a list item
    // interrupt a paragraph, which CommonMark allows and renderers show; medlint follows CommonMark.
    const fence = /^(---|\+\+\+)[ \t]*(?:\r\n?|\n)/.exec(body)?.[1];
    if (fence && !new RegExp(`(?:\\r\\n?|\\n)\\${fence.split('').join('\\')}[ \\t]*(?:\\r\\n?|\\n|$)`).test(body.slice(3))) {
      counts.excluded++;
      return;
    }
    // Pandoc's constructs are read on top of the parse, as the linter reads them (markdown/pandoc.ts).
    const masked = maskDivFences(body);
    const whole = readPandocInlines(extractProse(parseMarkdown(masked), masked), body).prose;
    const chunked = analyze(text, compiled).prose;
    try {
      assert.equal(chunked.text, whole.text);
      assert.deepEqual(chunked.blocks, whole.blocks);
      for (let i = 0; i < whole.text.length; i++) {
        if (!/\s|\u2029/.test(whole.text[i]!)) assert.equal(chunked.sourceStart(i), whole.map[i]! + bom, `prose offset ${i}`);
      }
    } catch (error) {
      if (!LIST_AFTER_INDENTED_CODE.test(masked.replace(/\r\n?/g, '\n'))) throw error;
      counts.excluded++;
    }
  }, sampling);
}
