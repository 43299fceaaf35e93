import { abbreviationDefinedLate } from './abbreviation-defined-late';
import { abbreviationRarelyUsed } from './abbreviation-rarely-used';
import { abbreviationRedefined } from './abbreviation-redefined';
import { brandName } from './brand-name';
import { ciFormat } from './ci-format';
import { contradiction } from './contradiction';
import { expandedAfterDefinition } from './expanded-after-definition';
import { expansionMismatch } from './expansion-mismatch';
import { jargon } from './jargon';
import { misnomer } from './misnomer';
import { numberStyle } from './number-style';
import { overclaim } from './overclaim';
import { personFirst } from './person-first';
import { preferredTerm } from './preferred-term';
import { pValueFormat } from './p-value-format';
import { referenceOrder } from './reference-order';
import { readability } from './readability';
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
  readability,
  jargon,
  ...statisticsRules,
];

export const ruleIds: readonly string[] = rules.map((rule) => rule.id);

export type { Rule, RuleDocs, RuleExample, ProseReport } from './rule';
