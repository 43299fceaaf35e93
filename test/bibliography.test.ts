import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bibliography, bibliographyFormat, citationStyleProblems, parseBibliography, type BibliographyFormat, type ParsedBibliography } from '../src/core/bibliography';
import { frontMatterBibliography, frontMatterReferences, mergeBibliographySettings, quartoBibliography } from '../src/core/bibliographySettings';
import { BibliographyFiles } from '../src/node/bibliography';
import { ROOT } from './helpers';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'bibliography');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const parsed = (name: string): ParsedBibliography => parseBibliography(fixture(name), bibliographyFormat(name)!, name);
const SIMPLE_STYLE = fixture('simple.csl');

describe('bibliography', () => {
  describe('formats', () => {
    it('reads the format from the extension as Pandoc does (.bib is BibLaTeX)', () => {
      const formats = ['refs.bib', 'refs.BIB', 'refs.bibtex', 'refs.json', 'refs.yaml', 'refs.yml', 'refs.ris', 'refs'].map(bibliographyFormat);
      assert.deepEqual(formats, ['biblatex', 'biblatex', 'bibtex', 'csl-json', 'csl-yaml', 'csl-yaml', undefined, undefined]);
    });
  });

  describe('BibLaTeX', () => {
    const bib = parsed('references.bib');
    const bibliography = new Bibliography([bib]);

    it('reads every entry, in order, with where it starts, and no problems', () => {
      assert.deepEqual(bib.problems, []);
      assert.deepEqual(bib.entries.map((entry) => `${entry.line} ${entry.key}`), ['4 robert2015', '16 reck2016', '27 eisenhauer2009', '38 rittmeyer2017', '49 smith2020', '56 doe2020']);
    });

    it('expands @string abbreviations, accents and -- and drops protective braces', () => {
      const reck = bibliography.get('reck2016')!;
      assert.equal(reck.item['container-title'], 'N Engl J Med');
      assert.equal(bibliography.get('robert2015')!.item['container-title'], 'N Engl J Med');
      assert.deepEqual((reck.item.author as { family: string }[]).map((name) => name.family), ['Reck', 'Rodríguez-Abreu', 'Robinson', 'Hui', 'Csőszi', 'Fülöp']);
      assert.equal(reck.title, 'Pembrolizumab versus Chemotherapy for PD-L1–Positive Non–Small-Cell Lung Cancer');
    });

    it('gives each entry its short authors, year, title, DOI and PMID', () => {
      const { key, item, file, authors, year, title, doi, pmid, line } = bibliography.get('robert2015')!;
      assert.equal(file, 'references.bib');
      assert.equal(item.type, 'article-journal');
      assert.deepEqual({ key, authors, year, title, doi, pmid, line }, {
        key: 'robert2015',
        authors: 'Robert C, Long GV, et al',
        year: 2015,
        title: 'Nivolumab in Previously Untreated Melanoma without BRAF Mutation',
        doi: '10.1056/NEJMoa1412082',
        pmid: '25399552',
        line: 4,
      });
    });

    it('reads BibLaTeX dates (date = {2016-11-10}, {2009-01})', () => {
      assert.deepEqual(bibliography.get('reck2016')!.item.issued, { 'date-parts': [[2016, 11, 10]] });
      assert.deepEqual(bibliography.get('eisenhauer2009')!.item.issued, { 'date-parts': [[2009, 1]] });
    });

    it('formats references in AMA style as Markdown: journal in italics, DOI and PMID as links', () => {
      assert.equal(
        bibliography.formatReference('robert2015'),
        'Robert C, Long GV, Brady B, et al. Nivolumab in Previously Untreated Melanoma without BRAF Mutation. *N Engl J Med*. 2015;372(4):320-330. doi:[10.1056/NEJMoa1412082](https://doi.org/10.1056/NEJMoa1412082) PMID: [25399552](https://pubmed.ncbi.nlm.nih.gov/25399552/)',
      );
      // Six authors or fewer: all of them (AMA 11th edition).
      assert.equal(
        bibliography.formatReference('reck2016'),
        'Reck M, Rodríguez-Abreu D, Robinson AG, Hui R, Csőszi T, Fülöp A. Pembrolizumab versus Chemotherapy for PD-L1–Positive Non–Small-Cell Lung Cancer. *N Engl J Med*. 2016;375(19):1823-1833. doi:[10.1056/NEJMoa1606774](https://doi.org/10.1056/NEJMoa1606774)',
      );
      assert.equal(
        bibliography.formatReference('eisenhauer2009'),
        'Eisenhauer EA, Therasse P, Bogaerts J, et al. New response evaluation criteria in solid tumours: revised RECIST guideline (version 1.1). *Eur J Cancer*. 2009;45(2):228-247. doi:[10.1016/j.ejca.2008.10.026](https://doi.org/10.1016/j.ejca.2008.10.026)',
      );
    });

    it('keeps a DOI with parentheses a working link', () => {
      assert.match(bibliography.formatReference('rittmeyer2017')!, / \*Lancet\*\. 2017;389\(10066\):255-265\. doi:\[10\.1016\/S0140-6736\(16\)32517-X\]\(https:\/\/doi\.org\/10\.1016\/S0140-6736%2816%2932517-X\)$/);
    });

    it('inherits a chapter\'s book through crossref', () => {
      assert.equal(bibliography.formatReference('smith2020'), 'Smith J. Immune-related adverse events. In: Doe J, ed. *Handbook of Immuno-Oncology*. 2nd ed. Springer; 2020:101-120.');
      assert.equal(bibliography.formatReference('doe2020'), 'Doe J, ed. *Handbook of Immuno-Oncology*. 2nd ed. Springer; 2020.');
    });

    it('maps each entry to CSL when it is first asked for, alike in any order', () => {
      const keys = ['robert2015', 'reck2016', 'eisenhauer2009', 'rittmeyer2017', 'smith2020', 'doe2020'];
      const many = [...keys, ...Array.from({ length: 10 }, (_, index) => `extra${index}`)];
      const text = `${fixture('references.bib')}\n${many.slice(6).map((key) => `@article{${key}, author = {Kim, Ji-Hoon}, title = {Trial ${key}}, journal = nejm, year = 2020}`).join('\n')}\n`;
      const details = (order: string[]) => {
        const fresh = new Bibliography([parseBibliography(text, 'biblatex', 'references.bib')]);
        return Object.fromEntries(order.map((key) => [key, `${fresh.completionDetail(key)} | ${fresh.formatReference(key)}`]));
      };
      // Forwards, the crossref child's book is mapped before it; backwards, with it.
      assert.deepEqual(details(many), details([...many].reverse()));
      assert.equal(details(many).extra9, 'Kim JH, 2020 — Trial extra9 | Kim JH. Trial extra9. *N Engl J Med*. Published online 2020.');
    });

    it('reads the same file as BibTeX (.bibtex)', () => {
      const bibtex = parseBibliography(fixture('references.bib'), 'bibtex', 'references.bibtex');
      assert.deepEqual(bibtex.problems, []);
      assert.equal(new Bibliography([bibtex]).formatReference('robert2015'), bibliography.formatReference('robert2015'));
    });

    it('describes an entry for completion as "authors, year — title"', () => {
      assert.equal(bibliography.completionDetail('robert2015'), 'Robert C, Long GV, et al, 2015 — Nivolumab in Previously Untreated Melanoma without BRAF Mutation');
      assert.equal(bibliography.completionDetail('doe2020'), 'Doe J, 2020 — Handbook of Immuno-Oncology');
      assert.equal(bibliography.completionDetail('nobody2020'), undefined);
      assert.equal(bibliography.formatReference('nobody2020'), undefined);
    });
  });

  describe('CSL-JSON and CSL-YAML', () => {
    it('reads CSL-JSON, with the PMID from its own field or from a Zotero note', () => {
      const json = parsed('references.json');
      assert.deepEqual(json.problems, []);
      const bibliography = new Bibliography([json]);
      assert.deepEqual(json.entries.map((entry) => [entry.key, entry.line, entry.pmid]), [['larkin2015', 3, '26027431'], ['schulz2010', 21, '20332509']]);
      assert.equal(
        bibliography.formatReference('larkin2015'),
        'Larkin J, Chiarion-Sileni V, Gonzalez R. Combined Nivolumab and Ipilimumab or Monotherapy in Untreated Melanoma. *N Engl J Med*. 2015;373(1):23-34. doi:[10.1056/NEJMoa1504030](https://doi.org/10.1056/NEJMoa1504030) PMID: [26027431](https://pubmed.ncbi.nlm.nih.gov/26027431/)',
      );
      // A group author is written as it is named.
      assert.equal(
        bibliography.formatReference('schulz2010'),
        'Schulz KF, Altman DG, Moher D, CONSORT Group. CONSORT 2010 Statement: updated guidelines for reporting parallel group randomised trials. *BMJ*. 2010;340:c332. doi:[10.1136/bmj.c332](https://doi.org/10.1136/bmj.c332) PMID: [20332509](https://pubmed.ncbi.nlm.nih.gov/20332509/)',
      );
    });

    it('reads CSL-YAML under references:, with EDTF dates and bare years', () => {
      const yaml = parsed('references.yaml');
      assert.deepEqual(yaml.problems, []);
      const bibliography = new Bibliography([yaml]);
      assert.deepEqual(yaml.entries.map((entry) => [entry.key, entry.line, entry.year]), [['topalian2012', 3, 2012], ['who2025', 20, 2025]]);
      assert.deepEqual(bibliography.get('topalian2012')!.item.issued, { 'date-parts': [[2012, 6, 28]] });
      assert.equal(
        bibliography.formatReference('topalian2012'),
        'Topalian SL, Hodi FS, Brahmer JR. Safety, activity, and immune correlates of anti–PD-1 antibody in cancer. *N Engl J Med*. 2012;366(26):2443-2454. doi:[10.1056/NEJMoa1200690](https://doi.org/10.1056/NEJMoa1200690) PMID: [22658127](https://pubmed.ncbi.nlm.nih.gov/22658127/)',
      );
      assert.equal(bibliography.formatReference('who2025'), 'World Health Organization. *WHO Guideline on the Use of Lower-Sodium Salt Substitutes*. World Health Organization; 2025.');
    });

    it('reads a bare CSL-YAML list too', () => {
      const yaml = parseBibliography('- id: a\n  title: A\n- id: b\n  title: B\n', 'csl-yaml', 'refs.yaml');
      assert.deepEqual([yaml.entries.map((entry) => [entry.key, entry.line]), yaml.problems], [[['a', 1], ['b', 3]], []]);
    });
  });

  describe('a custom CSL style', () => {
    const bibliography = new Bibliography([parsed('references.json')]);

    it('formats with the style it is given, and in AMA style again without it', () => {
      assert.equal(bibliography.formatReference('larkin2015', SIMPLE_STYLE), 'Larkin, Chiarion-Sileni, and Gonzalez (2015) *Combined Nivolumab and Ipilimumab or Monotherapy in Untreated Melanoma* PMID: [26027431](https://pubmed.ncbi.nlm.nih.gov/26027431/)');
      assert.match(bibliography.formatReference('larkin2015')!, /^Larkin J, Chiarion-Sileni V, Gonzalez R\. Combined/);
    });

    it('finds nothing wrong with a usable style, and says what is wrong with one that is not', () => {
      assert.deepEqual(citationStyleProblems(SIMPLE_STYLE, 'simple.csl'), []);
      const problems = citationStyleProblems('<style>not CSL', 'broken.csl');
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.file, 'broken.csl');
      assert.match(problems[0]!.message, /^this CSL style cannot be used \(.+\); references are shown in AMA style$/);
    });
  });

  describe('malformed files', () => {
    const problemsOf = (text: string, format: BibliographyFormat) => {
      const { entries, problems } = parseBibliography(text, format, 'refs');
      return { keys: entries.map((entry) => entry.key), problems: problems.map(({ line, column, message }) => `${line ?? '-'}:${column ?? '-'} ${message}`) };
    };

    it('keeps the entries around a BibTeX entry that does not parse, and says which one', () => {
      const text = ['@string{jco = "J Clin Oncol"}', '@article{a2020, title = {A}, journal = jco, year = 2020}', '@article{b2021, title = {B} year = 2021}', '', '@article{c2022, title = {C}, journal = jco, year = 2022}', ''].join('\n');
      const result = problemsOf(text, 'biblatex');
      assert.deepEqual(result, { keys: ['a2020', 'c2022'], problems: ['3:1 entry "b2021" cannot be read (expected "rbrace", got "identifier"); it is left out'] });
      // @string definitions still apply to the entries after the broken one.
      assert.equal(parseBibliography(text, 'biblatex', 'refs').entries[1]!.item['container-title'], 'J Clin Oncol');
    });

    it('blames an unclosed brace on its own entry, not on the end of the file', () => {
      const text = ['@article{a2020, title = {A}, year = 2020}', '@article{b2021, title = {B, year = 2021}', '@article{c2022, title = {C}, year = 2022}', '@article{d2023, title = {D}, year = 2023}', ''].join('\n');
      assert.deepEqual(problemsOf(text, 'biblatex'), { keys: ['a2020', 'c2022', 'd2023'], problems: ['2:1 entry "b2021" cannot be read (expected "rbrace", got EOF); it is left out'] });
    });

    it('reports a key used twice and keeps the first entry', () => {
      const text = '@article{a2020, title = {First}, year = 2020}\n\n@article{a2020, title = {Second}, year = 2020}\n';
      const { entries, problems } = parseBibliography(text, 'biblatex', 'refs.bib');
      assert.deepEqual(entries.map((entry) => entry.title), ['First']);
      assert.deepEqual(problems, [{ file: 'refs.bib', line: 3, message: 'the key "a2020" is used again (first on line 1); the first entry is used' }]);
    });

    it('reads text without entries as an empty bibliography', () => {
      assert.deepEqual(problemsOf('% nothing here yet\n', 'biblatex'), { keys: [], problems: [] });
      assert.deepEqual(problemsOf('[]', 'csl-json'), { keys: [], problems: [] });
    });

    it('says where CSL-JSON stops being JSON', () => {
      const result = problemsOf('[\n  { "id": "a", "title": "A" },\n  { "id": "b" "title": "B" }\n]\n', 'csl-json');
      assert.equal(result.keys.length, 0);
      assert.equal(result.problems.length, 1);
      assert.match(result.problems[0]!, /^3:15 not valid JSON: /);
    });

    it('wants a list of items with ids', () => {
      assert.deepEqual(problemsOf('{ "id": "a" }', 'csl-json'), { keys: [], problems: ['1:1 a CSL-JSON bibliography is a list of items ([ { "id": …, … } ]); this file holds something else'] });
      assert.deepEqual(problemsOf('[\n  { "id": "a" },\n  { "title": "No id" }\n]', 'csl-json'), { keys: ['a'], problems: ['-:- item 2 has no id, so it cannot be cited; it is left out'] });
      assert.deepEqual(problemsOf('title: not a list\n', 'csl-yaml'), { keys: [], problems: ['1:1 a CSL-YAML bibliography is a list of items, or `references:` holding one; this file holds neither'] });
      assert.deepEqual(problemsOf('references:\n  - id: a\n  - title: No id\n', 'csl-yaml'), { keys: ['a'], problems: ['3:- item 2 has no id, so it cannot be cited; it is left out'] });
    });

    it('says where CSL-YAML stops being YAML', () => {
      const result = problemsOf('references:\n  - id: a\n    title: [unclosed\n', 'csl-yaml');
      assert.equal(result.keys.length, 0);
      assert.match(result.problems[0]!, /^\d+:\d+ not valid YAML: /);
    });
  });

  describe('several files', () => {
    it('keeps the first file\'s entry for a key two files share, and says so', () => {
      const first = parseBibliography('@article{robert2015, title = {Mine}, year = 2015}', 'biblatex', 'mine.bib');
      const bibliography = new Bibliography([first, parsed('references.bib'), parsed('references.json')]);
      assert.equal(bibliography.get('robert2015')!.title, 'Mine');
      assert.equal(bibliography.keys().length, 8);
      assert.deepEqual(bibliography.problems, [{ file: 'references.bib', line: 4, message: 'the key "robert2015" is also in mine.bib; the entry there is used' }]);
    });

    it('lets inline references take a file\'s key without a problem, as Pandoc does', () => {
      const inline = { ...parseBibliography('references:\n- id: robert2015\n  title: Overridden\n', 'csl-yaml', 'draft.md'), inline: true };
      const bibliography = new Bibliography([inline, parsed('references.bib')]);
      assert.equal(bibliography.get('robert2015')!.title, 'Overridden');
      assert.equal(bibliography.get('robert2015')!.file, 'draft.md');
      assert.equal(bibliography.has('reck2016'), true);
      assert.deepEqual(bibliography.problems, []);
    });
  });

  describe('closest key (did you mean)', () => {
    const bibliography = new Bibliography([parseBibliography(['smith2020', 'smith2021', 'Lee2019', 'kim2018a', 'garcia-lopez2017', 'wu2022'].map((key) => `@article{${key}, title = {T}}`).join('\n'), 'biblatex', 'refs.bib')]);
    const cases: [string, string | undefined][] = [
      ['lee2019', 'Lee2019'], // case only
      ['kmi2018a', 'kim2018a'], // two letters swapped
      ['kim2018', 'kim2018a'], // a letter missing
      ['garcia-lopes2017', 'garcia-lopez2017'], // a letter wrong
      ['garcialopez2017', 'garcia-lopez2017'],
      ['smith2022', undefined], // as close to smith2020 as to smith2021: no guess
      ['smith2020', undefined], // known
      ['jones2020', undefined], // nothing close
      ['wu2021', 'wu2022'],
      ['xu2023', undefined], // two edits in a short key
    ];
    for (const [key, expected] of cases) {
      it(`${key} → ${expected ?? 'none'}`, () => assert.equal(bibliography.closest(key), expected));
    }
  });

  describe('front matter and _quarto.yml', () => {
    it('reads bibliography: as one path or a list, and csl:', () => {
      assert.deepEqual(frontMatterBibliography('---\ntitle: T\nbibliography: refs.bib\n---\nText'), { bibliography: ['refs.bib'] });
      assert.deepEqual(frontMatterBibliography('---\r\nbibliography:\r\n  - a.bib\r\n  - b.json\r\ncsl: ama.csl\r\n---\r\n'), { bibliography: ['a.bib', 'b.json'], bibliographyList: true, csl: 'ama.csl' });
      assert.equal(frontMatterBibliography('---\ntitle: T\n---\nbibliography: refs.bib\n'), undefined);
      assert.equal(frontMatterBibliography('No front matter.\n'), undefined);
      assert.equal(frontMatterBibliography('---\nbibliography: [unclosed\n---\n'), undefined);
      assert.deepEqual(quartoBibliography('project:\n  type: book\nbibliography: references.bib\n'), { bibliography: ['references.bib'] });
    });

    it('reads the bibliographies Quarto\'s formats name for their own render (format: html: bibliography:)', () => {
      const text = '---\nbibliography: main.bib\nformat:\n  html:\n    bibliography: web.bib\n    csl: web.csl\n  pdf: default\n  docx:\n    bibliography: [print.json]\n---\n';
      const settings = frontMatterBibliography(text)!;
      assert.deepEqual(settings, { bibliography: ['main.bib'], formats: { html: { bibliography: ['web.bib'], csl: 'web.csl' }, docx: { bibliography: ['print.json'], bibliographyList: true } } });
      assert.deepEqual(frontMatterBibliography('---\nformat:\n  html:\n    bibliography: web.bib\n---\n'), { bibliography: [], formats: { html: { bibliography: ['web.bib'] } } });
      assert.equal(frontMatterBibliography('---\nformat: html\n---\n'), undefined);
      // Each render merges its format's values over the document's: html replaces main.bib, docx adds to it.
      // A key is rightly cited if some render finds it: every render's files count; the first style found is used.
      const merged = mergeBibliographySettings([{ file: 'draft.qmd', settings }], ({ path }) => path)!;
      assert.deepEqual(merged.paths.map(({ path }) => path), ['main.bib', 'web.bib', 'print.json']);
      assert.deepEqual(merged.csl, { path: 'web.csl', namedIn: 'draft.qmd' });
    });

    it('notes references: holding items, and gives the front matter to parse at its own lines', () => {
      const text = '\ufeff---\r\ntitle: T\r\nreferences:\r\n- id: smith2020\r\n  title: A trial\r\n---\r\nText [@smith2020].\r\n';
      assert.deepEqual(frontMatterBibliography(text), { bibliography: [], inlineReferences: true });
      assert.deepEqual(frontMatterBibliography('---\nreferences: see below\n---\n'), undefined);
      const yaml = frontMatterReferences(text)!;
      assert.equal(yaml, '\r\ntitle: T\r\nreferences:\r\n- id: smith2020\r\n  title: A trial\r\n');
      assert.deepEqual(
        parseBibliography(yaml, 'csl-yaml', 'draft.md').entries.map((entry) => `${entry.line} ${entry.key} ${entry.title}`),
        ['4 smith2020 A trial'],
      );
    });
  });
});

