/**
 * Deterministic generator of realistic medical Markdown for the benchmark: front matter, headings,
 * hard-wrapped paragraphs, nested lists, GFM tables, code fences, links, emphasis, footnotes, term
 * variants, brand names and loose claims, in the proportions of real drafts. Same seed, same text.
 */

/** mulberry32: small, fast, good enough for picking words, and the same sequence for the same seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DRUGS = ['pembrolizumab', 'nivolumab', 'ipilimumab', 'atezolizumab', 'durvalumab', 'cemiplimab', 'trastuzumab', 'rituximab', 'Keytruda', 'Opdivo', 'Herceptin'];
const TARGETS = ['PD-1', 'PD-L1', 'CTLA-4', 'HER2', 'CD20', 'PD1', 'Her2', 'CTLA4'];
const CELLS = ['T cells', 'T-cells', 'NK cells', 'B cells', 'regulatory T cells', 'macrophages'];
const DISEASES = ['melanoma', 'non-small cell lung cancer', 'renal cell carcinoma', 'HER2-positive breast cancer', 'Hodgkin lymphoma', 'bladder cancer'];
const EVENTS = ['colitis', 'pneumonitis', 'hepatitis', 'hypothyroidism', 'rash', 'irAEs', "irAE's", 'CRS', 'ICANS'];
const CLAIMS = ['Studies have shown that', 'Research shows that', 'It is well known that', 'In a phase 3 trial [3],', 'In the KEYNOTE cohort (Smith et al., 2020),', 'Across trials,'];
const LOOSE = ['with fewer side effects', 'and is less toxic than chemotherapy', 'and cures some patients', 'as a form of autoimmune therapy', 'in cancer patients', 'with manageable toxicity', 'in patients with advanced disease'];
const VERBS = ['improved overall survival', 'increased the objective response rate', 'prolonged progression-free survival', 'was associated with durable responses', 'showed activity'];

export function generateMarkdown(targetLength: number, seed = 20261122): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;

  const sentence = () => {
    const drug = pick(DRUGS);
    const subject = chance(0.2) ? `**${drug}**` : chance(0.1) ? `[${drug}](https://example.org/label/${drug.toLowerCase()})` : drug;
    const target = chance(0.3) ? `, an anti–${pick(TARGETS)} antibody,` : '';
    const tail = chance(0.4) ? ` ${pick(LOOSE)}` : '';
    const cite = chance(0.3) ? ` [${1 + Math.floor(next() * 40)}]` : chance(0.1) ? '[^note]' : '';
    return `${pick(CLAIMS)} ${subject}${target} ${pick(VERBS)} in ${pick(DISEASES)}${tail}, acting on ${pick(CELLS)} and causing ${chance(0.2) ? `*${pick(EVENTS)}*` : pick(EVENTS)}${cite}.`;
  };
  const wrap = (text: string, width = 80) => {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(line);
    return lines.join('\n');
  };
  const paragraph = () => wrap(Array.from({ length: 2 + Math.floor(next() * 4) }, sentence).join(' '));
  const list = () => {
    const items: string[] = [];
    for (let i = 0; i < 3 + Math.floor(next() * 3); i++) {
      items.push(`- ${sentence()}`);
      if (chance(0.3)) items.push(`  - Grade 3 ${pick(EVENTS)} in ${Math.floor(next() * 30)}% with \`${pick(DRUGS)}\``);
    }
    return items.join('\n');
  };
  const table = () => {
    const rows = ['| Drug | Target | Grade ≥3 events |', '|------|--------|-----------------|'];
    for (let i = 0; i < 4; i++) rows.push(`| ${pick(DRUGS)} | ${pick(TARGETS)} | ${Math.floor(next() * 40)}% ${pick(EVENTS)} |`);
    return rows.join('\n');
  };
  const code = () => ['```yaml', `drug: ${pick(DRUGS)}`, `target: ${pick(TARGETS)}`, 'note: Keytruda cures cancer patients', '```'].join('\n');
  const quote = () => `> ${wrap(sentence(), 76).replace(/\n/g, '\n> ')}`;

  const blocks: string[] = ['---', 'title: Immunotherapy in solid tumours', 'document: clinical overview', '---', ''];
  let length = blocks.join('\n').length;
  let section = 0;
  while (length < targetLength) {
    const block =
      section % 12 === 0 ? `## ${section / 12 + 1}. ${pick(['Checkpoint inhibitors', 'CAR T-cell therapy', 'Safety', 'Efficacy', 'Biomarkers'])} in ${pick(DISEASES)}`
      : chance(0.55) ? paragraph()
      : chance(0.35) ? list()
      : chance(0.3) ? table()
      : chance(0.3) ? quote()
      : chance(0.5) ? code()
      : `[^note]: ${sentence()}`;
    section++;
    blocks.push(block, '');
    length += block.length + 2;
  }
  return blocks.join('\n').slice(0, targetLength);
}

/**
 * Inputs made to hurt, each a unit repeated into one paragraph: the corpus matcher and medlint's own
 * passes on long sentences, and the markup micromark reads in super-linear time (budget.ts).
 */
