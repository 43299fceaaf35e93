import type { Analysis } from '../analysis';
import { anyWithin, estimateLabel, inQuotation, inTableCell, statisticsOf, statisticsStyle } from '../statistics';
import type { Interval } from '../text/statistics';
import { inHeading, sentenceOf } from './helpers';
import type { Rule } from './rule';

/** A bare interval after an estimate, "HR 0.59 (0.44-0.79)", "HR 0.59 [0.44-0.79]": the CI is given, only unlabelled. */
const BARE_INTERVAL = /^[^()[\]]{0,30}[([]\s*[-\u2212]?\d*[.·]?\d+\s*(?:-|\u2013|to)\s*[-\u2212]?\d*[.·]?\d+\s*[)\]]/;

// A percentage just before the interval's bracket: "9% (95% CI: 5, 13)".
const PERCENTAGE_BEFORE = /\d(?:[.·]\d+)?\s?%\s*[([]\s*$/;
const BARE_NUMBER = /^[-\u2212]?\d*[.·]?\d+$/;

/** What an interval should read in the house style, and why, or nothing when it reads so already. */
function rewrite(analysis: Analysis, interval: Interval, vancouver: boolean): { written: string; faults: string[] } | undefined {
  const text = analysis.prose.text;
  const faults: string[] = [];
  let level = interval.level ?? '';
  if (!vancouver && /\s%$/.test(level)) {
    level = level.replace(/\s%$/, '%');
    faults.push('no space before %');
  }
  const labelStart = interval.labelEnd - interval.label.length;
  const beforeLabel = text.slice(interval.start + (interval.level?.length ?? 0), labelStart);
  let gap = beforeLabel;
  if (!vancouver && interval.level && beforeLabel === '') {
    gap = ' ';
    faults.push('a space before CI');
  }
  let separator = interval.separator;
  if (!vancouver && /^\s*[:=]?\s*$/.test(separator) && /^CIs?$/.test(interval.label)) {
    separator = ', ';
    faults.push('a comma after CI');
  }
  const negative = interval.lower.value < 0 || interval.upper.value < 0 || /^[-\u2212]/.test(interval.lowerText) || /^[-\u2212]/.test(interval.upperText);
  let range = text.slice(interval.rangeStart, interval.rangeEnd);
  if (negative && /^[-\u2010\u2013\u2014]$/.test(interval.rangeSeparator)) {
    range = ' to ';
    faults.push('"to" between limits when one is negative');
  } else if (!vancouver && interval.rangeSeparator === ',') {
    range = negative ? ' to ' : '-';
    faults.push(`${negative ? '"to"' : 'a hyphen'} between the limits, not a comma`);
  }
  let lower = text.slice(interval.lower.start, interval.rangeStart);
  let upper = text.slice(interval.rangeEnd, interval.end);
  // The interval of a percentage carries its unit on both limits: "9% (95% CI, 5%-13%)".
  if (faults.length > 0 && PERCENTAGE_BEFORE.test(text.slice(Math.max(0, interval.start - 24), interval.start)) && BARE_NUMBER.test(lower) && BARE_NUMBER.test(upper)) {
    lower += '%';
    upper += '%';
    faults.push('% on both limits, as on the estimate');
  }
  if (faults.length === 0) return undefined;
  const written = level + gap + interval.label + separator + lower + range + upper;
  return { written, faults };
}

export const ciFormat: Rule = {
  id: 'ci-format',
  defaultSeverity: 'warning',
  safeFixes: true,
  docs: {
    severity: 'warning: a house style, AMA by default; whether an estimate needs its interval in that sentence depends on the section.',
    summary: 'Write confidence intervals as the house style does ("95% CI, 0.44-0.79"), with their level, and give every effect estimate its CI.',
    description:
      'AMA style (the default): "95% CI, 0.44-0.79": no space before %, a space before CI, a comma after it (not a colon, ' +
      'an equals sign or nothing), a hyphen, en dash or "to" between the limits, never a comma. Both styles: "to" when a ' +
      'limit is negative ("95% CI, −1.2 to 0.4": a dash there reads as a minus sign); the level stated at the first CI ' +
      'the document gives (an earlier "95% confidence interval" or "CIs are 95%" serves); a hazard ratio, odds ratio, ' +
      'risk ratio, relative risk, rate ratio or mean or risk difference given with a value but no CI in its sentence ' +
      '(a bare "(0.44-0.79)" after it counts as one). Vancouver style (`statistics.style: "vancouver"`): any ' +
      'punctuation after CI ("95% CI 0.44 to 0.79", "95% CI: 0.44, 0.79") and a comma between the limits are the ' +
      'journal\'s. Table cells and headings are not checked for a missing CI.',
    examples: [
      { markdown: 'Survival improved (HR, 0.59; 95% CI, 0.44-0.79).', expected: [] },
      { markdown: 'The mean difference was −2.1 points (95% CI, −3.4 to −0.8).', expected: [] },
      { markdown: 'Survival improved (HR, 0.59; 95% CI: 0.44-0.79).', expected: ['1:30-1:47 Write "95% CI, 0.44-0.79": a comma after CI.'] },
      {
        markdown: 'Weight fell (mean difference, -1.2; 95% CI, -2.0-0.4).',
        expected: ['1:37-1:53 Write "95% CI, -2.0 to 0.4": "to" between limits when one is negative.'],
      },
      { markdown: 'Survival improved (HR, 0.59; CI, 0.44-0.79).', expected: ['1:30-1:32 State the level of the first CI, as in "95% CI".'] },
      { markdown: 'The objective response rate was 9% (95% CI: 5, 13).', expected: ['1:37-1:50 Write "95% CI, 5%-13%": a comma after CI, a hyphen between the limits, not a comma, % on both limits, as on the estimate.'] },
      { markdown: 'The odds of response were higher (OR, 2.1; *P* = .02).', expected: ['1:35-1:42 Give the CI of OR 2.1 in its sentence.'] },
      { markdown: 'Survival improved (HR 0.59; 95% CI 0.44 to 0.79).', expected: [], options: { statistics: { style: 'vancouver' } } },
      { markdown: 'Survival improved (HR 0.59; 95% CI 0.44 to 0.79).', expected: ['1:29-1:48 Write "95% CI, 0.44 to 0.79": a comma after CI.'] },
    ],
  },
  check(analysis, report) {
    const { intervals, estimates, wordings } = statisticsOf(analysis);
    const vancouver = statisticsStyle(analysis).style === 'vancouver';
    const firstLevel = wordings.find((wording) => wording.kind === 'level');
    let levelChecked = false;
    for (const interval of intervals) {
      if (!levelChecked) {
        levelChecked = true;
        const labelStart = interval.labelEnd - interval.label.length;
        if (!interval.level && !(firstLevel && firstLevel.start < interval.start)) {
          report({ start: labelStart, end: labelStart + interval.label.replace(/\s*[[(].*$/, '').length, message: 'State the level of the first CI, as in "95% CI".' });
        }
      }
      if (inQuotation(analysis, interval.start)) continue;
      const fixed = rewrite(analysis, interval, vancouver);
      if (fixed) report({ start: interval.start, end: interval.end, message: `Write "${fixed.written}": ${fixed.faults.join(', ')}.`, fix: fixed.written });
    }
    const text = analysis.prose.text;
    for (const estimate of estimates) {
      if (inTableCell(analysis, estimate.start) || inHeading(analysis, estimate.start)) continue;
      const sentence = sentenceOf(analysis, estimate.start);
      if (anyWithin(intervals, sentence.start, sentence.end)) continue;
      if (BARE_INTERVAL.test(text.slice(estimate.end, Math.min(sentence.end, estimate.end + 80)))) continue;
      report({ start: estimate.start, end: estimate.end, message: `Give the CI of ${estimateLabel(analysis, estimate)} in its sentence.` });
    }
  },
};
