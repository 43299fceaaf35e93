import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../src/core/types';
import { generateMarkdown, random } from './bench/generate';
import { splitChunks, splitEditedChunks, type Chunk } from '../src/core/markdown/chunks';
import type { Linter } from '../src/core/linter';
import { describeFinding, linter, ROOT } from './helpers';

// What writers type between lints: a letter, a claim, a brand introduced with its generic (a fact
// about the whole document), a quotation, a suppression comment, a paragraph split or joined, an
// abbreviation defined, a section, a table, front matter.
const INSERTIONS = [
  'x',
  ' ',
  '\n',
  '\n\n',
  'Keytruda (pembrolizumab) ',
  'Opdivo ',
  'This cures cancer. ',
  'Studies have shown it works. ',
  'Nivolumab is a chemotherapy drug. ',
  '"It cures cancer," said Dr. Lee. ',
  '<!-- medlint-disable-next-line -->\n',
  'cancer patients ',
  '**Note:** ',
  'programmed death-ligand 1 (PD-L1) ',
  'Trastuzumab targets Her2. ',
  'Human epidermal growth factor receptor 2 (HER2) is a target.\n\n',
  // Two chunks of the same text share one analysis, and each has its own place in the document.
  'CTLA4 (cytotoxic T-lymphocyte-associated protein 4) binds B7.\n\nCTLA4 (cytotoxic T-lymphocyte-associated protein 4) binds B7.\n\n',
  '## Abstract\n\n',
  'Abbreviations: CI, confidence interval; HR, hazard ratio.\n\n',
  '| Drug | Target |\n| --- | --- |\n| Keytruda | PD-1 |\n\n',
  '---\ntitle: Study\n\nmedlint:\n  profile: patient\n---\n\n',
];

function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  if (next() < 0.3 && text.length > 0) {
    const length = 1 + Math.floor(next() * 40);
    return text.slice(0, at) + text.slice(at + length);
  }
  return text.slice(0, at) + INSERTIONS[Math.floor(next() * INSERTIONS.length)] + text.slice(at);
}

const realText = readdirSync(join(ROOT, 'test/real/docs'))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .slice(0, 12)
  .map((name) => readFileSync(join(ROOT, 'test/real/docs', name), 'utf8'))
  .join('\n\n');

const chunksOf = (chunks: Chunk[]) => chunks.map(({ start, end, text }) => ({ start, end, text }));

/** Everything an editor asks of a linter about a text, with hovers at a few places. */
const answers = (medlint: Linter, text: string) => ({
  findings: medlint.lint(text),
  notices: medlint.notices(text),
  abbreviations: medlint.abbreviations(text, { byScope: true }),
  readability: medlint.readability(text),
  hovers: [0.1, 0.3, 0.5, 0.7, 0.9].map((at) => medlint.hover(text, Math.floor(text.length * at))),
  summary: medlint.partSummary(text),
});

const lines = (findings: Finding[]) => findings.map((finding) => `${describeFinding(finding)} [${finding.ruleId} ${finding.severity}]`);