describe('bibliography files (Node)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'medlint-bibliography-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the files front matter names, relative to the document, and the csl: style', () => {
    writeFileSync(join(dir, 'draft.qmd'), '');
    mkdirSync(join(dir, 'refs'));
    writeFileSync(join(dir, 'refs', 'trials.bib'), fixture('references.bib'));
    writeFileSync(join(dir, 'refs', 'guidelines.json'), fixture('references.json'));
    writeFileSync(join(dir, 'simple.csl'), SIMPLE_STYLE);
    const text = '---\ntitle: Draft\nbibliography:\n  - refs/trials.bib\n  - refs/guidelines.json\ncsl: simple.csl\n---\n\nText [@robert2015].\n';
    const result = new BibliographyFiles().forDocument(join(dir, 'draft.qmd'), text)!;
    assert.deepEqual(result.files, [join(dir, 'refs', 'trials.bib'), join(dir, 'refs', 'guidelines.json')]);
    assert.deepEqual(result.problems, []);
    assert.equal(result.bibliography.keys().length, 8);
    assert.equal(result.style, SIMPLE_STYLE);
  });

  it('loads nothing for a document without a bibliography', () => {
    assert.equal(new BibliographyFiles().forDocument(join(dir, 'draft.md'), '---\ntitle: Draft\n---\nText.\n'), undefined);
    assert.equal(new BibliographyFiles().forDocument(join(dir, 'draft.md'), 'Text.\n'), undefined);
    // In a fresh process: neither Citation.js nor citeproc-js is loaded at all.
    const script = `const { bibliographyFiles } = require('./src/node/bibliography.ts');
      bibliographyFiles.forDocument(${JSON.stringify(join(dir, 'draft.md'))}, '# Draft\\n');
      console.log(Object.keys(require.cache).filter((file) => /citation-js|citeproc/.test(file)).length);`;
    const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout.trim(), '0');
  });

  it('says which named files are missing, of an unknown kind or on the web', () => {
    const text = '---\nbibliography:\n  - missing.bib\n  - refs.ris\n  - https://example.org/refs.bib\ncsl: missing.csl\n---\n';
    const result = new BibliographyFiles().forDocument(join(dir, 'draft.md'), text)!;
    const messages = result.problems.map((problem) => `${problem.file.replace(dir, '<dir>')}:${problem.line} ${problem.message}`);
    assert.deepEqual(messages, [
      '<dir>/draft.md:3 missing.bib: no such file',
      '<dir>/draft.md:4 refs.ris: not a bibliography medlint reads: use .bib (BibLaTeX), .bibtex, .json (CSL-JSON), .yaml or .yml (CSL-YAML)',
      '<dir>/draft.md:5 https://example.org/refs.bib: medlint reads bibliography files, not addresses on the web',
      '<dir>/draft.md:6 missing.csl: no such file; references are shown in AMA style',
    ]);
    assert.equal(result.bibliography.keys().length, 0);
    assert.equal(result.style, undefined);
  });

  it('takes a Quarto project\'s bibliography and style from _quarto.yml, and adds a document\'s path to its list', () => {
    const files = new BibliographyFiles();
    const chapter = join(FIXTURES, 'project', 'chapters', 'efficacy.qmd');
    const project = files.forDocument(chapter, readFileSync(chapter, 'utf8'))!;
    assert.deepEqual(project.files, [join(FIXTURES, 'references.bib'), join(FIXTURES, 'references.json')]);
    assert.equal(project.style, SIMPLE_STYLE);
    assert.deepEqual(project.problems, []);
    // _quarto.yml writes a list, so Quarto adds the preface's own file to it (mergeConfigs).
    const index = join(FIXTURES, 'project', 'index.qmd');
    const own = files.forDocument(index, readFileSync(index, 'utf8'))!;
    assert.deepEqual(own.files, [join(FIXTURES, 'references.bib'), join(FIXTURES, 'references.json'), join(FIXTURES, 'references.yaml')]);
    assert.equal(own.bibliography.has('topalian2012'), true);
    assert.equal(own.bibliography.has('robert2015'), true);
    // The document names no style: the project's applies.
    assert.equal(own.style, SIMPLE_STYLE);
  });

  it('merges _quarto.yml, each folder\'s _metadata.yml and the front matter as Quarto does: a list adds, a single path replaces', () => {
    const write = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write('_quarto.yml', 'project:\n  type: website\nbibliography: shared.bib\n');
    write('shared.bib', '@article{shared2020, title = {Shared}, year = 2020}\n');
    write('own.bib', '@article{own2021, title = {Own}, year = 2021}\n');
    write('trials/chapter.bib', '@article{trial2022, title = {Trial}, year = 2022}\n');
    write('trials/_metadata.yml', 'bibliography:\n  - chapter.bib\n  - missing.bib\nreferences:\n- id: label2023\n  type: report\n  title: Label\n');
    const files = new BibliographyFiles();
    const keysOf = (path: string, frontMatter: string) => {
      const found = files.forDocument(join(dir, path), `---\n${frontMatter}---\n\nText.\n`)!;
      return `${found.bibliography.keys().join(' ')}${found.complete ? '' : ' (incomplete)'}`;
    };
    assert.equal(keysOf('page.qmd', 'title: Page\n'), 'shared2020');
    assert.equal(keysOf('page.qmd', 'bibliography: own.bib\n'), 'own2021');
    assert.equal(keysOf('page.qmd', 'bibliography:\n  - own.bib\n'), 'shared2020 own2021');
    assert.equal(keysOf('trials/page.qmd', 'title: Page\n'), 'label2023 shared2020 trial2022 (incomplete)');
    // A format's bibliography adds to what the document checks against, whatever the project names.
    assert.equal(keysOf('page.qmd', 'bibliography: own.bib\nformat:\n  html:\n    bibliography: trials/chapter.bib\n'), 'own2021 trial2022');
    const problems = files.forDocument(join(dir, 'trials', 'page.qmd'), '# Page\n')!.problems;
    assert.deepEqual(problems, [{ file: join(dir, 'trials', '_metadata.yml'), line: 3, message: 'missing.bib: no such file' }]);
  });

  it('reads front matter references: as the document\'s own items, beside its files or alone', () => {
    writeFileSync(join(dir, 'refs.bib'), fixture('references.bib'));
    const files = new BibliographyFiles();
    const items = 'references:\n- id: robert2015\n  type: article-journal\n  title: Overridden\n- id: lee2024\n  type: report\n  title: A leaflet\n- type: book\n  title: No id\n';
    const both = files.forDocument(join(dir, 'draft.md'), `---\nbibliography: refs.bib\n${items}---\n\nText [@lee2024].\n`)!;
    assert.deepEqual(both.files, [join(dir, 'refs.bib')]);
    assert.deepEqual(both.bibliography.keys(), ['robert2015', 'lee2024', 'reck2016', 'eisenhauer2009', 'rittmeyer2017', 'smith2020', 'doe2020']);
    assert.equal(both.bibliography.get('robert2015')!.title, 'Overridden');
    assert.deepEqual(both.problems, [{ file: join(dir, 'draft.md'), line: 10, message: 'item 3 has no id, so it cannot be cited; it is left out' }]);
    assert.equal(both.complete, true);

    const alone = files.forDocument(join(dir, 'leaflet.md'), `---\ntitle: Leaflet\n${items}---\n`)!;
    assert.deepEqual(alone.files, []);
    assert.deepEqual(alone.bibliography.keys(), ['robert2015', 'lee2024']);
  });

  it('reads a file once, and again when it changes (size or modification time)', () => {
    const path = join(dir, 'refs.bib');
    writeFileSync(path, '@article{a2020, title = {A}, year = 2020}\n');
    const files = new BibliographyFiles();
    const text = '---\nbibliography: refs.bib\n---\n';
    const first = files.read(path);
    assert.equal(files.read(path), first);
    const document = files.forDocument(join(dir, 'draft.md'), text)!;
    assert.equal(files.forDocument(join(dir, 'draft.md'), text)!.bibliography, document.bibliography);

    writeFileSync(path, '@article{a2020, title = {A}, year = 2020}\n@article{b2021, title = {B}, year = 2021}\n');
    const grown = files.read(path);
    assert.notEqual(grown, first);
    assert.deepEqual(grown.entries.map((entry) => entry.key), ['a2020', 'b2021']);
    const rebuilt = files.forDocument(join(dir, 'draft.md'), text)!.bibliography;
    assert.notEqual(rebuilt, document.bibliography);
    assert.equal(rebuilt.has('b2021'), true);

    // Same size, new content: the modification time tells.
    writeFileSync(path, '@article{a2020, title = {A}, year = 2020}\n@article{c2021, title = {C}, year = 2021}\n');
    const { mtime } = statSync(path);
    utimesSync(path, mtime, new Date(mtime.getTime() + 2000));
    assert.deepEqual(files.read(path).entries.map((entry) => entry.key), ['a2020', 'c2021']);

    rmSync(path);
    assert.match(files.read(path).problems[0]!.message, /^cannot read this bibliography: ENOENT/);
    assert.deepEqual(files.forDocument(join(dir, 'draft.md'), text)!.problems, [{ file: join(dir, 'draft.md'), line: 2, message: 'refs.bib: no such file' }]);
  });
});
