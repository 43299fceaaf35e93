import type { Span } from './spans';

/**
 * The numbers, units and statistics of prose, found in one pass per pattern: every pattern is
 * anchored by a fixed word or a digit run, with no nested quantifier over the same characters, so
 * each runs in time linear in the text. Prose offsets, end exclusive; each list in text order.
 */

/** A number as written: "-0.5", ".03", "1,250", "12 500" (thin spaces), "0·03": digits, with a sign, groups, a decimal point. */
const NUMBER = String.raw`[-\u2212]?(?:(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u2009\u202f]\d{3})+|\d+)(?:[.·]\d+)?|[.·]\d+)`;
const UNSIGNED = String.raw`(?:(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u2009\u202f]\d{3})+|\d+)(?:[.·]\d+)?|[.·]\d+)`;
/** Not part of a longer number, a word, an identifier (IL-6, KEYNOTE-024) or a date (12/05/2020). */
const NUMBER_BEFORE = String.raw`(?<![\p{L}\p{N}_.,·/^\[]|[\p{L}\p{N}][-\u2010\u2013])`;
/** Not followed by more of the number, or by scientific notation (5 × 10⁻⁸, 5e-8). */
const NUMBER_AFTER = String.raw`(?![\p{N}]|[.·,]\d|\s?[×xX*]\s?10|[eE][-\u2212+]?\d)`;

export interface WrittenNumber {
  start: number;
  end: number;
  value: number;
  /** Digits after the decimal point. */
  decimals: number;
}

export type Comparison = '=' | '<' | '>' | '≤' | '≥';

export interface PValue {
  /** From the letter P to the end of the value. */
  start: number;
  end: number;
  /** The letter as written: P or p. */
  letter: string;
  /** "P value" or "P-value" was written. */
  named: boolean;
  operatorStart: number;
  operatorEnd: number;
  operator: Comparison;
  /** The white space either side of the operator, as written. */
  spaced: boolean;
  number: WrittenNumber;
  /** The value as written: ".03", "0.03". */
  written: string;
}

export interface Interval {
  /** From the level (or CI) to the end of the upper bound. */
  start: number;
  end: number;
  /** The confidence level, when written before CI ("95%"). */
  level?: string;
  /** Where CI (or "confidence interval") ends, and what separates it from the lower bound. */
  labelEnd: number;
  label: string;
  separator: string;
  lower: WrittenNumber;
  lowerText: string;
  /** "-", "–", "—", "to" or ","; and where it stands with the white space around it. */
  rangeSeparator: string;
  rangeStart: number;
  rangeEnd: number;
  upper: WrittenNumber;
  upperText: string;
  /** "%" after the bounds: an interval of a percentage. */
  percent: boolean;
}

export type EstimateKind = 'ratio' | 'difference';

export interface Estimate {
  start: number;
  end: number;
  kind: EstimateKind;
  /** As written: HR, hazard ratio, mean difference. */
  name: string;
  number: WrittenNumber;
}

export interface Percentage {
  start: number;
  end: number;
  number: WrittenNumber;
  /** `%` or the word percent. */
  sign: string;
  /** The white space between the number and the sign. */
  space: string;
}

/** "12 of 50", "12/50". */
export interface Fraction {
  start: number;
  end: number;
  numerator: number;
  denominator: number;
}

/** "n = 50", "N=120". */
export interface SampleSize {
  start: number;
  end: number;
  /** Capital N: the whole sample. */
  whole: boolean;
  size: number;
}

export interface Measurement {
  start: number;
  end: number;
  number: WrittenNumber;
  /** What separates the number from the unit, as written (empty when nothing does). */
  space: string;
  unitStart: number;
  unit: string;
  /** "/kg/d" and the like after the unit, as written. */
  per: string;
}

/** A number of up to 99 written as a word, followed by a unit symbol or the word percent ("five mg"). */
export interface SpelledMeasurement {
  start: number;
  end: number;
  word: string;
  unit: string;
}

export type WordingKind = 'spin' | 'significance' | 'noninferiority' | 'margin' | 'level';

export interface Wording {
  start: number;
  end: number;
  kind: WordingKind;
}