describe('re-linting an edited document (per-chunk findings kept between lints)', () => {
  for (const [name, document, seed] of [
    ['public-domain FDA and NCI text', realText, 11],
    ['a generated draft', generateMarkdown(40_000, 5), 12],
  ] as const) {
    it(`finds, lists and shows what a fresh linter does, after each of 60 random edits of ${name}`, () => {
      const next = random(seed);
      for (const profile of [undefined, 'patient']) {
        const editor = linter(profile ? { profile } : {});
        let text = document;
        editor.lint(text);
        for (let step = 0; step < 30; step++) {
          text = edit(text, next);
          const fresh = linter({ reuseChunks: false, ...(profile ? { profile } : {}) });
          assert.deepEqual(answers(editor, text), answers(fresh, text), `${profile ?? 'professional'} profile, edit ${step + 1}`);
        }
      }
    });
  }

  it('drops a brand name the document introduces in another chunk, and reports it again when the introduction goes', () => {
    const editor = linter();
    const brand = 'Patients received Keytruda every 3 weeks.\n';
    const introduction = 'Keytruda (pembrolizumab) is given by infusion.\n\n';
    const message = '"Keytruda" is a brand name: use the generic name "pembrolizumab".';
    assert.deepEqual(editor.lint(brand).map(describeFinding), [`1:19-1:27 ${message}`]);
    assert.deepEqual(editor.lint(introduction + brand).map(describeFinding), []);
    assert.deepEqual(editor.lint(`Intro.\n\n${brand}`).map(describeFinding), [`3:19-3:27 ${message}`]);
    // Linted first as a whole, with the introduction in it, then edited in one of its many chunks
    // (which re-reads that chunk alone): the brand's chunk keeps its report.
    const whole = linter();
    const between = Array.from({ length: 10 }, (_, index) => `Infusion ${index + 1} lasted 30 minutes.\n\n`).join('');
    assert.deepEqual(whole.lint(introduction + between + brand).map(describeFinding), []);
    assert.deepEqual(whole.lint(`Intro.\n\n${between}${brand}`).map(describeFinding), [`23:19-23:27 ${message}`]);
  });

  it('places a kept chunk\'s findings where the chunk now is, after text is typed above it', () => {
    const editor = linter();
    const claim = 'Imatinib is an immunotherapy.\n';
    const [before] = lines(editor.lint(`# Title\n\n${claim}`));
    assert.equal(before, '3:16-3:29 "Imatinib" is not an immunotherapy: the corpus lists imatinib as a tyrosine kinase inhibitor targeting BCR-ABL (FDA label: GLEEVEC (imatinib mesylate)). [contradiction error]');
    const [after] = editor.lint(`# Title\n\nA new paragraph.\n\n${claim}`);
    assert.deepEqual([after!.range.start, after!.range.end, after!.start, after!.end], [{ line: 4, character: 15 }, { line: 4, character: 28 }, 42, 55]);
  });

  it('shows a finding the edit left in place as the last lint did, and makes it again where its line moved', () => {
    const editor = linter();
    // Several chunks, none most of the document (which would be read whole).
    const rest = Array.from({ length: 10 }, (_, index) => `Infusion ${index + 1} lasted 30 minutes.\n\n`).join('');
    const text = `A B.\n\nImatinib is an immunotherapy.\n\n${rest}`;
    const contradiction = (findings: Finding[]) => findings.find((finding) => finding.ruleId === 'contradiction')!;
    const first = contradiction(editor.lint(text));
    assert.equal(contradiction(editor.lint(`${text}Typed below.\n`)), first, 'the same finding: the edit is below it');
    // The same length, so the same offsets, but a line break now: the finding is a line further down.
    const typed = `A\nB.\n\nImatinib is an immunotherapy.\n\n${rest}Typed below.\n`;
    const moved = contradiction(editor.lint(typed));
    assert.notEqual(moved, first);
    assert.deepEqual([moved.start, moved.range.start, moved.range.end], [first.start, { line: 3, character: 15 }, { line: 3, character: 28 }]);
    assert.deepEqual(moved, contradiction(linter({ reuseChunks: false }).lint(typed)));
  });

  it('asks for the definition at a variant that is the first undefined use, until a paragraph typed above defines the abbreviation', () => {
    const editor = linter();
    const variant = 'Trastuzumab targets Her2.\n';
    const definition = 'Human epidermal growth factor receptor 2 (HER2) is a target.\n\n';
    const asksBoth = (line: number) => `${line}:21-${line}:25 Use the preferred form "HER2", not "Her2", and define it at first use: write "human epidermal growth factor receptor 2 (HER2)". [preferred-term warning]`;
    const versions: [string, string[]][] = [
      [`Intro.\n\n${variant}`, [asksBoth(3)]],
      [`${definition}${variant}`, ['3:21-3:25 Use the preferred form "HER2", not "Her2". [preferred-term warning]']],
      [`Intro.\n\n${variant}`, [asksBoth(3)]],
    ];
    for (const [step, [text, expected]] of versions.entries()) {
      const found = lines(editor.lint(text));
      assert.deepEqual(found, expected, `version ${step + 1}`);
      assert.deepEqual(found, lines(linter({ reuseChunks: false }).lint(text)), `version ${step + 1}, fresh`);
    }
  });

  it('moves a kept chunk\'s definition with the chunk: the fix of a late definition removes it where it now is', () => {
    const editor = linter();
    // No chunk is most of the document, which would be read whole.
    const text = 'PD-1 is a receptor studied in many cancers.\n\nIt is found on several kinds of cell.\n\nProgrammed cell death protein 1 (PD-1) is on T cells.\n';
    editor.lint(text);
    const typed = `A new paragraph.\n\n${text}`;
    const late = editor.lint(typed).find((finding) => finding.ruleId === 'abbreviation-defined-late')!;
    assert.deepEqual(late, linter({ reuseChunks: false }).lint(typed).find((finding) => finding.ruleId === 'abbreviation-defined-late'));
    assert.equal(describeFinding(late), '3:1-3:5 "PD-1" is used before its definition on line 7: define it here.');
    assert.deepEqual(
      late.fix?.moreEdits?.map(({ range, newText }) => [range.start, range.end, newText]),
      [[{ line: 6, character: 0 }, { line: 6, character: 38 }, 'PD-1']],
    );
  });

  it('reads the lines under an opening fence as front matter once the writer types the closing fence, chunks below the fence', () => {
    // A blank line among the fields: the closing fence is typed in another chunk than the opening one.
    const fields = '---\ntitle: Keytruda study\n\nmedlint:\n  profile: patient\n';
    const body = Array.from({ length: 12 }, (_, index) => `Paragraph ${index + 1} says little.\n\n`).join('');
    const editor = linter();
    const open = `${fields}\n${body}`;
    assert.deepEqual(lines(editor.lint(open)), lines(linter({ reuseChunks: false }).lint(open)));
    assert.equal(editor.profile(open).name, 'professional');
    const closed = `${fields}---\n\n${body}`;
    assert.deepEqual(chunksOf(splitEditedChunks(closed, open, splitChunks(open))), chunksOf(splitChunks(closed)));
    assert.deepEqual(lines(editor.lint(closed)), lines(linter({ reuseChunks: false }).lint(closed)));
    assert.equal(editor.profile(closed).name, 'patient');
  });

  it('reads the first paragraph as before once prose is typed above it, and again once that prose goes (its readings were the document\'s)', () => {
    // Under a code block, which has no prose, the paragraph's readings open the document's prose:
    // they are shared with the paragraph's own analysis, which must not move with the document.
    const code = '```\nx = 1\n```\n\n';
    const paragraphs = 'Imatinib is an immunotherapy. Keytruda was given.\n\nPembrolizumab cures cancer.\n';
    const editor = linter();
    const versions = [code + paragraphs, `Intro text.\n\n${paragraphs}`, code + paragraphs, `${code}More.\n\n${paragraphs}`, code + paragraphs];
    for (const [step, text] of versions.entries()) {
      assert.deepEqual(lines(editor.lint(text)), lines(linter({ reuseChunks: false }).lint(text)), `version ${step + 1}`);
    }
  });
});

