import type { ClaimContext } from '../context';

/** The reference corpus as plain data: what a term or claim file holds once parsed and validated. */

export type TermCategory =
  | 'receptor' | 'ligand' | 'antigen' | 'gene' | 'protein' | 'drug' | 'drug-class' | 'therapy' | 'cell'
  | 'process' | 'adverse-event' | 'disease' | 'virus' | 'biomarker' | 'measure';

/** Each category as a glossary heads it, in the order a glossary lists them. */
export const CATEGORY_LABELS: Readonly<Record<TermCategory, string>> = {
  drug: 'Drugs',
  'drug-class': 'Drug classes',
  therapy: 'Therapies',
  receptor: 'Receptors',
  ligand: 'Ligands',
  antigen: 'Antigens',
  protein: 'Proteins',
  gene: 'Genes',
  cell: 'Cells',
  process: 'Processes and mechanisms',
  'adverse-event': 'Adverse events',
  disease: 'Diseases',
  virus: 'Viruses',
  biomarker: 'Biomarkers',
  measure: 'Measures and trial terms',
};

export interface Source {
  name: string;
  url?: string;
}

export interface Variant {
  text: string;
  use: string;
  /** `noun`: a variant only where it stands as a noun ("a T-cell"), not as a modifier ("T-cell lymphoma"). */
  as?: 'noun';
}

export interface ApprovedUses {
  /** Year and month (YYYY-MM) the uses were checked against the label. */
  asOf: string;
  /** The label read, with its revision date. */
  label?: string;
  uses: string[];
}

export interface PopulationConstraint {
  requires: string;
  contradictedBy: string[];
  note: string;
}

export interface TermEntry {
  /** The file name without `.yaml`. */
  id: string;
  term: string;
  abbreviation?: string;
  expansions?: string[];
  expandOnFirstUse?: boolean;
  otherSenses?: { expansion: string; description: string }[];
  /** The sense a team pinned for an ambiguous abbreviation (`.medlintrc.json` `senses`): context need not decide. */
  pinnedSense?: string;
  caseSensitive?: boolean;
  category: TermCategory;
  definition: string;
  aliases?: string[];
  variants?: (string | Variant)[];
  brands?: (string | Variant)[];
  targets?: string[];
  noMolecularTarget?: string;
  classes?: string[];
  /** Drug classes and therapies: the broader classes every member belongs to. */
  broader?: string[];
  /** Drug classes and therapies: classes some members belong to and others do not. */
  overlaps?: string[];
  populations?: PopulationConstraint[];
  approvedUses?: ApprovedUses;
  sources: Source[];
  related?: string[];
  /** One or two sentences a patient understands. */
  lay?: string;
  /** Everyday words patients know, never jargon: every form of the term (`true`), or the forms listed ("kidney cancer"). */
  plain?: boolean | string[];
  /** HGNC symbol of the encoding gene; a gene mention is never rewritten into the protein. */
  geneSymbol?: string;
  /** YYYY-MM of the last review against the sources. */
  reviewed?: string;
  examples?: Examples;
}

/** Sentences the tests run: `pass` must draw no finding, `flag` at least one. */
export interface Examples {
  pass?: string[];
  flag?: string[];
}

export type ClaimRuleId = 'misnomer' | 'overclaim' | 'unsupported-claim' | 'person-first';

export interface ClaimPhrase {
  text: string;
  use?: string;
}

export interface ClaimEntry {
  id: string;
  rule: ClaimRuleId;
  explanation: string;
  phrases?: (string | ClaimPhrase)[];
  conditions?: string[];
  templates?: { text: string; use: string }[];
  negatable?: boolean;
  unlessFollowedBy?: string[];
  unlessPrecededBy?: string[];
  /** How the phrase may be used without being a claim: hedged, as an aim, reported, in a list of purposes... */
  unlessContext?: ClaimContext[];
  /** unsupported-claim: a statistic in the sentence counts as its evidence. */
  supportedByStatistics?: boolean;
  examples?: Examples;
  sources?: Source[];
}

export interface Corpus {
  terms: TermEntry[];
  claims: ClaimEntry[];
}

export interface CorpusProblem {
  file: string;
  /** 1-based; absent when the problem concerns the file as a whole. */
  line?: number;
  column?: number;
  message: string;
  /** The field the problem is about, as a path into the entry, until a line is found for it. */
  path?: (string | number)[];
}

export function formatProblem(problem: CorpusProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}${problem.column ? `:${problem.column}` : ''}` : problem.file;
  return `${where}: ${problem.message}`;
}
