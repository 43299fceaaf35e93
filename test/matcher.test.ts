import assert from 'node:assert/strict';
import { PhraseMatcher, type GapMode } from '../src/core/matcher';
import { tokenize, wordKey } from '../src/core/text/tokens';
import { compileCorpus } from '../src/core/corpus/compile';
import { builtinCorpus, linter } from './helpers';

function matches(phrases: [string, GapMode, boolean?, boolean?][], text: string): string[] {
  const matcher = new PhraseMatcher(phrases.map(([phrase, mode, caseSensitive = false, plural = false]) => ({ text: phrase, mode, caseSensitive, plural, payload: phrase })));
  return matcher.findAll(tokenize(text)).map((match) => `${match.phrase.payload}@${text.slice(match.start, match.end)}`);
}

describe('phrase matcher', () => {
  it('exact separators: PD-1 is not PD 1', () => {
    assert.deepEqual(matches([['PD-1', 'exact', true]], 'PD-1, PD 1, PD–1, PD-10'), ['PD-1@PD-1']);
  });

  it('word separators: a space also matches a hyphen', () => {
    assert.deepEqual(matches([['T cell', 'word']], 'T cell, T-cell, T–cell'), ['T cell@T cell', 'T cell@T-cell']);
  });

  it('loose separators: spaces, hyphens and dashes match each other, and a line break is a space', () => {
    assert.deepEqual(matches([['programmed death-ligand 1', 'loose']], 'programmed death ligand–1 and programmed\ndeath-ligand 1'), [
      'programmed death-ligand 1@programmed death ligand–1',
      'programmed death-ligand 1@programmed\ndeath-ligand 1',
    ]);
  });

  it('honours case for case-sensitive phrases only', () => {
    assert.deepEqual(matches([['CAR', 'exact', true], ['keytruda', 'exact', false]], 'car CAR KEYTRUDA Keytruda'), ['CAR@CAR', 'keytruda@KEYTRUDA', 'keytruda@Keytruda']);
  });

  it('matches plurals with a lower-case s only', () => {
    assert.deepEqual(matches([['irAE', 'exact', true, true], ['CAR', 'exact', true, true]], 'irAEs CARs CARS irAE'), ['irAE@irAEs', 'CAR@CARs', 'irAE@irAE']);
  });

  it('requires a trailing suffix such as CD8+', () => {
    assert.deepEqual(matches([['CD8+ T cell', 'word', true]], 'CD8+ T cells, CD8 T cell, CD8+ T cell'), ['CD8+ T cell@CD8+ T cell']);
  });

  it('returns overlapping matches, longest first at each start', () => {
    assert.deepEqual(matches([['cancer patients', 'loose'], ['breast cancer patients', 'loose']], 'breast cancer patients'), [
      'breast cancer patients@breast cancer patients',
      'cancer patients@cancer patients',
    ]);
  });

  it('never joins words across a code placeholder or a block break', () => {
    assert.deepEqual(matches([['autoimmune therapy', 'loose']], 'autoimmune\uFFFCtherapy autoimmune\u2029therapy'), []);
  });

  it('tells apart words whose keys collide', () => {
    // "buov" and "cecab" have the same 30-bit key: they share trie nodes, and each match is checked word by word.
    assert.equal(wordKey('buov'), wordKey('cecab'));
    const phrases: [string, GapMode][] = [['buov cell', 'word'], ['cecab', 'word'], ['x buov', 'word']];
    // "buov" alone is not "cecab", "x cecab" is not "x buov", "cecab cell" is not "buov cell".
    assert.deepEqual(matches(phrases, 'cecab cell, buov cell, buov, x cecab, x buov, cecab'), [
      'cecab@cecab',
      'buov cell@buov cell',
      'cecab@cecab',
      'x buov@x buov',
      'cecab@cecab',
    ]);
  });

  it('keeps offsets where lower case would grow a word (İ)', () => {
    const tokens = tokenize('İpilimumab PD-1');
    assert.equal(tokens.lowerText.length, 'İpilimumab PD-1'.length);
    assert.deepEqual(matches([['PD-1', 'exact', true], ['ipilimumab', 'exact']], 'İpilimumab PD-1 ipilimumab'), ['PD-1@PD-1', 'ipilimumab@ipilimumab']);
    // The rest is lower-cased in context, as it would be without the İ: a final sigma stays final.
    assert.equal(tokenize('İ ΟΔΟΣ ΣΑ').lowerText, 'İ οδος σα');
  });
});