describe('rules read no further than the sentence or paragraph of a match (the same findings whether a chunk is read alone or in its document)', () => {
  it('reports a claim opening the paragraph after a heading that ends in a purpose word, which does not list it', () => {
    const text = '## Treatment\n\nCures cancer in weeks.\n';
    assert.deepEqual(lines(linter({ reuseChunks: false }).lint(text)), ['3:1-3:6 Qualify the absolute claim "Cures". [overclaim warning]']);
  });

  it('reads an abbreviation\'s exemptions within its paragraph: "95%" ending one paragraph does not make the next one\'s CI an interval', () => {
    const text = 'Most patients responded, 95%\n\nCI values were wide.\n';
    assert.deepEqual(lines(linter({ reuseChunks: false }).lint(text)), [
      '3:1-3:3 "CI" is not defined at first use and has several meanings: write "confidence interval (CI)", "cumulative incidence (CI)", "combination index (CI)" or "cardiac index (CI)". [undefined-abbreviation warning]',
    ]);
  });

  it('fixes a brand that ends a heading, whatever capital opens the next paragraph', () => {
    const [finding] = linter({ reuseChunks: false }).lint('## About Keytruda\n\nThe infusion takes 30 minutes.\n');
    assert.equal(describeFinding(finding!), '1:10-1:18 "Keytruda" is a brand name: use the generic name "pembrolizumab".');
    assert.equal(finding!.fix?.newText, 'pembrolizumab');
  });
});