export const PATHOLOGICAL: Record<string, string> = {
  'partial expansions, one sentence': 'immune effector cell-associated neurotoxicity programmed cell death protein ',
  'abbreviations and parentheses, one sentence': 'PD-1 PD-L1 HR CI irAEs (PD-1) (',
  'one 1 MB word': 'a',
  'one 1 MB line of words': 'word PD-1 ',
  'backticks': '`a ``b ',
  'angle brackets': '<a <b ',
  'emphasis openers': '*a ',
  'open brackets': '[a ',
  'mixed emphasis delimiters': '*_a_* **_b ',
  // Lines the fast path leaves to micromark, which joins a paragraph's text in time growing with the
  // square of its lines (budget.ts).
  'table-like rows, one paragraph': '| a | PD-1 b | c |\n',
  'entities and addresses, one paragraph': 'Patients &amp; carers: see www.cancer.gov\n',
  // The patient profile reads the words around a term's first use for a plain explanation ("lung
  // problems (pneumonitis)"): a run of letters before one, and of letters joined by hyphens after one.
  'long words around terms': `${'a'.repeat(500_000)} (PD-1) CTLA-4 ${'ab-'.repeat(170_000)}`,
};

/** The front matter of the profiles the pathological inputs are linted in: each rule of either runs. */
export const PATHOLOGICAL_PROFILES: Record<string, string> = {
  professional: '',
  patient: '---\nmedlint:\n  profile: patient\n---\n\n',
};

const FAMILY = ['Smith', 'Lee', 'Kim', 'García', 'Müller', 'Rossi', 'Nguyen', 'Kowalski', 'Chen', 'Dupont', "O'Brien", 'van der Berg', 'Rodríguez-Abreu', 'Csőszi', 'Hansen', 'Tanaka'];
const GIVEN = ['James', 'Maria', 'Wei', 'Anna', 'Jean-Pierre', 'Georgina V.', 'Piotr', 'Ines', 'Kenji', 'Sarah', 'Tibor', 'Lars'];
const JOURNALS = ['nejm', 'lancet', 'jco', '{JAMA Oncol}', '{Ann Oncol}', '{J Immunother Cancer}', '{Eur J Cancer}'];
const TOPICS = ['Nivolumab', 'Pembrolizumab', 'Atezolizumab plus bevacizumab', 'Ipilimumab', 'Durvalumab after chemoradiotherapy', 'Adjuvant {PD-1} blockade'];
const SETTINGS = ['in Previously Untreated Melanoma', 'in Advanced Non--Small-Cell Lung Cancer', 'in Unresectable Hepatocellular Carcinoma', 'in Stage {III} {NSCLC}', 'for Resected Melanoma'];

/** TeX for a name with accents, as reference managers export it. */
const tex = (name: string) => name.replace(/í/g, "{\\'\\i}").replace(/ü/g, '{\\"u}').replace(/\u0151/g, '{\\H{o}}').replace(/á/g, "{\\'a}");

/**
 * A BibLaTeX file of `count` entries as a reference manager exports them (articles with @string
 * journals, books, chapters with crossref, DOIs and PMIDs, accented names). Same seed, same file.
 */
export function generateBibtex(count: number, seed = 20261202): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const lines = ['@string{nejm = "N Engl J Med"}', '@string{lancet = "Lancet"}', '@string{jco = "J Clin Oncol"}', ''];
  for (let index = 0; index < count; index++) {
    const authors = Array.from({ length: 1 + Math.floor(next() * 12) }, () => `${tex(pick(FAMILY))}, ${pick(GIVEN)}`).join(' and ');
    const year = 1995 + Math.floor(next() * 31);
    const key = `${pick(FAMILY).replace(/[^A-Za-z]/g, '').toLowerCase()}${year}-${index}`;
    if (index % 20 === 19) {
      lines.push(`@book{${key},`, `  author = {${authors}},`, `  title = {${pick(TOPICS)}: A Clinical Handbook},`, `  publisher = {Springer},`, `  location = {Cham},`, `  date = {${year}},`, `  edition = {${1 + Math.floor(next() * 4)}},`, '}', '');
      continue;
    }
    lines.push(
      `@article{${key},`,
      `  author = {${authors}},`,
      `  title = {${pick(TOPICS)} ${pick(SETTINGS)}},`,
      `  journaltitle = ${pick(JOURNALS)},`,
      `  date = {${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}},`,
      `  volume = {${1 + Math.floor(next() * 400)}},`,
      `  number = {${1 + Math.floor(next() * 24)}},`,
      `  pages = {${100 + index}--${110 + index}},`,
      `  doi = {10.1056/NEJMoa${1_000_000 + index}},`,
      `  pmid = {${20_000_000 + index * 7}},`,
      '}',
      '',
    );
  }
  return lines.join('\n');
}