describe('phrase matcher effort', () => {
  const effortOf = (matcher: PhraseMatcher<unknown>, text: string) => {
    const effort = { steps: 0 };
    const tokens = tokenize(text);
    matcher.findAll(tokens, effort);
    return { steps: effort.steps, tokens: tokens.count };
  };

  it('grows linearly with the input on the corpus, whatever the input repeats', () => {
    const matcher = compileCorpus(builtinCorpus()).matcher;
    const inputs = {
      'partial expansions': 'immune effector cell associated neurotoxicity programmed cell death protein ',
      'abbreviations': 'PD-1 PD-L1 irAEs HR CI (PD-1) ',
      'one word': 'immune ',
      'prose': 'Patients with melanoma received pembrolizumab every three weeks. ',
    };
    for (const [name, unit] of Object.entries(inputs)) {
      const small = effortOf(matcher, unit.repeat(2_000));
      const large = effortOf(matcher, unit.repeat(4_000));
      assert.ok(large.steps <= small.steps * 2.01 + 10, `${name}: ${small.steps} then ${large.steps} steps`);
      assert.ok(large.steps <= large.tokens * 12, `${name}: ${large.steps} steps for ${large.tokens} tokens`);
    }
  });

  it('stays linear in the input for an adversarial corpus of nested phrases', () => {
    // "a", "a a", ... "a × 50": every token starts a walk 50 deep, but never more.
    const phrases = Array.from({ length: 50 }, (_, index) => ({ text: Array(index + 1).fill('a').join(' '), mode: 'word' as GapMode, caseSensitive: false, plural: true, payload: index }));
    const matcher = new PhraseMatcher(phrases);
    const small = effortOf(matcher, 'a '.repeat(10_000));
    const large = effortOf(matcher, 'a '.repeat(20_000));
    assert.ok(large.steps <= small.steps * 2.01, `${small.steps} then ${large.steps} steps`);
    assert.ok(large.steps <= large.tokens * 50 * 2, `${large.steps} steps for ${large.tokens} tokens`);
  });
});

describe('terms inside compounds (hover)', () => {
  const cases: [string, string, string][] = [
    ['anti–PD-1', 'PD-1', 'pd-1'],
    ['anti-PD-1 therapy', 'PD-1', 'pd-1'],
    ['PD-1/PD-L1 axis', 'PD-L1', 'pd-l1'],
    ['PD-1/PD-L1 axis', 'PD-1', 'pd-1'],
    ['PD-1–positive cells', 'PD-1', 'pd-1'],
    ['HER2-positive disease', 'HER2', 'her2'],
    ['grade 3 irAEs', 'irAEs', 'irae'],
    ['CD19-directed CAR T-cell therapy', 'CAR T-cell therapy', 'car-t-cell-therapy'],
  ];
  for (const [text, term, id] of cases) {
    it(`finds ${term} in "${text}"`, () => {
      const offset = text.indexOf(term) + 1;
      const card = linter().hover(text, offset);
      assert.equal(card?.entryId, id);
      assert.equal(text.slice(card!.start, card!.end), term);
    });
  }

  it('finds nothing in plain words', () => {
    assert.equal(linter().hover('My car broke down.', 4), undefined);
  });
});