export interface StatisticsFacts {
  numbers: WrittenNumber[];
  pValues: PValue[];
  intervals: Interval[];
  estimates: Estimate[];
  percentages: Percentage[];
  fractions: Fraction[];
  sampleSizes: SampleSize[];
  measurements: Measurement[];
  spelledMeasurements: SpelledMeasurement[];
  wordings: Wording[];
}

export function numberValue(written: string): number {
  return Number(written.replace(/[,\u2009\u202f]/g, '').replace(/\u2212/g, '-').replace(/·/g, '.'));
}

function writtenNumber(written: string, start: number): WrittenNumber {
  const point = written.search(/[.·]/);
  return { start, end: start + written.length, value: numberValue(written), decimals: point < 0 ? 0 : written.length - point - 1 };
}

const P_VALUE = new RegExp(String.raw`(?<![\p{L}\p{N}_.])([Pp])((?:[ -]?values?)?)(\s*)(<=|>=|=<|=>|[=<>\u2264\u2265])(\s*)(${NUMBER})${NUMBER_AFTER}`, 'gu');
const OPERATORS: Record<string, Comparison> = { '=': '=', '<': '<', '>': '>', '≤': '≤', '≥': '≥', '<=': '≤', '=<': '≤', '>=': '≥', '=>': '≥' };

const INTERVAL = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?:(\d{2}(?:\.\d+)?\s?%)\s*)?(CIs?|[Cc]onfidence intervals?)((?:\s*[\[(]CIs?[\])])?)(\s*[,:=]?\s*|\s+(?:of|was|were|from)\s+)(${NUMBER})(%?)(\s*(?:-|\u2010|\u2013|\u2014|to|,)\s*)(${NUMBER})(%?)${NUMBER_AFTER}`,
  'gu',
);

const RATIO_NAMES = String.raw`a?HRs?|a?ORs?|a?RRs?|IRRs?|[Hh]azard ratios?|[Oo]dds ratios?|[Rr]isk ratios?|[Rr]elative risks?|[Rr]ate ratios?`;
const DIFFERENCE_NAMES = String.raw`MD|RD|[Mm]ean differences?|[Rr]isk differences?|[Aa]bsolute (?:risk )?differences?`;
const ESTIMATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_-])(${RATIO_NAMES}|${DIFFERENCE_NAMES})(?:\s*[\[(](?:a?HR|a?OR|a?RR|IRR|MD|RD)[\])])?(?:\s*[,:=]\s*|\s+(?:of|was|were)\s+|\s+)(${NUMBER})${NUMBER_AFTER}`,
  'gu',
);

const PERCENTAGE = new RegExp(String.raw`${NUMBER_BEFORE}(${UNSIGNED})(\s?)(%|percent(?![\p{L}])|per cent(?![\p{L}]))`, 'gu');
const COUNT = String.raw`\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u2009\u202f]\d{3})+|\d+`;
// Not the end of a number grouped with spaces ("12 500 of 20 000"), nor a date (12/05/2020).
const FRACTION = new RegExp(String.raw`(?<![\p{L}\p{N}_.,/-]|\d[ \u00a0\u2009\u202f])(${COUNT})(\s+of\s+|\/)(${COUNT})(?![\p{L}\p{N}_%]|[.,/]\d|\/|[ \u00a0\u2009\u202f]\d{3}(?!\d))`, 'gu');
const SAMPLE_SIZE = new RegExp(String.raw`(?<![\p{L}\p{N}_])([nN])\s*=\s*(${COUNT})(?![\p{N}]|[.,]\d)`, 'gu');
const ANY_NUMBER = new RegExp(String.raw`${NUMBER_BEFORE}(${UNSIGNED})${NUMBER_AFTER}(?!\/\d)`, 'gu');

