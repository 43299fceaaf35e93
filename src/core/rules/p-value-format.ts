import type { Analysis } from '../analysis';
import { inQuotation, italicAt, statisticsOf, statisticsStyle, withoutLeadingZero } from '../statistics';
import type { PValue } from '../text/statistics';
import { sentenceOf } from './helpers';
import type { ProseReport, Rule } from './rule';

function sentenceText(analysis: Analysis, offset: number): string {
  const sentence = sentenceOf(analysis, offset);
  return analysis.prose.text.slice(sentence.start, sentence.end);
}

const THRESHOLDS = new Set([0.05, 0.01, 0.1]);
/** A sentence that sets the threshold rather than reports a result: "*P* < .05 was considered significant". */
const SETS_THRESHOLD = /considered|significan|alpha|\u03b1|threshold|level|set at|defined|cutoff|cut-off|two-sided|2-sided|one-sided|1-sided/i;

/** What AMA style writes for a P value, and what the written one gets wrong. */
function amaForm(analysis: Analysis, p: PValue): { written: string; faults: string[] } {
  const faults: string[] = [];
  const marker = analysis.format === 'plaintext' ? '' : '*';
  const letter = `${marker}P${marker}`;
  if (p.number.value === 0 || (p.number.value < 0.001 && p.number.value > 0 && (p.operator === '=' || p.operator === '<' || p.operator === '≤'))) {
    const reason = p.number.value === 0 ? 'a P value is never 0' : 'AMA reports P values below .001 as P < .001';
    return { written: `${letter} < .001`, faults: [reason] };
  }
  if (p.letter === 'p') faults.push('capital P');
  if (!italicAt(analysis, p.start)) faults.push('italic P');
  if (p.named) faults.push('no "value" between P and the sign');
  const value = withoutLeadingZero(p.written);
  if (value !== p.written) faults.push('no zero before the decimal point');
  if (!p.spaced) faults.push(`a space either side of "${p.operator}"`);
  else if (p.operator !== analysis.prose.text.slice(p.operatorStart, p.operatorEnd)) faults.push(`"${p.operator}" as one sign`);
  return { written: `${letter} ${p.operator} ${value}`, faults };
}

function checkAma(analysis: Analysis, p: PValue, report: (finding: ProseReport) => void): boolean {
  const { written, faults } = amaForm(analysis, p);
  if (faults.length === 0) return false;
  const message = `Write "${written}": ${faults.join(', ')}.`;
  // With the P already italic in the source, only what follows it is replaced, so the emphasis stays.
  if (p.letter === 'P' && analysis.format !== 'plaintext' && italicAt(analysis, p.start)) {
    report({ start: p.start + 1, end: p.end, message, fix: written.slice(3) });
  } else {
    report({ start: p.start, end: p.end, message, fix: written });
  }
  return true;
}

/** Vancouver keeps the writer's letter, spacing, leading zero and precision (p<0·0001 in The Lancet); only a P of 0 is rewritten. */
function checkVancouver(analysis: Analysis, p: PValue, report: (finding: ProseReport) => void): boolean {
  if (p.number.value !== 0) return false;
  const text = analysis.prose.text;
  const threshold = /^[-\u2212]?[.·]/.test(p.written) ? '.001' : p.written.includes('·') ? '0·001' : '0.001';
  const written = `${text.slice(p.start, p.operatorStart)}<${text.slice(p.operatorEnd, p.number.start)}${threshold}`;
  report({ start: p.start, end: p.end, message: `Write "${written}": a P value is never 0.`, fix: written });
  return true;
}

export const pValueFormat: Rule = {
  id: 'p-value-format',
  defaultSeverity: 'warning',
  safeFixes: true,
  docs: {
    severity: 'warning: a house style, AMA by default; a journal in Vancouver style writes P values otherwise.',
    summary: 'Write P values as the house style does: "*P* = .03", "*P* < .001" in AMA style.',
    description:
      'AMA style (the default): a capital italic P, no zero before the decimal point, a space either side of the sign ' +
      '("*P* = .03", "*P* < .001"); a P value of 0 ("P = 0.000") or below .001 ("P = .0002", "P < .0001") is written ' +
      '"*P* < .001". The fix writes the AMA form; when the P is already italic, only what follows it is replaced. ' +
      'Vancouver style (`statistics.style: "vancouver"`, ICMJE journals): the letter, its case, italics, spacing and ' +
      'leading zero and precision are the journal\'s ("p=0.03", "p<0·0001" are accepted); only a P of 0 is reported ' +
      '("p = 0.000", write "p < 0.001"). ' +
      'Both styles: a threshold ("P < .05", "P > .05") in a document that gives exact P values elsewhere is reported: ' +
      'give the exact value. P values in scientific notation (genome-wide studies, "P = 5 × 10−8") are not checked.',
    examples: [
      { markdown: 'Survival was longer with the drug (*P* = .03).', expected: [] },
      { markdown: 'The difference was significant (*P* < .001).', expected: [] },
      {
        markdown: 'Survival was longer with the drug (p=0.03).',
        expected: ['1:36-1:42 Write "*P* = .03": capital P, italic P, no zero before the decimal point, a space either side of "=".'],
      },
      { markdown: 'No patient relapsed (P = 0.000).', expected: ['1:22-1:31 Write "*P* < .001": a P value is never 0.'] },
      { markdown: 'Mortality fell (*P* = 0.04).', expected: ['1:20-1:27 Write "*P* = .04": no zero before the decimal point.'] },
      {
        markdown: 'Mortality fell (*P* < .05) and relapse fell (*P* = .02).',
        expected: ['1:18-1:26 Report the exact P value, not a threshold: this document gives exact P values elsewhere.'],
      },
      { markdown: 'Mortality fell (p=0.04).', expected: [], options: { statistics: { style: 'vancouver' } } },
      {
        markdown: 'Mortality fell (p = 0.04); no patient relapsed (p = 0.000).',
        expected: ['1:49-1:58 Write "p < 0.001": a P value is never 0.'],
        options: { statistics: { style: 'vancouver' } },
      },
    ],
  },
  check(analysis, report) {
    const { pValues } = statisticsOf(analysis);
    const vancouver = statisticsStyle(analysis).style === 'vancouver';
    const exactElsewhere = pValues.some((p) => p.operator === '=' && p.number.value > 0);
    for (const p of pValues) {
      if (p.number.value < 0 || p.number.value > 1 || inQuotation(analysis, p.start)) continue;
      if (vancouver ? checkVancouver(analysis, p, report) : checkAma(analysis, p, report)) continue;
      if (exactElsewhere && p.operator !== '=' && THRESHOLDS.has(p.number.value) && !SETS_THRESHOLD.test(sentenceText(analysis, p.start))) {
        report({ start: p.start, end: p.end, message: 'Report the exact P value, not a threshold: this document gives exact P values elsewhere.' });
      }
    }
  },
};