describe('hover card', () => {
  it('shows term, definition, relations, usage and sources for a drug', () => {
    const text = 'Pembrolizumab (Keytruda) was given. Pembrolizumab again.';
    const card = linter().hover(text, 2)!;
    assert.equal(card.entryId, 'pembrolizumab');
    assert.deepEqual(card.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 13 } });
    const lines = card.markdown.split('\n');
    assert.equal(lines[0], '**pembrolizumab** *(drug)*');
    assert.match(lines[2]!, /^A humanised IgG4 monoclonal antibody that binds PD-1/);
    assert.ok(lines.includes('- Targets: PD-1'));
    assert.ok(lines.includes('- Class: PD-1 inhibitor, monoclonal antibody (and so immune checkpoint inhibitor, immunotherapy)'));
    assert.match(lines[4]!, /^\*In plain words:\* A drug that releases a brake on immune cells/);
    assert.ok(lines.includes('- Brand names: Keytruda'));
    assert.ok(lines.includes('In this document: used 3 times.'));
    assert.equal(lines.at(-1), 'Sources: [FDA label: KEYTRUDA (pembrolizumab)](https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=pembrolizumab) · reviewed 2026-12');
  });

  it('shows a class in its hierarchy, with members of its narrower classes', () => {
    const lines = linter().hover('Adoptive cell transfer is one option.', 2)!.markdown.split('\n');
    assert.ok(lines.includes('- A kind of: immunotherapy'));
    assert.ok(lines.includes('- Kinds: CAR T-cell therapy, TCR T-cell therapy, tumor-infiltrating lymphocyte therapy'), lines.join('\n'));
    assert.match(lines.find((line) => line.startsWith('- Examples: '))!, /tisagenlecleucel.*lifileucel|lifileucel.*tisagenlecleucel/);
  });

  it('shows where an abbreviation is defined and which drugs act on a target', () => {
    const text = 'Intro.\n\nProgrammed cell death protein 1 (PD-1) is a checkpoint. PD-1 again.';
    const card = linter().hover(text, text.lastIndexOf('PD-1'))!;
    assert.equal(
      card.markdown,
      [
        '**PD-1** · programmed cell death protein 1 *(receptor)*',
        '',
        'A checkpoint receptor on the surface of T cells and other immune cells. When it binds its ligands PD-L1 or PD-L2 it dampens T-cell activity, which helps prevent autoimmunity but also lets some tumours escape immune attack; drugs that block PD-1 or PD-L1 release this brake.',
        '',
        '*In plain words:* A protein on T cells, a type of immune cell, that acts like a brake. Some cancers use it to turn T cells off, and some drugs block it so the T cells can attack.',
        '',
        '- Gene: *PDCD1* (HGNC symbol; written as the gene, it is correct as it stands)',
        '- Drugs that act on it: camrelizumab, cemiplimab, dostarlimab, nivolumab, pembrolizumab, penpulimab, retifanlimab, serplulimab, sintilimab, tislelizumab, toripalimab',
        '- Related: PD-L1, ICI, T cell',
        '',
        'In this document: defined on line 3; used 3 times.',
        '',
        'Sources: [NCI Dictionary of Cancer Terms: PD-1](https://www.cancer.gov/publications/dictionaries/cancer-terms) · reviewed 2026-12',
      ].join('\n'),
    );
  });

  it('shows a drug with no single target, its approved uses, and the senses of an ambiguous abbreviation', () => {
    const vector = linter().hover('T-VEC was injected.', 0)!.markdown.split('\n');
    assert.ok(vector.includes('- No single molecular target: It is a virus that replicates selectively in tumour cells, not a molecule directed at one target.'));
    assert.ok(vector.includes('- Approved uses (US label, as of 2025-01): local treatment of unresectable cutaneous, subcutaneous and nodal lesions of melanoma recurrent after initial surgery'));
    const ratio = linter().hover('The HR was 0.7.', 4)!.markdown.split('\n');
    assert.deepEqual(ratio.filter((line) => line.includes('also stands for')), [
      '- HR also stands for: heart rate (the number of heartbeats per minute)',
      '- HR also stands for: hormone receptor (oestrogen or progesterone receptor status in breast cancer)',
      '- HR also stands for: homologous recombination (the DNA repair pathway, as in HR deficiency and PARP inhibitor writing)',
      '- HR also stands for: high risk (a risk group, as in high-risk cytogenetics in multiple myeloma)',
    ]);
  });

  it('lists the other senses of an ambiguous abbreviation', () => {
    const card = linter().hover('Rituximab acts through CDC.', 24)!;
    assert.ok(card.markdown.includes('- CDC also stands for: Centers for Disease Control and Prevention (the US public health agency)'));
  });
});