/** Unit symbols a number takes, longest first, with the misspellings the rules correct. */
const UNIT_SYMBOLS = [
  'mmHg', 'mmol', 'µmol', 'μmol', 'nmol', 'mcgs', 'mEq', 'kDa', 'cGy', 'mgs', 'kgs', 'mls', 'mLs', 'hrs', 'mins', 'Gys', 'ccs',
  'mg', 'kg', 'µg', 'μg', 'mcg', 'ug', 'ng', 'pg', 'mL', 'ml', 'dL', 'dl', 'µL', 'μL', 'mol', 'IU', 'cm', 'mm', 'µm', 'μm', 'nm',
  'km', 'hr', 'min', 'Gy', 'cc', 'g', 'L', 'U', 'h',
];
const PER = String.raw`(?:\/(?:kg|m²|m2|L|l|dL|dl|mL|ml|min|h|d|day|wk|week))*`;
const MEASUREMENT = new RegExp(String.raw`${NUMBER_BEFORE}(${UNSIGNED})([ \u00a0\u2009\u202f]?)(${UNIT_SYMBOLS.join('|')})(${PER})(?![\p{L}\p{N}_]|\.\p{L})`, 'gu');

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** The numbers 0 to 99 as words, by word: "five", "twenty-one". */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...ONES.map((word, value) => [word, value] as const),
  ...TENS.flatMap((ten, index) => [[ten, 20 + 10 * index] as const, ...ONES.slice(1, 10).map((one, unit) => [`${ten}-${one}`, 21 + 10 * index + unit] as const)]),
]);

