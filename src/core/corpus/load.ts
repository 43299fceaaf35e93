import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import termSchema from '../../schemas/term.schema.json';
import claimSchema from '../../schemas/claim.schema.json';
import type { ClaimEntry, Corpus, CorpusProblem, TermEntry } from './types';

export interface SourceFile {
  /** As shown in messages, e.g. `terms/pd-1.yaml`. */
  path: string;
  text: string;
}

export interface LoadResult {
  corpus: Corpus;
  problems: CorpusProblem[];
}

let validators: { term: ValidateFunction; claim: ValidateFunction } | undefined;

function getValidators() {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validators = { term: ajv.compile(termSchema), claim: ajv.compile(claimSchema) };
  }
  return validators;
}

export function entryIdOf(path: string): string {
  return path.replace(/\\/g, '/').replace(/^.*\//, '').replace(/\.ya?ml$/i, '');
}

const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function describe(error: ErrorObject): string {
  const at = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'entry';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at}: unknown field "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `${at}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `${at}: missing required field "${(error.params as { missingProperty: string }).missingProperty}"`;
    default:
      return `${at}: ${error.message ?? 'is invalid'}`;
  }
}

function locate(document: Document, lineCounter: LineCounter, instancePath: string, unknownKey?: string): { line: number; column: number } | undefined {
  const path = instancePath.split('/').slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
  // An unknown field is pointed at by its key.
  const parent = path.length === 0 ? document.contents : document.getIn(path, true);
  if (unknownKey !== undefined && isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === unknownKey);
    if (pair && isNode(pair.key) && pair.key.range) {
      const { line, col } = lineCounter.linePos(pair.key.range[0]);
      return { line, column: col };
    }
  }
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

/**
 * Gives a line and column to the problems that name a field of an entry (the integrity checks work
 * on parsed entries and know only the field); `files` are the files the problems name.
 */
export function locateProblems(problems: CorpusProblem[], files: SourceFile[]): CorpusProblem[] {
  const textOf = new Map(files.map((file) => [file.path, file.text]));
  // Several problems often name one file: parse each once.
  const parsed = new Map<string, { document: Document; lineCounter: LineCounter }>();
  return problems.map(({ path, ...problem }) => {
    const text = textOf.get(problem.file);
    if (!path || text === undefined || problem.line !== undefined) return problem;
    let yaml = parsed.get(problem.file);
    if (!yaml) {
      const lineCounter = new LineCounter();
      yaml = { document: parseDocument(text, { lineCounter }), lineCounter };
      parsed.set(problem.file, yaml);
    }
    const pointer = path.map((part) => `/${part}`).join('');
    return { ...problem, ...locate(yaml.document, yaml.lineCounter, pointer) };
  });
}

/** Parses one YAML data file and validates it; problems carry file, line and column. */
function parseDataFile<T>(file: SourceFile, validate: ValidateFunction): { data?: T; problems: CorpusProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(file.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // A tag the YAML core schema does not know (`!!js/function`) is read as a plain string by the
  // parser; in a data file it can only be a mistake or an attack, so it is refused.
  const unknownTags = document.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (document.errors.length > 0 || unknownTags.length > 0) {
    return {
      problems: [...document.errors, ...unknownTags].map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { file: file.path, line, column: col, message: `invalid YAML: ${error.message.split('\n')[0]}` };
      }),
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { problems: [{ file: file.path, message: `invalid YAML: ${(error as Error).message}` }] };
  }
  if (!validate(data)) {
    const seen = new Set<string>();
    const problems: CorpusProblem[] = [];
    for (const error of validate.errors ?? []) {
      // oneOf failures repeat every branch's complaint; the branch errors already say what is wrong.
      if (error.keyword === 'oneOf' || error.keyword === 'not') continue;
      const message = describe(error);
      if (seen.has(message)) continue;
      seen.add(message);
      const unknownKey = error.keyword === 'additionalProperties' ? (error.params as { additionalProperty: string }).additionalProperty : undefined;
      problems.push({ file: file.path, ...locate(document, lineCounter, error.instancePath, unknownKey), message });
    }
    if (problems.length === 0) problems.push({ file: file.path, line: 1, column: 1, message: 'entry does not match the schema' });
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { problems };
  }
  return { data: data as T, problems: [] };
}

export function parseTermFile(file: SourceFile): { entry?: TermEntry; problems: CorpusProblem[] } {
  const id = entryIdOf(file.path);
  if (!ENTRY_ID.test(id)) return { problems: [{ file: file.path, message: `file name "${id}" is not a valid entry id (lower-case words joined by hyphens)` }] };
  const { data, problems } = parseDataFile<Omit<TermEntry, 'id'>>(file, getValidators().term);
  return data ? { entry: { id, ...data }, problems } : { problems };
}

export function parseClaimFile(file: SourceFile): { entry?: ClaimEntry; problems: CorpusProblem[] } {
  const id = entryIdOf(file.path);
  if (!ENTRY_ID.test(id)) return { problems: [{ file: file.path, message: `file name "${id}" is not a valid entry id (lower-case words joined by hyphens)` }] };
  const { data, problems } = parseDataFile<Omit<ClaimEntry, 'id'>>(file, getValidators().claim);
  return data ? { entry: { id, ...data }, problems } : { problems };
}

/** Parses term and claim files into a corpus; a bad file is reported and left out, the rest load. */
export function loadCorpus(termFiles: SourceFile[], claimFiles: SourceFile[]): LoadResult {
  const problems: CorpusProblem[] = [];
  const terms: TermEntry[] = [];
  const claims: ClaimEntry[] = [];
  for (const file of termFiles) {
    const result = parseTermFile(file);
    problems.push(...result.problems);
    if (result.entry) terms.push(result.entry);
  }
  for (const file of claimFiles) {
    const result = parseClaimFile(file);
    problems.push(...result.problems);
    if (result.entry) claims.push(result.entry);
  }
  return { corpus: { terms, claims }, problems };
}

/** Entries of `overlay` replace same-id entries of `base`; new ids are added. */
export function mergeCorpora(base: Corpus, overlay: Corpus): Corpus {
  const overlayTermIds = new Set(overlay.terms.map((entry) => entry.id));
  const overlayClaimIds = new Set(overlay.claims.map((entry) => entry.id));
  return {
    terms: [...base.terms.filter((entry) => !overlayTermIds.has(entry.id)), ...overlay.terms],
    claims: [...base.claims.filter((entry) => !overlayClaimIds.has(entry.id)), ...overlay.claims],
  };
}
