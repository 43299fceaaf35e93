import { abbreviationDefinedLate } from './abbreviation-defined-late';
import { abbreviationRarelyUsed } from './abbreviation-rarely-used';
import { abbreviationRedefined } from './abbreviation-redefined';
import { brandName } from './brand-name';
import { ciFormat } from './ci-format';
import { contradiction } from './contradiction';
import { expandedAfterDefinition } from './expanded-after-definition';
import { expansionMismatch } from './expansion-mismatch';
import { misnomer } from './misnomer';
import { numberStyle } from './number-style';
import { overclaim } from './overclaim';
import { personFirst } from './person-first';
import { preferredTerm } from './preferred-term';
import { pValueFormat } from './p-value-format';
import { referenceOrder } from './reference-order';
import type { Rule } from './rule';
import { spin } from './spin';
import { statisticConsistency } from './statistic-consistency';
import { undefinedAbbreviation } from './undefined-abbreviation';
import { uncitedReference } from './uncited-reference';
import { unknownCitation } from './unknown-citation';
import { unknownCrossref } from './unknown-crossref';
import { unitFormat } from './unit-format';
import { unsupportedClaim } from './unsupported-claim';

/** The numbers, units and statistics rules: on in the manuscript and regulatory profiles, off in professional (and patient). */
export const statisticsRules: readonly Rule[] = [pValueFormat, ciFormat, numberStyle, unitFormat, spin, statisticConsistency];

/**
 * Rules that are off unless a config or a setting turns them on; when on, they report at their
 * `defaultSeverity`. The numbers and statistics rules, and those for a manuscript's own references.
 */
export const OFF_BY_DEFAULT_RULES: ReadonlySet<string> = new Set([...statisticsRules.map((rule) => rule.id), 'uncited-reference', 'reference-order']);

export const rules: readonly Rule[] = [
  undefinedAbbreviation,
  abbreviationDefinedLate,
  abbreviationRedefined,
  expandedAfterDefinition,
  abbreviationRarelyUsed,
  expansionMismatch,
  preferredTerm,
  brandName,
  misnomer,
  contradiction,
  overclaim,
  unsupportedClaim,
  personFirst,
  unknownCitation,
  uncitedReference,
  unknownCrossref,
  referenceOrder,
  ...statisticsRules,
];

export const ruleIds: readonly string[] = rules.map((rule) => rule.id);

export type { Rule, RuleDocs, RuleExample, ProseReport } from './rule';