/** A number from 0 to 99 in words, capitalised as it opens a sentence: 21 → "Twenty-one". */
export function spelledOut(value: number): string {
  const word = value < 20 ? ONES[value]! : TENS[Math.floor(value / 10) - 2]! + (value % 10 ? `-${ONES[value % 10]}` : '');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const SPELLED_MEASUREMENT = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])((?:${TENS.join('|')})(?:-(?:${ONES.slice(1, 10).join('|')}))?|${ONES.join('|')})\s(percent|per cent|%|mg|kg|µg|\u03bcg|mcg|mL|g|mmol|mmHg|Gy)(?![\p{L}\p{N}_])`,
  'giu',
);

const WORDINGS: [WordingKind, RegExp][] = [
  [
    'spin',
    /\b(?:trend(?:ed|ing|s)? toward(?:s)?|a tendency toward(?:s)?|numerically (?:higher|lower|greater|longer|shorter|better|fewer|more|improved|superior|favou?r(?:ed|ing)?)|comparable|similar (?:efficacy|effectiveness|outcomes?|survival|benefit)|show(?:ed|s|n)? promise|marginally (?:statistically )?significant|approach(?:ed|ing) (?:statistical )?significance|borderline (?:statistical(?:ly)? )?significan(?:t|ce))\b/gi,
  ],
  ['significance', /\b(?:statistically )?significant(?:ly)?\b/gi],
  ['noninferiority', /\bnon-?inferior(?:ity)?\b/gi],
  ['margin', /\bmargins?\b|\bdelta\b|\b\u0394/gi],
  ['level', /\d{2}(?:\.\d+)?\s?%\s*(?:CIs?\b|confidence (?:intervals?|levels?|limits?))|\bCIs?\s+(?:are|is|were|was|at)\s+\d{2}(?:\.\d+)?\s?%/gi],
];

const ADDRESS = /:\/\/|www\.|@|\bdoi\b|\/\/|\.(?:com|org|gov|net|edu)\b/i;

/** The runs of non-space text that are URLs, email addresses or DOIs: nothing in them is a quantity. */
function addressSpans(text: string): Span[] {
  const spans: Span[] = [];
  const run = /\S+/g;
  for (let found = run.exec(text); found; found = run.exec(text)) {
    if (ADDRESS.test(found[0])) spans.push({ start: found.index, end: found.index + found[0].length });
  }
  return spans;
}

function* matches(pattern: RegExp, text: string, addresses: Span[]): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  let next = 0;
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    // Matches arrive in order: the addresses are walked once.
    while (next < addresses.length && addresses[next]!.end <= found.index) next++;
    const address = addresses[next];
    if (!address || address.start >= found.index + found[0].length) yield found;
  }
}

/** The spans inside quotation marks, block by block: an unclosed quotation ends with its block. */
export function scanStatistics(text: string): StatisticsFacts {
  const addresses = addressSpans(text);
  const pValues: PValue[] = [];
  for (const found of matches(P_VALUE, text, addresses)) {
    const [whole, letter, name, before, operator, after, written] = found as unknown as string[];
    const operatorStart = found.index + letter!.length + name!.length + before!.length;
    const valueStart = operatorStart + operator!.length + after!.length;
    const number = writtenNumber(written!, valueStart);
    // "P = 12" is not a probability; "P = 1.2" is one written wrong.
    if (number.value > 1 && (number.decimals === 0 || number.value >= 10)) continue;
    pValues.push({
      start: found.index,
      end: found.index + whole!.length,
      letter: letter!,
      named: name !== '',
      operatorStart,
      operatorEnd: operatorStart + operator!.length,
      operator: OPERATORS[operator!]!,
      spaced: before !== '' && after !== '',
      number,
      written: written!,
    });
  }

  const intervals: Interval[] = [];
  for (const found of matches(INTERVAL, text, addresses)) {
    const [whole, level, label, alias, separator, lowerText, lowerPercent, range, upperText, upperPercent] = found as unknown as string[];
    const labelStart = found.index + whole!.indexOf(label!, level ? level.length : 0);
    const labelEnd = labelStart + label!.length + alias!.length;
    const lowerStart = labelEnd + separator!.length;
    const upperStart = lowerStart + lowerText!.length + lowerPercent!.length + range!.length;
    intervals.push({
      start: found.index,
      end: found.index + whole!.length,
      ...(level ? { level } : {}),
      labelEnd,
      label: label! + alias!,
      separator: separator!,
      lower: writtenNumber(lowerText!, lowerStart),
      lowerText: lowerText!,
      rangeSeparator: range!.trim(),
      rangeStart: upperStart - range!.length,
      rangeEnd: upperStart,
      upper: writtenNumber(upperText!, upperStart),
      upperText: upperText!,
      percent: lowerPercent !== '' || upperPercent !== '',
    });
  }

  const estimates: Estimate[] = [];
  for (const found of matches(ESTIMATE, text, addresses)) {
    const [whole, name, written] = found as unknown as string[];
    const kind: EstimateKind = new RegExp(`^(?:${DIFFERENCE_NAMES})$`).test(name!) ? 'difference' : 'ratio';
    const number = writtenNumber(written!, found.index + whole!.length - written!.length);
    // An abbreviation with a whole number is another measure or a name: heart rate 72, respiratory rate 18, "Jane Doe, MD, 2020".
    if (number.decimals === 0 && /^a?[A-Z]{2,3}s?$/.test(name!)) continue;
    if (kind === 'ratio' && number.value < 0) continue;
    estimates.push({ start: found.index, end: found.index + whole!.length, kind, name: name!, number });
  }

  const percentages: Percentage[] = [];
  for (const found of matches(PERCENTAGE, text, addresses)) {
    const [whole, written, space, sign] = found as unknown as string[];
    percentages.push({ start: found.index, end: found.index + whole!.length, number: writtenNumber(written!, found.index), sign: sign!, space: space! });
  }

  const fractions: Fraction[] = [];
  for (const found of matches(FRACTION, text, addresses)) {
    fractions.push({ start: found.index, end: found.index + found[0].length, numerator: numberValue(found[1]!), denominator: numberValue(found[3]!) });
  }

  const sampleSizes: SampleSize[] = [];
  for (const found of matches(SAMPLE_SIZE, text, addresses)) {
    sampleSizes.push({ start: found.index, end: found.index + found[0].length, whole: found[1] === 'N', size: numberValue(found[2]!) });
  }

  const numbers: WrittenNumber[] = [];
  for (const found of matches(ANY_NUMBER, text, addresses)) numbers.push(writtenNumber(found[1]!, found.index));

  const measurements: Measurement[] = [];
  for (const found of matches(MEASUREMENT, text, addresses)) {
    const [whole, written, space, unit, per] = found as unknown as string[];
    const unitStart = found.index + written!.length + space!.length;
    measurements.push({ start: found.index, end: found.index + whole!.length, number: writtenNumber(written!, found.index), space: space!, unitStart, unit: unit!, per: per! });
  }

  const spelledMeasurements: SpelledMeasurement[] = [];
  for (const found of matches(SPELLED_MEASUREMENT, text, addresses)) {
    spelledMeasurements.push({ start: found.index, end: found.index + found[0].length, word: found[1]!, unit: found[2]! });
  }

  const wordings: Wording[] = [];
  for (const [kind, pattern] of WORDINGS) {
    for (const found of matches(pattern, text, addresses)) wordings.push({ start: found.index, end: found.index + found[0].length, kind });
  }
  wordings.sort((a, b) => a.start - b.start);

  return { numbers, pValues, intervals, estimates, percentages, fractions, sampleSizes, measurements, spelledMeasurements, wordings };
}
