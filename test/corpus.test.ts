import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { checkIntegrity } from '../src/core/corpus/integrity';
import { loadCorpus, mergeCorpora, parseTermFile } from '../src/core/corpus/load';
import { formatProblem, type TermEntry } from '../src/core/corpus/types';
import claimSchema from '../src/schemas/claim.schema.json';
import termSchema from '../src/schemas/term.schema.json';
import { resolveSettings } from '../src/core/settings';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { CLAIM_CONTEXTS } from '../src/core/context';
import { builtinCorpus, describeFinding, findingsOf, linter, ROOT } from './helpers';

// The immuno-oncology glossary the corpus promises, by the groups writers work in.
const REQUIRED = {
  'checkpoints and antigens': ['pd-1', 'pd-l1', 'pd-l2', 'ctla-4', 'lag-3', 'tim-3', 'tigit', 'cd19', 'cd20', 'cd3', 'cd28', 'bcma', 'her2'],
  drugs: [
    'pembrolizumab', 'nivolumab', 'cemiplimab', 'dostarlimab', 'atezolizumab', 'durvalumab', 'avelumab', 'ipilimumab', 'tremelimumab',
    'relatlimab', 'trastuzumab', 'pertuzumab', 'trastuzumab-deruxtecan', 'rituximab', 'obinutuzumab', 'cetuximab', 'blinatumomab',
    'teclistamab', 'tisagenlecleucel', 'axicabtagene-ciloleucel', 'lisocabtagene-maraleucel', 'brexucabtagene-autoleucel',
    'idecabtagene-vicleucel', 'ciltacabtagene-autoleucel', 'sipuleucel-t', 'talimogene-laherparepvec', 'tocilizumab', 'aldesleukin',
  ],
  'therapies and mechanisms': [
    'immunotherapy', 'immune-checkpoint-inhibitor', 'adoptive-cell-transfer', 'car', 'car-t-cell-therapy', 'til-therapy', 'tcr-t-cell-therapy',
    'bispecific-t-cell-engager', 'cancer-vaccine', 'oncolytic-virus', 'monoclonal-antibody', 'adcc', 'cdc', 'adcp', 'immune-surveillance',
    'tumour-microenvironment', 't-cell-exhaustion', 'antigen-presentation', 'mhc', 'hla',
  ],
  safety: [
    'irae', 'crs', 'icans', 'hlh', 'gvhd', 'hypophysitis', 'colitis', 'pneumonitis', 'immune-mediated-hepatitis', 'myocarditis', 'endocrinopathy',
    'ctcae', 'astct-consensus-grading',
  ],
  'cells and molecules': [
    't-cell', 'cd8-t-cell', 'cd4-t-cell', 'regulatory-t-cell', 'nk-cell', 'b-cell', 'dendritic-cell', 'macrophage', 'cytokine', 'interleukin-2',
    'interferon-gamma',
  ],
  'diseases and biomarkers': [
    'acute-lymphoblastic-leukemia', 'acute-myeloid-leukemia', 'chronic-lymphocytic-leukemia', 'chronic-myeloid-leukemia',
    'diffuse-large-b-cell-lymphoma', 'multiple-myeloma', 'nsclc', 'melanoma', 'her2-positive-breast-cancer', 'tumor-mutational-burden', 'msi-h',
    'dmmr', 'tp53', 'hiv',
  ],
  'trial vocabulary': [
    'objective-response-rate', 'complete-response', 'partial-response', 'progression-free-survival', 'overall-survival', 'duration-of-response',
    'disease-control-rate', 'recist', 'irecist', 'adverse-event', 'serious-adverse-event', 'treatment-emergent-adverse-event', 'hazard-ratio',
    'confidence-interval',
  ],
};

function entry(fields: Partial<TermEntry> & { id: string }): TermEntry {
  return { term: fields.id, category: 'process', definition: 'A definition long enough to pass.', sources: [{ name: 'Test source' }], ...fields };
}

/** Flesch–Kincaid grade of a short text, with syllables counted by the syllable package. */
function fleschKincaidGrade(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const sentences = text.split(/[.!?]+(?:\s|$)/).filter((part) => part.trim()).length || 1;
  return fleschKincaid({ sentence: sentences, word: words.length, syllable: words.reduce((sum, word) => sum + syllable(word), 0) });
}

