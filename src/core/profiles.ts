import type { AbbreviationOptions, SeveritySetting } from './types';

/**
 * Document profiles: who a document is written for, and so which checks apply and how strictly. A
 * document names its profile in front matter (`medlint: { profile: patient }`), a config names it
 * for files (`overrides`) or for all of them (`profile`), and `medlint check --profile` for a run.
 */

export const BUILTIN_PROFILES = ['professional', 'manuscript', 'patient', 'regulatory'] as const;
export type BuiltinProfileName = (typeof BUILTIN_PROFILES)[number];
export const DEFAULT_PROFILE: BuiltinProfileName = 'professional';

export interface ReadabilityOptions {
  /** The highest US school grade a section may read at (Flesch–Kincaid), default 8. */
  targetGrade?: number;
}

/** A profile as data: a built-in one, or a team's in `.medlintrc.json` `profiles`. */
export interface ProfileDefinition {
  /** The profile this one changes (a built-in or another of the team's); professional when absent. */
  extends?: string;
  /** As the status bar and reports name it. */
  label?: string;
  rules?: Record<string, SeveritySetting>;
  readability?: ReadabilityOptions;
  abbreviations?: AbbreviationOptions;
  /** `lay`: written for patients and the public; the hover card leads with the plain-words definition. */
  audience?: 'lay' | 'professional';
}

/**
 * Rule severities by built-in profile: the one table to edit when a rule's severity depends on the
 * reader. A profile not named for a rule takes the severity of the profile it extends (every built-in
 * profile extends professional), and professional, when not named, the rule's default.
 */
export const PROFILE_SEVERITIES: Readonly<Record<string, Partial<Record<BuiltinProfileName, SeveritySetting>>>> = {
  readability: { professional: 'off', patient: 'warning' },
  jargon: { professional: 'off', patient: 'warning' },
  'undefined-abbreviation': { patient: 'error' },
  overclaim: { patient: 'error' },
  'unsupported-claim': { patient: 'error' },
  // Numbers, units and statistics, as journal and regulatory copy editors check them.
  'p-value-format': { professional: 'off', manuscript: 'warning', regulatory: 'warning' },
  'ci-format': { professional: 'off', manuscript: 'warning', regulatory: 'warning' },
  'number-style': { professional: 'off', manuscript: 'warning', regulatory: 'warning' },
  'unit-format': { professional: 'off', manuscript: 'warning', regulatory: 'warning' },
  spin: { professional: 'off', manuscript: 'warning', regulatory: 'warning' },
  'statistic-consistency': { professional: 'off', manuscript: 'warning', regulatory: 'warning' },
  // A manuscript's own references: numbered in order of citation, and every entry cited.
  'reference-order': { professional: 'off', manuscript: 'warning' },
  'uncited-reference': { professional: 'off', manuscript: 'info' },
};

/** Whether a rule is off unless a profile, a config or a setting turns it on. */
export function offByDefault(ruleId: string): boolean {
  return PROFILE_SEVERITIES[ruleId]?.[DEFAULT_PROFILE] === 'off';
}

/** Well-known abbreviations (wellKnownAbbreviations.ts) that a patient needs spelled out all the same. */
const CLINICAL_ABBREVIATIONS = ['AIDS', 'DNA', 'cDNA', 'mRNA', 'tRNA', 'RNA', 'HIV', 'CT', 'MRI', 'PET', 'ECG', 'IQ'];

const BUILTIN_DEFINITIONS: Readonly<Record<BuiltinProfileName, ProfileDefinition>> = {
  professional: { label: 'Professional', audience: 'professional' },
  manuscript: { extends: 'professional', label: 'Manuscript' },
  regulatory: { extends: 'professional', label: 'Regulatory' },
  patient: { extends: 'professional', label: 'Patient', audience: 'lay', readability: { targetGrade: 8 }, abbreviations: { expand: CLINICAL_ABBREVIATIONS } },
};

export const isBuiltinProfile = (name: string): name is BuiltinProfileName => (BUILTIN_PROFILES as readonly string[]).includes(name);

