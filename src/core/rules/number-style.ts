import type { Analysis } from '../analysis';
import { factsWithin, inQuotation, inTableCell, pairedFraction, statisticsOf, statisticsStyle } from '../statistics';
import { NUMBER_WORDS, spelledOut, type Percentage, type StatisticsFacts } from '../text/statistics';
import { atSentenceStart, inHeading } from './helpers';
import type { ProseReport, Rule } from './rule';

/**
 * Whether a numeral that opens a "sentence" starts one a writer wrote: followed by a lower-case word
 * ("10 patients"), a unit or %, in a sentence that ends as sentences do. Not a year ("2019 saw"), a
 * designation ("5-FU", "21 CFR", "355(a)"), a footnote mark ("1 Because"), a section list ("(5.1, 5.2)"),
 * a label's fragment ("50 mg/10 mL (3)"), or what follows an abbreviation the sentence splitter took for
 * a full stop ("Dec. 8, 2016", "U.S.C. 355").
 */
function opensSentence(text: string, sentenceStart: number, sentenceEnd: number, end: number, written: string, withUnit: boolean): boolean {
  if (/^(?:1[89]|20)\d\d$/.test(written)) return false;
  if (!withUnit && !/^ \p{Ll}/u.test(text.slice(end, end + 2))) return false;
  if (!/[.!?]["')\]\u2019\u201d]*$/.test(text.slice(sentenceStart, sentenceEnd).trimEnd())) return false;
  return !/(?:^|[\s(])(?:\p{Lu}[\p{L}.]{0,4}|[\p{L}.]*\p{Lu}\.)\.\s*$/u.test(text.slice(Math.max(0, sentenceStart - 12), sentenceStart));
}

function checkSentenceStarts(analysis: Analysis, facts: StatisticsFacts, report: (finding: ProseReport) => void): void {
  const text = analysis.prose.text;
  for (const sentence of analysis.sentences) {
    let at = sentence.start;
    while (at < sentence.end && /["'(\[\u2018\u201c]/.test(text[at]!)) at++;
    if (!/\d/.test(text[at] ?? '')) continue;
    const number = factsWithin(facts.numbers, at, at + 1)[0];
    if (!number || inHeading(analysis, at) || inTableCell(analysis, at)) continue;
    const written = text.slice(number.start, number.end);
    const withUnit = factsWithin(facts.measurements, at, at + 1).length + factsWithin(facts.percentages, at, at + 1).length > 0;
    if (!opensSentence(text, sentence.start, sentence.end, number.end, written, withUnit)) continue;
    const spellable = !withUnit && number.decimals === 0 && number.value < 100;
    report({
      start: number.start,
      end: number.end,
      message: withUnit ? `Recast the sentence so that it does not start with "${written}".` : `Spell out "${written}" or recast the sentence: a sentence does not start with a numeral.`,
      ...(spellable ? { fix: spelledOut(number.value), safe: false } : {}),
    });
  }
}

/** Words after which a number designates rather than counts: "page 12345", "patient 10042", "No. 12500", "#12500". */
const NOT_A_QUANTITY_BEFORE = /(?:\b(?:no|nos|page|pages|pp|p|version|v|ID|code|grant|protocol|study|trial|room|box|suite|ZIP|cohort|arm|part|section|chapter|table|figure|fig|ref|reference|line|item|question|step|level|model|type|visit|day|week|cycle|session|patient|participant|subject|case|sample|specimen|site|center|centre|batch|lot|clone|catalog|unit|ward|bed)\.?|#)\s*$/i;
/** The word just before a number, past a label's colon or number sign ("RE: 446223"). */
const WORD_BEFORE = /([\p{L}\p{N}-]+)[:#]?\s*$/u;

/** Whether the word before a number makes it part of a name: "CheckMate 1250", "NCT 1250", "Study 1250" (but "Among 1250" opening a sentence counts). */
function namesIt(analysis: Analysis, offset: number, before: string): boolean {
  const word = WORD_BEFORE.exec(before);
  if (!word) return false;
  if (/[\p{N}]|.\p{Lu}/u.test(word[1]!)) return true;
  return /^\p{Lu}/u.test(word[1]!) && !atSentenceStart(analysis, offset + word.index);
}

const THIN_SPACE = '\u2009';

/**
 * AMA style spaces digits as SI does (AMA 11th ed, 17.4.3): no commas; a 4-digit integer closed up
 * ("1250"), 5 digits or more in groups of 3 with thin spaces ("12 500"). Not addresses, postal codes,
 * page numbers, identifiers, years, table cells or headings.
 */
function checkDigitGrouping(analysis: Analysis, facts: StatisticsFacts, report: (finding: ProseReport) => void): void {
  const text = analysis.prose.text;
  for (const number of facts.numbers) {
    const written = text.slice(number.start, number.end);
    const integer = written.split(/[.·]/)[0]!;
    const digits = integer.replace(/[,\u2009\u202f]/g, '');
    // More than 15 digits is an identifier or a run of digits, not a quantity to group.
    if (digits.length < 4 || digits.length > 15 || digits.startsWith('0') || /^(?:1[89]|20)\d\d$/.test(integer)) continue;
    const spaced = digits.length === 4 ? digits : digits.replace(/\B(?=(\d{3})+$)/g, THIN_SPACE);
    if (integer === spaced) continue;
    // Followed by a letter, a slash, a bracket or a capitalised word, it names something: "1271.10(a)", "1601 Summit Ave".
    if (/^(?:[-\u2010\u2013/:(\p{L}]| \p{Lu})/u.test(text.slice(number.end, number.end + 2))) continue;
    const before = text.slice(Math.max(0, number.start - 24), number.start);
    if (NOT_A_QUANTITY_BEFORE.test(before) || namesIt(analysis, number.start - before.length, before)) continue;
    if (inTableCell(analysis, number.start) || inHeading(analysis, number.start)) continue;
    const fixed = spaced + written.slice(integer.length);
    const message =
      digits.length === 4
        ? `Write "${fixed}": AMA style closes up 4-digit numbers, with no comma.`
        : `Write "${fixed}", with thin spaces: AMA style groups 5 digits or more in 3s with thin spaces, not commas.`;
    report({ start: number.start, end: number.end, message, fix: fixed });
  }
}

/** The sample a percentage is of, when its sentence says so right beside it, and whether that is certain. */
function sampleOf(analysis: Analysis, facts: StatisticsFacts, percentage: Percentage): { size: number; certain: boolean; shown: string } | undefined {
  const text = analysis.prose.text;
  const fraction = pairedFraction(analysis, facts, percentage);
  if (fraction) return { size: fraction.denominator, certain: true, shown: `${fraction.denominator}` };
  const after = factsWithin(facts.sampleSizes, percentage.end, percentage.end + 4)[0];
  if (after && /^\s*[(,;]\s*$/.test(text.slice(percentage.end, after.start))) {
    const shown = text.slice(after.start, after.end);
    if (after.whole) return { size: after.size, certain: true, shown };
    // A lower-case n may count the sample or the part of it that the percentage is.
    return { size: Math.max(after.size, percentage.number.value > 0 ? Math.round((after.size * 100) / percentage.number.value) : after.size), certain: false, shown };
  }
  const of = /^ of (\d+(?:,\d{3})*)(?![\d.,])/.exec(text.slice(percentage.end, percentage.end + 16));
  if (of) return { size: Number(of[1]!.replace(/,/g, '')), certain: true, shown: of[1]! };
  return undefined;
}

function checkPrecision(analysis: Analysis, facts: StatisticsFacts, report: (finding: ProseReport) => void): void {
  for (const percentage of facts.percentages) {
    if (percentage.number.decimals === 0) continue;
    const sample = sampleOf(analysis, facts, percentage);
    if (!sample) continue;
    const allowed = sample.size < 100 ? 0 : 1;
    if (percentage.number.decimals <= allowed) continue;
    const rounded = `${percentage.number.value.toFixed(allowed)}%`;
    const span = { start: percentage.number.start, end: percentage.number.end + percentage.space.length + percentage.sign.length };
    const why = allowed === 0 ? 'fewer than 100 support no decimals' : '100 or more support 1 decimal';
    if (sample.certain) report({ ...span, message: `Write "${rounded}": percentages of ${sample.shown} (${why}).`, fix: rounded, safe: false });
    else report({ ...span, message: `Give this percentage ${allowed === 0 ? 'no decimals' : 'at most 1 decimal'}: its sample (${sample.shown}) does not support ${percentage.number.decimals}.` });
  }
}

function checkSpelled(analysis: Analysis, facts: StatisticsFacts, report: (finding: ProseReport) => void): void {
  const text = analysis.prose.text;
  for (const spelled of facts.spelledMeasurements) {
    if (atSentenceStart(analysis, spelled.start)) continue;
    const value = NUMBER_WORDS.get(spelled.word.toLowerCase());
    if (value === undefined) continue;
    const percent = /^(?:%|per ?cent)$/i.test(spelled.unit);
    const written = percent ? `${value}%` : `${value} ${spelled.unit}`;
    report({ start: spelled.start, end: spelled.end, message: `Write "${written}": numerals with units and percentages.`, fix: written });
  }
  for (const percentage of facts.percentages) {
    if (percentage.sign === '%') continue;
    const written = `${text.slice(percentage.number.start, percentage.number.end)}%`;
    report({ start: percentage.start, end: percentage.end, message: `Write "${written}": the symbol % with a numeral.`, fix: written });
  }
}

export const numberStyle: Rule = {
  id: 'number-style',
  defaultSeverity: 'warning',
  safeFixes: true,
  docs: {
    severity: 'warning: a house style; a copy editor sends these back, but the sentence is not wrong.',
    summary: 'Do not start a sentence with a numeral; use numerals and symbols with units and percentages; space digits as the style does; keep percentages as precise as their sample.',
    description:
      'Reports a sentence that starts with a numeral (spell it out or recast; the fix spells out a whole number below 100 ' +
      'and is applied one at a time; a year such as "2019", a designation such as "5-FU" or "21 CFR", a footnote mark, ' +
      'a section list "(5.1, 5.2)" and a label\'s fragment are left alone); a number written as a word with a unit symbol ' +
      'or percent ("five mg", "ten percent"; not at a sentence\'s start); "percent" after a numeral ("10 percent", write ' +
      '"10%"); a percentage with more decimals than its sample supports, when the sample stands beside it ("12 of 50 ' +
      '(24.0%)", "45.67% (n = 50)", "12.5% of 40"): below 100, whole percentages; from 100, 1 decimal (a lower-case n may ' +
      'count the part, not the sample, so no fix is offered then). AMA style only, which spaces digits as SI does (AMA ' +
      '11th ed, 17.4.3): no commas in numbers; a 4-digit number closed up ("1,250", write "1250"); 5 digits or more in ' +
      'groups of 3 with thin spaces ("12500" or "12,500", write "12 500"); not years (1800-2099), numbers starting with ' +
      '0, identifiers ("CheckMate 12500", "No. 12500", "RE: 446223"), addresses, dates, or numbers in table cells and ' +
      'headings. Vancouver style (`statistics.style: "vancouver"`) leaves digit grouping as the journal writes it. ' +
      'Headings and table cells are not checked for sentence-initial numerals. Quotations are left as written.',
    examples: [
      { markdown: 'Ten patients had grade 3 events.', expected: [] },
      { markdown: 'In 2019, 1250 of 72\u2009337 screened patients enrolled in the phase 3 trial.', expected: [] },
      { markdown: '10 patients had grade 3 events.', expected: ['1:1-1:3 Spell out "10" or recast the sentence: a sentence does not start with a numeral.'] },
      { markdown: 'The trial enrolled 1,250 patients.', expected: ['1:20-1:25 Write "1250": AMA style closes up 4-digit numbers, with no comma.'] },
      { markdown: 'We screened 12,500 patients.', expected: ['1:13-1:19 Write "12\u2009500", with thin spaces: AMA style groups 5 digits or more in 3s with thin spaces, not commas.'] },
      { markdown: 'We screened 12,500 patients.', expected: [], options: { statistics: { style: 'vancouver' } } },
      { markdown: 'A response occurred in 12 of 50 patients (24.0%).', expected: ['1:43-1:48 Write "24%": percentages of 50 (fewer than 100 support no decimals).'] },
      { markdown: 'Patients received five mg daily; 10 percent stopped.', expected: ['1:19-1:26 Write "5 mg": numerals with units and percentages.', '1:34-1:44 Write "10%": the symbol % with a numeral.'] },
    ],
  },
  check(analysis, report) {
    const facts = statisticsOf(analysis);
    const reportUnquoted = (finding: ProseReport) => {
      if (!inQuotation(analysis, finding.start)) report(finding);
    };
    checkSentenceStarts(analysis, facts, reportUnquoted);
    if (statisticsStyle(analysis).style === 'ama') checkDigitGrouping(analysis, facts, reportUnquoted);
    checkPrecision(analysis, facts, reportUnquoted);
    checkSpelled(analysis, facts, reportUnquoted);
  },
};
