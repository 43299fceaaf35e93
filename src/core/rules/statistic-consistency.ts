import { estimateLabel, estimateOf, pairedFraction, statisticsOf } from '../statistics';
import type { Rule } from './rule';

function shown(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

export const statisticConsistency: Rule = {
  id: 'statistic-consistency',
  defaultSeverity: 'warning',
  safeFixes: false,
  docs: {
    severity: 'warning: the numbers cannot all be right, but which one is wrong only the writer can tell.',
    summary: 'Numbers that contradict each other: an estimate outside its CI, a CI whose lower limit is above its upper, a P value outside 0 to 1, a percentage that is not its n/N.',
    description:
      'Reports an effect estimate (HR, OR, RR, mean or risk difference) outside the CI that follows it; a CI whose lower ' +
      'limit is above its upper limit; a P value below 0 or above 1 ("P = 1.2"); a percentage beside its count that does ' +
      'not equal it ("12 of 50 (30%)", "30% (12/50)"), where a percentage matches when it equals n/N rounded to the ' +
      'decimals it is given with (24% and 24.0% both match 12/50; so does 33% for 1/3, and 67% for 2/3). No fix: which ' +
      'number is wrong is for the writer to find.',
    examples: [
      { markdown: 'Survival improved (HR, 0.59; 95% CI, 0.44-0.79); 12 of 50 patients (24%) responded.', expected: [] },
      { markdown: 'A response occurred in 12 of 50 patients (30%).', expected: ['1:43-1:46 12/50 is 24%, not 30%: check the count and the percentage.'] },
      { markdown: 'Survival improved (HR, 0.59; 95% CI, 0.64-0.89).', expected: ['1:20-1:28 HR 0.59 lies outside its CI (0.64 to 0.89): check the estimate and its limits.'] },
      { markdown: 'Survival improved (HR, 0.59; 95% CI, 0.79-0.44).', expected: ['1:30-1:47 The lower limit (0.79) is above the upper limit (0.44): check the CI.'] },
      { markdown: 'The difference was significant (*P* = 1.3).', expected: ['1:34-1:42 A P value lies between 0 and 1: check "P = 1.3".'] },
    ],
  },
  check(analysis, report) {
    const facts = statisticsOf(analysis);
    const text = analysis.prose.text;
    for (const interval of facts.intervals) {
      const { lower, upper } = interval;
      if (lower.value > upper.value) {
        report({ start: interval.start, end: interval.end, message: `The lower limit (${interval.lowerText}) is above the upper limit (${interval.upperText}): check the CI.` });
        continue;
      }
      const estimate = estimateOf(analysis, facts, interval);
      if (estimate && !interval.percent && (estimate.number.value < lower.value || estimate.number.value > upper.value)) {
        report({ start: estimate.start, end: estimate.end, message: `${estimateLabel(analysis, estimate)} lies outside its CI (${interval.lowerText} to ${interval.upperText}): check the estimate and its limits.` });
      }
    }
    for (const p of facts.pValues) {
      if (p.number.value < 0 || p.number.value > 1) {
        report({ start: p.start, end: p.end, message: `A P value lies between 0 and 1: check "${text.slice(p.start, p.end)}".` });
      }
    }
    for (const percentage of facts.percentages) {
      const fraction = pairedFraction(analysis, facts, percentage);
      if (!fraction || fraction.denominator === 0) continue;
      const exact = (100 * fraction.numerator) / fraction.denominator;
      const { value, decimals } = percentage.number;
      // Rounded to the decimals written, either way at a half: 12.5% may be written 12% or 13%.
      if (Math.abs(exact - value) <= 0.5 * 10 ** -decimals + 1e-9) continue;
      report({
        start: percentage.start,
        end: percentage.end,
        message: `${fraction.numerator}/${fraction.denominator} is ${shown(exact, decimals)}%, not ${text.slice(percentage.number.start, percentage.number.end)}%: check the count and the percentage.`,
      });
    }
  },
};