/** A profile with its chain resolved: what a lint needs of it. */
export interface ResolvedProfile {
  name: string;
  label: string;
  audience: 'lay' | 'professional';
  readability: Required<ReadabilityOptions>;
  abbreviations: AbbreviationOptions;
  /** Severities the built-in profiles under it set (the defaults a config's `rules` change). */
  builtinRules: Record<string, SeveritySetting>;
  /** Severities the team's own profiles in the chain set, which win over the config's `rules`. */
  teamRules: Record<string, SeveritySetting>;
}

const DEFAULT_TARGET_GRADE = 8;

function builtinSeverities(name: BuiltinProfileName): Record<string, SeveritySetting> {
  const severities: Record<string, SeveritySetting> = {};
  for (const [ruleId, byProfile] of Object.entries(PROFILE_SEVERITIES)) {
    const severity = byProfile[name] ?? byProfile[DEFAULT_PROFILE];
    if (severity) severities[ruleId] = severity;
  }
  return severities;
}

export function mergeAbbreviations(under: AbbreviationOptions, over: AbbreviationOptions | undefined): AbbreviationOptions {
  if (!over) return under;
  const merged: AbbreviationOptions = { ...under, ...over };
  if (under.expand || over.expand) merged.expand = [...new Set([...(under.expand ?? []), ...(over.expand ?? [])])];
  if (under.ignore || over.ignore) merged.ignore = [...new Set([...(under.ignore ?? []), ...(over.ignore ?? [])])];
  return merged;
}

/** Problems in the team's profiles: an unknown or circular `extends`, a name taken by a built-in one. */
export function profileProblems(team: Record<string, ProfileDefinition>): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(team)) {
    if (isBuiltinProfile(name)) {
      problems.push(`profiles.${name}: "${name}" is a built-in profile; give yours another name and extend it`);
      continue;
    }
    const seen = new Set([name]);
    for (let parent = team[name]!.extends; parent !== undefined && !isBuiltinProfile(parent); parent = team[parent]?.extends) {
      if (!team[parent]) {
        problems.push(`profiles.${name}: extends "${parent}", which is not a profile (built-in: ${BUILTIN_PROFILES.join(', ')})`);
        break;
      }
      if (seen.has(parent)) {
        problems.push(`profiles.${name}: extends itself through "${parent}"`);
        break;
      }
      seen.add(parent);
    }
  }
  return problems;
}

/**
 * The profile `name` means with the team's profiles: undefined for an unknown name (or a team
 * profile whose chain is broken, which profileProblems reports).
 */
export function resolveProfile(name: string, team: Record<string, ProfileDefinition> = {}): ResolvedProfile | undefined {
  // The chain, from the profile named down to the built-in one it rests on.
  const chain: { name: string; definition: ProfileDefinition; builtin: boolean }[] = [];
  for (let current: string | undefined = name; current !== undefined; ) {
    if (chain.some((link) => link.name === current)) return undefined;
    const builtin = isBuiltinProfile(current);
    const definition: ProfileDefinition | undefined = builtin ? BUILTIN_DEFINITIONS[current as BuiltinProfileName] : team[current];
    if (!definition) return undefined;
    chain.push({ name: current, definition, builtin });
    current = definition.extends ?? (builtin || current === DEFAULT_PROFILE ? undefined : DEFAULT_PROFILE);
  }
  const resolved: ResolvedProfile = {
    name,
    label: name,
    audience: 'professional',
    readability: { targetGrade: DEFAULT_TARGET_GRADE },
    abbreviations: {},
    builtinRules: {},
    teamRules: {},
  };
  const named = chain[0]!.definition;
  for (const { name: linkName, definition, builtin } of chain.reverse()) {
    if (builtin) Object.assign(resolved.builtinRules, builtinSeverities(linkName as BuiltinProfileName));
    else Object.assign(resolved.teamRules, definition.rules);
    if (definition.audience) resolved.audience = definition.audience;
    if (definition.readability?.targetGrade !== undefined) resolved.readability = { targetGrade: definition.readability.targetGrade };
    resolved.abbreviations = mergeAbbreviations(resolved.abbreviations, definition.abbreviations);
  }
  // A team profile without a label of its own is shown by its name, not by the one it extends.
  resolved.label = named.label ?? name;
  return resolved;
}
