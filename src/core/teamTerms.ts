import { Document, isMap, isScalar } from 'yaml';
import termSchema from '../schemas/term.schema.json';
import { validateConfig } from './config';
import { appendToConfigArray, type ConfigChange } from './ignoreEdits';
import type { Finding } from './types';

/** An abbreviation as an abbreviation rule's finding names it. */
export type FoundAbbreviation = NonNullable<Finding['abbreviation']>;

/** Where the team's term folders are named: the nearest config file and the editor's `medlint.termsPaths`. */
export interface TeamTermsPlace {
  /** The nearest `.medlintrc.json`, if there is one. */
  configText?: string;
  /** The editor's `medlint.termsPaths`, relative to the workspace folder. */
  termsPaths?: readonly string[];
}

/** "Add ABBR to team terms" as plain data: the entry file to create and, for a new folder, the config that names it. */
export interface TeamTermEdit {
  /**
   * The new entry file, `/`-separated and relative to `base`: the workspace folder for a folder of
   * `medlint.termsPaths`, otherwise the config's folder (for a new config, the workspace folder).
   */
  file: { base: 'config' | 'workspace'; path: string };
  content: string;
  /** The change that names a new `terms` folder in the config (creating the config when there is none). */
  configEdit?: ConfigChange;
}

// The category most of the corpus's trial, statistics and regulatory vocabulary has, the kind of
// abbreviation a team adds; it carries no drug or class obligations. The writer is asked to choose.
const CATEGORY = 'measure';
const NEW_FOLDER = 'terms';
const GREEK: Record<string, string> = { α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', κ: 'kappa', λ: 'lambda' };

/** The entry id the corpus would give the abbreviation: lower-case words joined by hyphens (IFN-γ → ifn-gamma). */
export function entryIdFor(short: string): string {
  const id = short
    .replace(/[\u03b1\u03b2\u03b3\u03b4\u03b5\u03ba\u03bb]/g, (letter) => `-${GREEK[letter]}-`)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return id || 'team-term';
}

// An expansion the document gives at the start of a sentence ("Full analysis set (FAS)") is written in
// lower case, as the corpus writes terms, so that a fix does not insert a capital mid-sentence; one
// with other capitals (Kaplan-Meier method, Eastern Cooperative Oncology Group) is a name, kept as is.
function asTerm(expansion: string): string {
  const [first = '', ...rest] = expansion.split(/[\s\-\u2010-\u2015]+/);
  return /^\p{Lu}\p{Ll}+$/u.test(first) && !rest.some((word) => /\p{Lu}/u.test(word)) ? expansion[0]!.toLowerCase() + expansion.slice(1) : expansion;
}

function commentKey(document: Document, key: string, comment: string): void {
  const pair = isMap(document.contents) ? document.contents.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
  if (pair && isScalar(pair.key)) pair.key.commentBefore = comment;
}

/**
 * The YAML of a new team entry for an abbreviation, valid against the term schema: what the document
 * says of it, and placeholders, marked TODO, for what the schema requires and only the writer knows.
 */
export function teamTermYaml({ short, expansion }: FoundAbbreviation, folder: string): string {
  const categories = (termSchema.properties.category.enum as string[]).join(', ');
  const term = expansion && asTerm(expansion);
  const document = new Document({
    term: term || short,
    abbreviation: short,
    expansions: [term || `TODO: what ${short} stands for`],
    // Until the writer gives the expansion, a fix must not insert the placeholder into a draft.
    ...(expansion ? {} : { expandOnFirstUse: false }),
    category: CATEGORY,
    definition: `TODO: define ${short} in one to three plain-language sentences.`,
    sources: [{ name: 'TODO: the dictionary, guideline or publication the definition rests on' }],
  });
  document.commentBefore = ` ${short}: a team term added by medlint. Replace each TODO, then check the folder: npx medlint terms validate ${folder}`;
  if (!expansion) commentKey(document, 'expansions', ` Write what ${short} stands for (a fix writes the first expansion at its first use), then delete expandOnFirstUse: until then ${short} needs no definition.`);
  commentKey(document, 'category', ` Choose the kind of thing ${short} names: ${categories}.`);
  return document.toString({ lineWidth: 0 });
}

/**
 * "Add ABBR to team terms": a new entry file in the first team term folder (the config's `terms`, which
 * wins over `medlint.termsPaths` as when the folders are read, then the setting's), or in a new
 * `terms/` folder beside the config that the config then names. `isTaken` says which entry ids the
 * corpus has, so that the new entry replaces none. Undefined when the config cannot be read (the
 * writer repairs it first).
 */
export function teamTermEdit(abbreviation: FoundAbbreviation, place: TeamTermsPlace, isTaken: (id: string) => boolean): TeamTermEdit | undefined {
  const config = place.configText === undefined ? {} : validateConfig('', place.configText).config;
  if (!config) return undefined;
  const base = entryIdFor(abbreviation.short);
  let id = base;
  for (let suffix = 2; isTaken(id); suffix++) id = `${base}-${suffix}`;
  const fileIn = (folder: string) => `${folder.replace(/[\\/]+$/, '')}/${id}.yaml`;
  const configured = config.terms?.[0];
  if (configured) return { file: { base: 'config', path: fileIn(configured) }, content: teamTermYaml(abbreviation, configured) };
  const setting = place.termsPaths?.[0];
  if (setting) return { file: { base: 'workspace', path: fileIn(setting) }, content: teamTermYaml(abbreviation, setting) };
  // A valid config is an object whose `terms`, if there, is an array without this folder (it names none).
  const configEdit = appendToConfigArray(place.configText, ['terms'], NEW_FOLDER, (existing) => existing === NEW_FOLDER)!;
  return { file: { base: 'config', path: fileIn(NEW_FOLDER) }, content: teamTermYaml(abbreviation, NEW_FOLDER), configEdit };
}
