import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import configSchema from '../schemas/medlintrc.schema.json';
import type { CorpusProblem } from './corpus/types';
import { ignoreEntriesOf, type IgnoreEntry } from './ignore';
import type { QuotationSeverity } from './linter';
import type { FileOverride } from './overrides';
import type { ProfileDefinition } from './profiles';
import { LineIndex } from './text/lineIndex';
import type { AbbreviationOptions, SeveritySetting, StatisticsOptions } from './types';

export interface MedlintConfig {
  rules?: Record<string, SeveritySetting>;
  /** Extra term folders, relative to the config file. */
  terms?: string[];
  /** Globs of files not to lint, relative to the config file; and findings to accept by text (and rule). */
  ignore?: (string | IgnoreEntry)[];
  /** The sense meant by an ambiguous abbreviation, by abbreviation: `{ "CI": "cumulative incidence" }`. */
  senses?: Record<string, string>;
  /** The most a finding inside an attributed direct quotation may be. */
  quotations?: QuotationSeverity;
  abbreviations?: AbbreviationOptions;
  /** The house style numbers, units and statistics are checked against. */
  statistics?: StatisticsOptions;
  /** The files of one document split into several, in order, relative to the config file (a Quarto book's `_quarto.yml` chapters serve too). */
  documents?: string[];
  /** The profile of files whose front matter names none (profiles.ts); professional when absent. */
  profile?: string;
  /** The team's own profiles, each extending a built-in one (or another of the team's). */
  profiles?: Record<string, ProfileDefinition>;
  /** A profile and severities for the files matching globs, relative to the config file; later entries win. */
  overrides?: FileOverride[];
}

let validate: ValidateFunction | undefined;

function describe(error: ErrorObject): { path: (string | number)[]; message: string; atKey?: boolean } {
  const path = error.instancePath.split('/').slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const where = path.length ? path.join('.') : 'config';
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return { path: [...path, extra], message: `${where}: unknown ${where === 'rules' ? 'rule' : 'field'} "${extra}"`, atKey: true };
  }
  if (error.keyword === 'enum') {
    return { path, message: `${where}: must be one of ${(error.params as { allowedValues: string[] }).allowedValues.join(', ')}` };
  }
  return { path, message: `${where}: ${error.message ?? 'is invalid'}` };
}

/** Parses and validates a config file (JSON with comments); problems name the file, line and column. */
export function validateConfig(file: string, text: string): { config?: MedlintConfig; problems: CorpusProblem[] } {
  const lines = new LineIndex(text);
  const at = (offset: number) => {
    const position = lines.positionAt(offset);
    return { line: position.line + 1, column: position.character + 1 };
  };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !tree) {
    // Later parse errors follow from the first; one is what a person can act on.
    const first = errors[0];
    if (!first) return { problems: [{ file, message: 'invalid JSON: the file is empty' }] };
    const words = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return { problems: [{ file, ...at(first.offset), message: `invalid JSON: ${words}` }] };
  }
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  const data: unknown = getNodeValue(tree);
  if (validate(data)) return { config: data as MedlintConfig, problems: [] };
  const problems = (validate.errors ?? []).map((error) => {
    const { path, message, atKey } = describe(error);
    const node: Node = findNodeAtLocation(tree, path) ?? tree;
    // An unknown property is pointed at by its key, a bad value by the value itself.
    const offset = atKey && node.parent?.type === 'property' ? node.parent.offset : node.offset;
    return { file, ...at(offset), message };
  });
  return { problems };
}

/** The config's `ignore` globs: the files not to lint. */
export function ignoredFileGlobs(config: MedlintConfig): string[] {
  return (config.ignore ?? []).filter((item): item is string => typeof item === 'string');
}

/** The config's `ignore` entries that accept findings by text (and rule). */
export function ignoredFindings(config: MedlintConfig): IgnoreEntry[] {
  return ignoreEntriesOf(config.ignore);
}
