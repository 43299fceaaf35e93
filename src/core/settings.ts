import type { MedlintConfig } from './config';
import { ignoreEntriesOf, type IgnoreEntry } from './ignore';
import { checkIntegrity } from './corpus/integrity';
import { entryIdOf, loadCorpus, locateProblems, mergeCorpora, type SourceFile } from './corpus/load';
import type { Corpus, CorpusProblem } from './corpus/types';
import type { LinterOptions, QuotationSeverity } from './linter';
import type { AbbreviationOptions, SeveritySetting, StatisticsOptions } from './types';
import type { FileOverride } from './overrides';
import { BUILTIN_PROFILES, isBuiltinProfile, profileProblems, type ProfileDefinition } from './profiles';

/** The YAML files of one team term folder: entries, and claim entries from its `claims/`. */
export interface TermFolder {
  /** As the config names it, for messages. */
  name: string;
  /** Undefined when the folder does not exist. */
  files?: { terms: SourceFile[]; claims: SourceFile[] };
}

export interface ResolvedSettings {
  corpus: Corpus;
  rules: Record<string, SeveritySetting>;
  quotations?: QuotationSeverity;
  abbreviations?: AbbreviationOptions;
  statistics?: StatisticsOptions;
  /** Findings the team accepts in every file (the config's `ignore` entries with a text). */
  ignore: IgnoreEntry[];
  /** The profile of files that name none, and the team's own profiles (profiles.ts). */
  profile?: string;
  profiles?: Record<string, ProfileDefinition>;
  overrides: FileOverride[];
  problems: CorpusProblem[];
}

/** Problems with the profiles a config defines and names: each name must be built in or the team's. */
function configProfileProblems(config: MedlintConfig, configFile: string): CorpusProblem[] {
  const team = config.profiles ?? {};
  const problems = profileProblems(team).map((message) => ({ file: configFile, message }));
  const known = (name: string) => isBuiltinProfile(name) || team[name] !== undefined;
  const named = [...(config.profile !== undefined ? [{ where: 'profile', name: config.profile }] : []), ...(config.overrides ?? []).flatMap((override, index) => (override.profile !== undefined ? [{ where: `overrides.${index}.profile`, name: override.profile }] : []))];
  for (const { where, name } of named) {
    if (!known(name)) problems.push({ file: configFile, message: `${where}: "${name}" is not a profile (${[...BUILTIN_PROFILES, ...Object.keys(team)].join(', ')})` });
  }
  return problems;
}

/**
 * What a config means once its term folders are read: the built-in corpus with the team's entries
 * merged over it, and every problem found on the way, by file and line. Reading files is the
 * caller's (Node's fs for the CLI, the editor's file system for the extension).
 */
export function resolveSettings(builtin: Corpus, config: MedlintConfig, folders: TermFolder[], configFile: string, editorRules: Record<string, SeveritySetting> = {}): ResolvedSettings {
  const problems: CorpusProblem[] = [];
  let corpus = builtin;
  const teamFiles = new Map<string, string>();
  const sources: SourceFile[] = [];
  for (const folder of folders) {
    if (!folder.files) {
      problems.push({ file: configFile, message: `terms folder "${folder.name}" does not exist` });
      continue;
    }
    const loaded = loadCorpus(folder.files.terms, folder.files.claims);
    problems.push(...loaded.problems);
    for (const file of folder.files.terms) teamFiles.set(entryIdOf(file.path), file.path);
    for (const file of folder.files.claims) teamFiles.set(`claims/${entryIdOf(file.path)}`, file.path);
    sources.push(...folder.files.terms, ...folder.files.claims);
    corpus = mergeCorpora(corpus, loaded.corpus);
  }
  // Team entries may relate to built-in ones: check them, and only them, against the merged corpus.
  if (teamFiles.size > 0) problems.push(...locateProblems(checkIntegrity(corpus, (id) => teamFiles.get(id)), sources));
  // Pinned senses: the team says which meaning an ambiguous abbreviation has in its writing.
  const pins = new Map(Object.entries(config.senses ?? {}).map(([abbreviation, sense]) => [abbreviation.toLowerCase(), sense]));
  if (pins.size > 0) {
    const seen = new Set<string>();
    const terms = corpus.terms.map((entry) => {
      const sense = entry.abbreviation ? pins.get(entry.abbreviation.toLowerCase()) : undefined;
      if (sense === undefined || !entry.abbreviation) return entry;
      seen.add(entry.abbreviation.toLowerCase());
      const senses = [...(entry.expansions ?? []).slice(0, 1), ...(entry.otherSenses ?? []).map((other) => other.expansion)];
      if (!entry.otherSenses || !senses.some((known) => known.toLowerCase() === sense.toLowerCase())) {
        problems.push({ file: configFile, message: `senses.${entry.abbreviation}: "${sense}" is not one of its senses (${senses.join(', ')})` });
        return entry;
      }
      return { ...entry, pinnedSense: sense };
    });
    for (const abbreviation of Object.keys(config.senses ?? {})) {
      if (!seen.has(abbreviation.toLowerCase())) problems.push({ file: configFile, message: `senses: "${abbreviation}" is not an abbreviation in the corpus` });
    }
    corpus = { ...corpus, terms };
  }
  problems.push(...configProfileProblems(config, configFile));
  // A config file in the workspace overrides the editor's settings, as it does for the CLI.
  return {
    corpus,
    rules: { ...editorRules, ...config.rules },
    ...(config.quotations ? { quotations: config.quotations } : {}),
    ...(config.abbreviations ? { abbreviations: config.abbreviations } : {}),
    ...(config.statistics ? { statistics: config.statistics } : {}),
    ignore: ignoreEntriesOf(config.ignore),
    ...(config.profile ? { profile: config.profile } : {}),
    ...(config.profiles ? { profiles: config.profiles } : {}),
    overrides: config.overrides ?? [],
    problems,
  };
}

/** The options of the linter the settings make (before `overrides`: see overrides.ts). */
export function linterOptionsOf(settings: ResolvedSettings): LinterOptions {
  const { corpus, rules, quotations, abbreviations, statistics, ignore, profile, profiles } = settings;
  return { corpus, rules, ...(quotations ? { quotations } : {}), ...(abbreviations ? { abbreviations } : {}), ...(statistics ? { statistics } : {}), ignore, ...(profile ? { profile } : {}), ...(profiles ? { profiles } : {}) };
}
