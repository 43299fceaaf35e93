import assert from 'node:assert/strict';
import { checkIntegrity } from '../src/core/corpus/integrity';
import { loadCorpus, mergeCorpora, parseTermFile } from '../src/core/corpus/load';
import { formatProblem } from '../src/core/corpus/types';
import { createLinter } from '../src/core/linter';
import { generateMarkdown, PATHOLOGICAL } from './bench/generate';
import { builtinCorpus, findingsOf, linter } from './helpers';

const entry = (term: string, extra = '') => `term: ${JSON.stringify(term)}\ncategory: process\ndefinition: A definition that is long enough.\nsources: [{name: "Test"}]\n${extra}`;

describe('adversarial term files', () => {
  it('treats regular-expression characters in terms as text', () => {
    const { entry: loaded, problems } = parseTermFile({ path: 'team/odd.yaml', text: entry('a.b*c(d)', 'variants: ["x+y?", "[z]|w"]\n') });
    assert.deepEqual(problems, []);
    const linter = createLinter({ corpus: mergeCorpora(builtinCorpus(), { terms: [loaded!], claims: [] }) });
    assert.deepEqual(
      linter.lint('a.b*c(d) and aXbbbc(d), x+y? and [z]|w, xy and zw.').map((finding) => `${finding.ruleId} ${finding.message}`),
      ['preferred-term Use the preferred form "a.b*c(d)", not "x+y?".', 'preferred-term Use the preferred form "a.b*c(d)", not "[z]|w".'],
    );
    assert.equal(linter.hover('a.b*c(d) here', 1)?.entryId, 'odd');
  });

  it('rejects __proto__ and constructor keys without polluting any prototype', () => {
    const { entry: loaded, problems } = parseTermFile({ path: 'team/proto.yaml', text: `${entry('x')}__proto__: { polluted: true }\nconstructor: { polluted: true }\n` });
    assert.equal(loaded, undefined);
    assert.deepEqual(problems.map(formatProblem), ['team/proto.yaml:5:1: entry: unknown field "__proto__"', 'team/proto.yaml:6:1: entry: unknown field "constructor"']);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  });

  it('refuses a YAML alias bomb with a clear error', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(10).fill(`*${'abcdefghi'[index]}`).join(', ')}]`)].join('\n');
    const { entry: loaded, problems } = parseTermFile({ path: 'team/bomb.yaml', text: `${entry('x')}${bomb}\n` });
    assert.equal(loaded, undefined);
    assert.equal(problems.length, 1);
    assert.match(formatProblem(problems[0]!), /^team\/bomb\.yaml: invalid YAML: Excessive alias count/);
  });

  it('reports wrong types where they stand', () => {
    const { problems } = parseTermFile({ path: 'team/types.yaml', text: 'term: 42\ncategory: drug\ndefinition: [not, text]\nsources: yes\n' });
    assert.deepEqual(problems.map(formatProblem), [
      'team/types.yaml:1:7: term: must be string',
      'team/types.yaml:3:13: definition: must be string',
      'team/types.yaml:4:10: sources: must be array',
    ]);
  });

  it('reports two files with one id (.yaml and .yml)', () => {
    const { corpus } = loadCorpus([{ path: 'team/x.yaml', text: entry('x') }, { path: 'team/x.yml', text: entry('x') }], []);
    assert.deepEqual(checkIntegrity(corpus).map(formatProblem), ['x.yaml: duplicate entry id "x"']);
  });

  it('loads 10,000 entries and still lints in one pass', () => {
    const files = Array.from({ length: 10_000 }, (_, index) => ({ path: `team/t${index}.yaml`, text: entry(`term${index} marker`, `variants: ["Term${index}-marker"]\n`) }));
    const { corpus, problems } = loadCorpus(files, []);
    assert.deepEqual(problems, []);
    const linter = createLinter({ corpus: mergeCorpora(builtinCorpus(), corpus) });
    const text = Array.from({ length: 2000 }, (_, index) => `Term${index * 5}-marker and term${index * 5 + 1} marker.`).join('\n');
    const findings = linter.lint(text);
    assert.equal(findings.filter((finding) => finding.ruleId === 'preferred-term').length, 2000);
    assert.equal(findings[0]!.message, 'Use the preferred form "term0 marker", not "Term0-marker".');
  });
});

describe('odd documents', () => {
  it('finds nothing in an empty file, white space or front matter alone', () => {
    for (const text of ['', '\n\n', '\ufeff', '---\ntitle: Keytruda cures cancer patients\n---\n', '+++\ntitle = "Keytruda"\n+++']) {
      assert.deepEqual(findingsOf(text), [], JSON.stringify(text));
    }
  });

  it('lints a very long line and very deep nesting', () => {
    assert.deepEqual(findingsOf(`${'word '.repeat(50_000)}Keytruda.`, 'brand-name'), ['1:250001-1:250009 "Keytruda" is a brand name: use the generic name "pembrolizumab".']);
    assert.deepEqual(findingsOf(`${'> '.repeat(500)}Keytruda.`, 'brand-name').length, 1);
    assert.deepEqual(findingsOf(`${'- '.repeat(300)}Keytruda.`, 'brand-name').length, 1);
  });

  it('skips a block nested too deep for remark without failing the rest of the document', () => {
    const text = `Keytruda first.\n\n${'> '.repeat(20_000)}Opdivo\n\nYervoy last.`;
    assert.deepEqual(findingsOf(text, 'brand-name'), [
      '1:1-1:9 "Keytruda" is a brand name: use the generic name "pembrolizumab".',
      '5:1-5:7 "Yervoy" is a brand name: use the generic name "ipilimumab".',
    ]);
  });
});

describe('the parse budget: markup micromark reads in super-linear time is read as plain text', () => {
  const SENTENCE = 'Keytruda is an autoimmune therapy.';
  // The bench's pathological inputs at 10 KB on each side of one sentence; those made of markup are
  // past the budget, the others go to the fast path as they are.
  const MARKUP = new Set(['backticks', 'angle brackets', 'emphasis openers', 'open brackets', 'mixed emphasis delimiters']);
  // Made of lines the fast path leaves to micromark, in one paragraph of more than 200 of them.
  const LINES = new Set(['table-like rows, one paragraph', 'entities and addresses, one paragraph']);
  for (const [name, unit] of Object.entries(PATHOLOGICAL)) {
    const soup = unit.repeat(Math.ceil(10_000 / unit.length)).slice(0, 10_000);
    const text = `${soup} ${SENTENCE}\r\n${soup}`;
    const start = soup.length + 1;
    const line = soup.split('\n').length - 1;
    const character = start - (soup.lastIndexOf('\n') + 1);
    const at = (from: number, to: number) => `${start + from}-${start + to} {"start":{"line":${line},"character":${character + from}},"end":{"line":${line},"character":${character + to}}}`;
    const lastLine = text.split('\n').length;
    const reason = MARKUP.has(name) ? 'too much inline markup (*, _, `, <, [) in one paragraph' : LINES.has(name) ? 'a paragraph of more than 200 lines (no blank line between them) is too long' : undefined;
    it(`${name}: ${reason ? 'read as plain text, said once,' : 'read as Markdown'} with the sentence in it found where it stands`, () => {
      const medlint = linter();
      assert.deepEqual(
        medlint.lint(text).filter((finding) => finding.ruleId === 'brand-name' || finding.ruleId === 'misnomer').map((finding) => `${finding.ruleId} ${finding.start}-${finding.end} ${JSON.stringify(finding.range)}`),
        [`brand-name ${at(0, 8)}`, `misnomer ${at(15, 33)}`],
      );
      const notices = medlint.notices(text).map((notice) => `${notice.code} ${notice.span.start}-${notice.span.end} ${notice.message}`);
      assert.deepEqual(
        notices,
        reason
          ? [`plain-text 0-${text.length} Read as plain text, not Markdown (lines 1-${lastLine}): ${reason} to parse in time. Findings there are still placed exactly, but code and links in it are read as prose.`]
          : [],
      );
    });
  }

  it('reads a long paragraph the fast path reads, or one of up to 200 lines, as Markdown', () => {
    const wrapped = 'Patients received the study drug\n'.repeat(1_000);
    const rows = '| a | PD-1 b | c |\n'.repeat(199);
    for (const text of [wrapped, rows]) assert.deepEqual(linter().notices(`${text}Keytruda.`), []);
  });

  it('names the number of parts read as plain text and the first of them', () => {
    const soup = '*a '.repeat(100);
    const text = `Intro.\n\n${soup}\n\nMiddle.\n\n${soup}`;
    assert.deepEqual(
      linter().notices(text).map((notice) => `${notice.span.start}-${notice.span.end} ${JSON.stringify(notice.span.range)} ${notice.message.split(':')[0]}`),
      [`8-${8 + soup.length} {"start":{"line":2,"character":0},"end":{"line":2,"character":${soup.length}}} Read as plain text, not Markdown (2 parts, the first at lines 3-3)`],
    );
  });

  it('keeps paragraphs apart and suppression comments working in plain text', () => {
    const soup = '<a <b '.repeat(50);
    const text = `${soup}\n<!-- medlint-disable-next-line brand-name -->\nKeytruda here.\n\nKeytruda there.\n${soup}`;
    assert.deepEqual(findingsOf(text, 'brand-name'), ['5:1-5:9 "Keytruda" is a brand name: use the generic name "pembrolizumab".']);
  });

  it('reads code and HTML blocks of markup as Markdown: they hold no inline markup to parse', () => {
    const markup = '<b><i>*x*</i></b>'.repeat(40);
    for (const text of [`\`\`\`html\n${markup}\n\`\`\``, `<div>\n${markup}\n</div>`, `<!--\n${markup}\n-->`]) {
      assert.deepEqual(linter().notices(`Keytruda.\n\n${text}`), [], text);
    }
  });

  it('reads drafts, long lists and long tables as Markdown', () => {
    const list = Array.from({ length: 3000 }, (_, index) => `- **Item ${index}** with \`code\` and [a link](https://x.y/${index})`).join('\n');
    const table = ['| a | b |', '|---|---|', ...Array.from({ length: 1000 }, (_, index) => `| \`${index}\` | *x* _y_ <sup>1</sup> |`)].join('\n');
    for (const text of [generateMarkdown(300_000), list, table, `Text.\n\n${'A **bold** phrase, '.repeat(40)}`]) {
      assert.deepEqual(linter().notices(text), []);
    }
  });
});
