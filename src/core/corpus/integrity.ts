import { classClosure, normalizeExpansion, variantText } from './compile';
import type { Corpus, CorpusProblem, TermCategory, TermEntry } from './types';

const isClass = (entry: TermEntry) => entry.category === 'drug-class' || entry.category === 'therapy';

const TARGET_CATEGORIES: ReadonlySet<TermCategory> = new Set(['receptor', 'ligand', 'antigen', 'protein', 'gene', 'biomarker']);

const DRUG_FIELDS = ['targets', 'noMolecularTarget', 'brands', 'classes', 'populations', 'approvedUses'] as const;

/**
 * Cross-entry checks the schema cannot express. `fileOf` names the file an entry came from (claims
 * as `claims/<id>`), so a problem points at something a person can open; entries it returns no file
 * for are not reported on, which lets a team check its own entries against the built-in corpus.
 */
export function checkIntegrity(corpus: Corpus, fileOf: (id: string) => string | undefined = (id) => `${id}.yaml`): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const report = (id: string, message: string, path?: (string | number)[]) => {
    const file = fileOf(id);
    if (file !== undefined) problems.push(path ? { file, message, path } : { file, message });
  };
  const byId = new Map<string, TermEntry>();
  for (const entry of corpus.terms) {
    if (byId.has(entry.id)) report(entry.id, `duplicate entry id "${entry.id}"`);
    byId.set(entry.id, entry);
  }
  const claimIds = new Set<string>();
  for (const claim of corpus.claims) {
    if (claimIds.has(claim.id)) report(`claims/${claim.id}`, `duplicate claim id "${claim.id}"`);
    claimIds.add(claim.id);
  }

  // A form may name one entry only: a variant or brand claimed twice cannot be fixed unambiguously.
  const formOwner = new Map<string, { id: string; role: string }>();
  const claimForm = (entry: TermEntry, text: string, role: 'variant' | 'brand', index: number) => {
    const previous = formOwner.get(text);
    if (previous && previous.id !== entry.id) report(entry.id, `${role} "${text}" is also the ${previous.role} of "${previous.id}"`, [`${role}s`, index]);
    else if (!previous) formOwner.set(text, { id: entry.id, role });
  };
  for (const entry of corpus.terms) {
    entry.variants?.forEach((variant, index) => claimForm(entry, variantText(variant), 'variant', index));
    entry.brands?.forEach((brand, index) => claimForm(entry, variantText(brand), 'brand', index));
  }

  // An abbreviation names one entry; its other meanings are that entry's otherSenses, so that a
  // definition with either is accepted and an undefined use asks which is meant.
  const abbreviationOwner = new Map<string, string>();
  for (const entry of corpus.terms) {
    if (!entry.abbreviation) continue;
    const owner = abbreviationOwner.get(entry.abbreviation);
    if (owner) report(entry.id, `abbreviation "${entry.abbreviation}" is also the abbreviation of "${owner}": give one entry the abbreviation and list the other meaning in its otherSenses`, ['abbreviation']);
    else abbreviationOwner.set(entry.abbreviation, entry.id);
  }

  const expansionOwner = new Map<string, string>();
  for (const entry of corpus.terms) for (const expansion of entry.expansions ?? []) expansionOwner.set(normalizeExpansion(expansion), entry.id);

  for (const entry of corpus.terms) {
    const preferred = [entry.term, entry.abbreviation, ...(entry.aliases ?? [])];
    entry.variants?.forEach((variant, index) => {
      const text = variantText(variant);
      if (preferred.includes(text)) report(entry.id, `variant "${text}" is also a preferred form of the same entry`, ['variants', index]);
      const owner = expansionOwner.get(normalizeExpansion(text));
      if (owner && owner !== entry.id) report(entry.id, `variant "${text}" is an expansion of "${owner}"`, ['variants', index]);
    });
    const references = [['related', entry.related], ['targets', entry.targets], ['classes', entry.classes], ['broader', entry.broader], ['overlaps', entry.overlaps]] as const;
    for (const [field, ids] of references) {
      ids?.forEach((id, index) => {
        if (!byId.has(id)) report(entry.id, `${field} names "${id}", which is not in the corpus`, [field, index]);
      });
    }
    entry.targets?.forEach((id, index) => {
      const target = byId.get(id);
      if (target && !TARGET_CATEGORIES.has(target.category)) report(entry.id, `targets names "${id}", a ${target.category}, not a molecule or antigen a drug can bind`, ['targets', index]);
    });
    for (const field of ['classes', 'broader', 'overlaps'] as const) {
      entry[field]?.forEach((id, index) => {
        const target = byId.get(id);
        if (target && !isClass(target)) report(entry.id, `${field} names "${id}", a ${target.category}, not a drug class or therapy`, [field, index]);
      });
    }
    if ((entry.broader || entry.overlaps) && !isClass(entry)) report(entry.id, 'broader and overlaps are for drug classes and therapies only', [entry.broader ? 'broader' : 'overlaps']);
    if (entry.broader && [...classClosure(entry.broader, byId)].includes(entry.id)) report(entry.id, `broader classes lead back to "${entry.id}"`, ['broader']);
    if (entry.category === 'drug') {
      if (!entry.targets?.length && !entry.noMolecularTarget) report(entry.id, 'a drug needs at least one target, or noMolecularTarget saying why it has none', ['category']);
      if (entry.targets?.length && entry.noMolecularTarget) report(entry.id, 'a drug with targets cannot also have noMolecularTarget', ['noMolecularTarget']);
      if (!entry.classes?.length) report(entry.id, 'a drug needs at least one class', ['category']);
    } else {
      const drugField = DRUG_FIELDS.find((field) => entry[field] !== undefined);
      if (drugField) report(entry.id, 'targets, brands, classes, populations and approved uses are for drugs only', [drugField]);
    }
    if (entry.abbreviation && !entry.expansions?.length) report(entry.id, `abbreviation "${entry.abbreviation}" has no expansion`, ['abbreviation']);
  }
  return problems;
}