describe('built-in corpus', () => {
  it('validates every term file against the JSON Schema, one file per entry', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(termSchema);
    const files = readdirSync(join(ROOT, 'terms')).filter((name) => name.endsWith('.yaml'));
    assert.ok(files.length >= 150, `${files.length} term files`);
    for (const name of files) {
      const data = parse(readFileSync(join(ROOT, 'terms', name), 'utf8'));
      assert.ok(validate(data), `${name}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('covers the immuno-oncology glossary', () => {
    const ids = new Set(builtinCorpus().terms.map((term) => term.id));
    for (const [group, required] of Object.entries(REQUIRED)) assert.deepEqual(required.filter((id) => !ids.has(id)), [], group);
  });

  it('passes the integrity checks', () => {
    assert.deepEqual(checkIntegrity(builtinCorpus()).map(formatProblem), []);
  });

  it('gives every drug a target (or says why it has none), a class, a brand, approved uses and a label source', () => {
    for (const drug of builtinCorpus().terms.filter((term) => term.category === 'drug')) {
      assert.ok((drug.targets?.length || drug.noMolecularTarget) && drug.classes?.length && (drug.brands?.length || !drug.approvedUses), drug.id);
      // A drug not approved in the US by the snapshot says so in its definition instead.
      assert.ok(drug.approvedUses?.uses.length || /\b(?:not approved in the (?:US|United States)|but not in the US)\b/.test(drug.definition), drug.id);
      if (drug.approvedUses) assert.match(drug.sources[0]!.name, /^FDA label: /, drug.id);
    }
  });

  it('marks the abbreviations with more than one common meaning as ambiguous', () => {
    const corpus = builtinCorpus();
    const ambiguous = corpus.terms.filter((term) => term.otherSenses).map((term) => term.abbreviation).sort();
    assert.deepEqual(ambiguous, ['ADC', 'AE', 'APC', 'CDC', 'CI', 'CR', 'CRS', 'CSR', 'HR', 'IC', 'ICD', 'ICE', 'IRR', 'MM', 'MPR', 'NPC', 'OS', 'PAP', 'PI', 'PR', 'RR', 'TAM', 'TCE', 'TF', 'TLS', 'TME', 'TTR', 'UC']);
  });

  describe('runs every entry\'s examples: correct sentences pass, wrong ones are reported', () => {
    const entries = [...builtinCorpus().terms.map((term) => ({ name: `${term.id}.yaml`, examples: term.examples })), ...builtinCorpus().claims.map((claim) => ({ name: `claims/${claim.id}.yaml`, examples: claim.examples }))];
    for (const { name, examples } of entries.filter((entry) => entry.examples)) {
      for (const sentence of examples!.pass ?? []) {
        // One sentence cannot use its abbreviation again: abbreviation-rarely-used judges whole documents.
        it(`${name} passes: ${sentence}`, () => assert.deepEqual(findingsOf(sentence, undefined, { rules: { 'abbreviation-rarely-used': 'off' } }), []));
      }
      for (const sentence of examples!.flag ?? []) {
        it(`${name} flags: ${sentence}`, () => assert.notDeepEqual(findingsOf(sentence), []));
      }
    }
  });

  it('gives every entry a lay definition at reading grade 8 or lower (Flesch–Kincaid), a review date and sources', () => {
    const tooHard: string[] = [];
    for (const term of builtinCorpus().terms) {
      assert.ok(term.lay && term.reviewed && term.sources.length, term.id);
      const grade = fleschKincaidGrade(term.lay);
      if (grade > 8) tooHard.push(`${term.id}: grade ${grade.toFixed(1)}`);
    }
    assert.deepEqual(tooHard, []);
  });

  it('gives every entry a lay definition that passes the patient profile: no readability, jargon, abbreviation or error finding', () => {
    const patient = linter();
    const failing: string[] = [];
    for (const term of builtinCorpus().terms) {
      const text = `---\nmedlint: { profile: patient }\n---\n${term.lay!.trim()}\n`;
      // The lay text explains its own term: naming it there needs no explanation.
      const findings = patient.lint(text).filter((finding) => finding.entryId !== term.id && (finding.severity === 'error' || ['readability', 'jargon'].includes(finding.ruleId) || finding.ruleId.startsWith('abbreviation-')));
      const { grade } = patient.readability(text).document;
      if (grade > 8) failing.push(`${term.id}: grade ${grade.toFixed(1)}`);
      for (const finding of findings) failing.push(`${term.id}: ${finding.ruleId} ${describeFinding(finding)}`);
    }
    assert.deepEqual(failing, []);
  });

  it('lets claim files name exactly the contexts the rules read', () => {
    assert.deepEqual(claimSchema.properties.unlessContext.items.enum, CLAIM_CONTEXTS);
  });

  it('names a source for every entry: a linked dictionary or label, a guideline, or a dated publication', () => {
    const linked = /^(NCI Dictionary of Cancer Terms|NCI Thesaurus|NCI Common Terminology Criteria|FDA label): /;
    const cited = /^(ICH E\d+[A-Z]?: |FDA guidance: .*\(\d{4}\)$|.*\(.*\d{4}\)$|PD-L1 IHC 22C3 pharmDx interpretation manual)/;
    for (const term of builtinCorpus().terms) {
      for (const source of term.sources) {
        if (linked.test(source.name)) assert.match(source.url ?? '', /^https:\/\/(www\.cancer\.gov|ncit\.nci\.nih\.gov|ctep\.cancer\.gov|dailymed\.nlm\.nih\.gov)\//, `${term.id}: ${source.name}`);
        else assert.match(source.name, cited, term.id);
      }
    }
  });

  it('exempts gene symbols, CD antigens and HIV from expansion at first use', () => {
    const exempt = builtinCorpus().terms.filter((term) => term.expandOnFirstUse === false).map((term) => term.id).sort();
    assert.deepEqual(exempt, ['alk', 'braf', 'cd19', 'cd20', 'cd22', 'cd28', 'cd3', 'cd30', 'cd33', 'cd38', 'cd79b', 'cd80', 'cd86', 'gd2', 'hiv', 'kras', 'ros1', 'tp53']);
  });
});

describe('term file problems name the file, line and column', () => {
  const problems = (text: string, path = 'team/x-term.yaml') => parseTermFile({ path, text }).problems.map(formatProblem);

  it('reports YAML syntax errors', () => {
    assert.deepEqual(problems('term: PD-1\ncategory: [receptor\n'), ['team/x-term.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']);
  });

  it('reports duplicate keys', () => {
    assert.match(problems('term: a\nterm: b\n')[0]!, /^team\/x-term\.yaml:2:1: invalid YAML: Map keys must be unique/);
  });

  it('reports unknown fields, wrong types and bad values where they stand', () => {
    const text = 'term: PD-1\ncategory: receptr\ndefinition: A receptor that is long enough.\nsources:\n  - name: NC\nsynonyms: [x]\nbrands: Keytruda\n';
    assert.deepEqual(problems(text), [
      'team/x-term.yaml:2:11: category: must be one of "receptor", "ligand", "antigen", "gene", "protein", "drug", "drug-class", "therapy", "cell", "process", "adverse-event", "disease", "virus", "biomarker", "measure"',
      'team/x-term.yaml:5:11: sources.0.name: must NOT have fewer than 3 characters',
      'team/x-term.yaml:6:1: entry: unknown field "synonyms"',
      'team/x-term.yaml:7:9: brands: must be array',
    ]);
  });

  it('reports a missing definition and an abbreviation without expansions', () => {
    assert.deepEqual(problems('term: x\nabbreviation: X\ncategory: process\nsources: [{name: NCI}]\n'), [
      'team/x-term.yaml:1:1: entry: missing required field "definition"',
      'team/x-term.yaml:1:1: entry: must have property expansions when property abbreviation is present',
    ]);
  });

  it('reports a file name that is not an id', () => {
    assert.deepEqual(problems('term: x', 'team/Bad Name.yaml'), ['team/Bad Name.yaml: file name "Bad Name" is not a valid entry id (lower-case words joined by hyphens)']);
  });

  it('keeps loading the good files when one is bad', () => {
    const result = loadCorpus([{ path: 'a.yaml', text: 'term: [' }, { path: 'b.yaml', text: 'term: b\ncategory: process\ndefinition: A definition long enough.\nsources: [{name: NCI}]\n' }], []);
    assert.deepEqual(result.corpus.terms.map((term) => term.id), ['b']);
    assert.equal(result.problems.length, 1);
  });
});

describe('corpus integrity', () => {
  const check = (...entries: TermEntry[]) => checkIntegrity({ terms: entries, claims: [] }).map(formatProblem);

  it('rejects duplicate ids', () => {
    assert.deepEqual(check(entry({ id: 'a' }), entry({ id: 'a' })), ['a.yaml: duplicate entry id "a"']);
  });

  it('rejects a variant or brand claimed by two entries', () => {
    assert.deepEqual(check(entry({ id: 'a', variants: ['X1'] }), entry({ id: 'b', variants: ['X1'] })), ['b.yaml: variant "X1" is also the variant of "a"']);
    const drug = (id: string, brands: TermEntry['brands']) => entry({ id, category: 'drug', targets: ['t'], classes: ['c'], brands });
    const target = entry({ id: 't', category: 'receptor' });
    const drugClass = entry({ id: 'c', category: 'drug-class' });
    assert.deepEqual(check(target, drugClass, drug('a', ['Combo']), drug('b', [{ text: 'Combo', use: 'a and b' }])), ['b.yaml: brand "Combo" is also the brand of "a"']);
  });

  it('rejects a drug with both targets and noMolecularTarget', () => {
    const drug = entry({ id: 'd', category: 'drug', targets: ['t'], noMolecularTarget: 'A virus, not a molecule.', classes: ['c'] });
    assert.deepEqual(check(entry({ id: 't', category: 'receptor' }), entry({ id: 'c', category: 'drug-class' }), drug), ['d.yaml: a drug with targets cannot also have noMolecularTarget']);
  });

  it('rejects relations to missing entries', () => {
    assert.deepEqual(check(entry({ id: 'a', related: ['nowhere'] })), ['a.yaml: related names "nowhere", which is not in the corpus']);
  });

  it('rejects a drug without target or class, and drug fields on other entries', () => {
    assert.deepEqual(check(entry({ id: 'd', category: 'drug' }), entry({ id: 'r', brands: ['B'] })), [
      'd.yaml: a drug needs at least one target, or noMolecularTarget saying why it has none',
      'd.yaml: a drug needs at least one class',
      'r.yaml: targets, brands, classes, populations and approved uses are for drugs only',
    ]);
  });

  it("rejects a variant that is another entry's expansion", () => {
    assert.deepEqual(check(entry({ id: 'a', abbreviation: 'A1', expansions: ['alpha one'] }), entry({ id: 'b', variants: ['Alpha-one'] })), ['b.yaml: variant "Alpha-one" is an expansion of "a"']);
  });
  it('rejects an abbreviation claimed by two entries: the second meaning belongs in otherSenses', () => {
    assert.deepEqual(check(entry({ id: 'a', abbreviation: 'TLS', expansions: ['tumour lysis syndrome'] }), entry({ id: 'b', abbreviation: 'TLS', expansions: ['tertiary lymphoid structure'] })), [
      'b.yaml: abbreviation "TLS" is also the abbreviation of "a": give one entry the abbreviation and list the other meaning in its otherSenses',
    ]);
  });

  it('rejects a target that is not a molecule, and broader classes that lead back to the class', () => {
    const drug = entry({ id: 'd', category: 'drug', targets: ['c'], classes: ['c'] });
    assert.deepEqual(check(entry({ id: 'c', category: 'drug-class', broader: ['e'] }), entry({ id: 'e', category: 'therapy', broader: ['c'] }), drug), [
      'c.yaml: broader classes lead back to "c"',
      'e.yaml: broader classes lead back to "e"',
      'd.yaml: targets names "c", a drug-class, not a molecule or antigen a drug can bind',
    ]);
  });
});

describe('merging a team corpus', () => {
  it('replaces same-id entries and adds new ones', () => {
    const base = { terms: [entry({ id: 'a', term: 'old' }), entry({ id: 'b' })], claims: [] };
    const merged = mergeCorpora(base, { terms: [entry({ id: 'a', term: 'new' }), entry({ id: 'c' })], claims: [] });
    assert.deepEqual(merged.terms.map((term) => `${term.id}:${term.term}`), ['b:b', 'a:new', 'c:c']);
  });
});

describe('terms/README.md', () => {
  const readme = readFileSync(join(ROOT, 'terms', 'README.md'), 'utf8');

  it('documents every field of the term and claim schemas', () => {
    for (const schema of [termSchema, claimSchema]) {
      for (const field of Object.keys(schema.properties)) assert.match(readme, new RegExp(`^\\| \`${field}\` \\|`, 'm'), field);
    }
  });

  it('has examples that validate as a team folder over the built-in corpus', () => {
    const examples = [...readme.matchAll(/```yaml\n# style\/terms\/([^\n:]+\.yaml)[^\n]*\n([\s\S]*?)```/g)].map(([, path, text]) => ({ path: `style/terms/${path}`, text: text! }));
    assert.equal(examples.length, 3);
    const folder = {
      name: 'style/terms',
      files: { terms: examples.filter((file) => !file.path.includes('/claims/')), claims: examples.filter((file) => file.path.includes('/claims/')) },
    };
    assert.deepEqual(resolveSettings(builtinCorpus(), {}, [folder], '.medlintrc.json').problems.map(formatProblem), []);
  });
});
