import type { Analysis } from '../analysis';
import { anyWithin, crossesNull, estimateOf, factsWithin, inQuotation, inTableCell, statisticsOf } from '../statistics';
import type { StatisticsFacts, Wording } from '../text/statistics';
import { hasCitation, hasStatistic, inHeading, sentenceOf } from './helpers';
import type { ProseReport, Rule } from './rule';

/** What a significance word qualifies when it claims a tested result: "significant improvement", "significantly longer". */
const SIGNIFICANT_NOUN = /^\s+(?:statistically\s+)?(?:differences?|improvements?|reductions?|increases?|decreases?|benefits?|associations?|effects?|prolongation|gains?|advantages?|correlations?|interactions?|changes?|declines?|rises?)\b/i;
/** What "significantly" qualifies when it claims a tested result: a change or a comparison ("significantly improved", "significantly fewer"). */
const SIGNIFICANTLY_RESULT = /^\s+(?:\w+\s+)?(?:improv|reduc|increas|decreas|lower|higher|longer|shorter|better|worse|fewer|more|greater|less|prolong|associat|differ|extend|superior|inferior|delay|lessen|rais)/i;
const NEGATION_BEFORE = /\b(?:no|not|non|nor|neither|never|without|lack of|absence of|failed to (?:reach|achieve|show|demonstrate)|did not (?:reach|achieve|show))\b[^.;]{0,20}$/i;
const NOT_STATISTICAL = /\b(?:clinically|biologically|practically)\s+$/i;

/** The statistic of a sentence that shows its result is not significant, as written ("P = .08", "95% CI, 0.8-1.2"). */
function nonSignificance(analysis: Analysis, facts: StatisticsFacts, start: number, end: number): string | undefined {
  const text = analysis.prose.text;
  for (const p of factsWithin(facts.pValues, start, end)) {
    const atLeast = p.operator === '=' || p.operator === '>' || p.operator === '≥';
    if (atLeast && p.number.value >= 0.05 && p.number.value <= 1) return text.slice(p.start, p.end);
  }
  for (const interval of factsWithin(facts.intervals, start, end)) {
    const estimate = estimateOf(analysis, facts, interval);
    if (estimate && crossesNull(interval, estimate.kind)) return text.slice(interval.start, interval.end).replace(/\s+/g, ' ');
  }
  return undefined;
}

/** What each sentence shows, computed once per sentence however many wordings it holds. */
type SentenceMemo = Map<number, string | boolean | undefined>;

function memoized<T extends string | boolean | undefined>(memo: SentenceMemo, key: number, compute: () => T): T {
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}

/** A sentence about the groups at baseline: "comparable" there describes balance, not a result. */
const BASELINE = /\b(?:baseline|demographic|characteristics|at randomi[sz]ation|at enrol?lment)\b/i;

function reportSpin(analysis: Analysis, facts: StatisticsFacts, wording: Wording, memo: SentenceMemo, report: (finding: ProseReport) => void): void {
  const sentence = sentenceOf(analysis, wording.start);
  if (BASELINE.test(analysis.prose.text.slice(sentence.start, sentence.end))) return;
  const evidence = memoized(memo, sentence.start, () => nonSignificance(analysis, facts, sentence.start, sentence.end));
  if (!evidence) return;
  const phrase = analysis.prose.text.slice(wording.start, wording.end).replace(/\s+/g, ' ');
  report({ start: wording.start, end: wording.end, message: `Report this result as not statistically significant (${evidence}) rather than "${phrase}".` });
}

function reportUnsupportedSignificance(analysis: Analysis, facts: StatisticsFacts, wording: Wording, memo: SentenceMemo, report: (finding: ProseReport) => void): void {
  const text = analysis.prose.text;
  const phrase = text.slice(wording.start, wording.end);
  if (!(/ly$/i.test(phrase) ? SIGNIFICANTLY_RESULT : SIGNIFICANT_NOUN).test(text.slice(wording.end, wording.end + 40))) return;
  const sentence = sentenceOf(analysis, wording.start);
  const lead = text.slice(Math.max(sentence.start, wording.start - 40), wording.start);
  if (NEGATION_BEFORE.test(lead) || NOT_STATISTICAL.test(lead)) return;
  if (inHeading(analysis, wording.start) || inTableCell(analysis, wording.start)) return;
  const supported = memoized(memo, sentence.start, () => {
    if ([facts.pValues, facts.intervals, facts.estimates].some((list) => anyWithin(list, sentence.start, sentence.end))) return true;
    return hasCitation(analysis, sentence) || hasStatistic(analysis, sentence);
  });
  if (supported) return;
  const alternative = /statistically/i.test(phrase) ? '' : ', or use a word with no statistical sense ("substantially", "markedly")';
  report({ start: wording.start, end: wording.end, message: `Give the statistic (P value or CI) behind "${phrase.replace(/\s+/g, ' ')}" in its sentence${alternative}.` });
}

export const spin: Rule = {
  id: 'spin',
  defaultSeverity: 'warning',
  safeFixes: false,
  docs: {
    severity: 'warning: spin is a matter of framing; the rule reads the sentence, not the trial.',
    summary: 'Do not present a result that is not statistically significant as a benefit, claim significance without its statistic, or non-inferiority without a margin.',
    description:
      'Reports "trend toward", "a tendency toward", "numerically higher" (lower, longer, better...), "comparable", ' +
      '"similar efficacy" (effectiveness, outcomes, survival, benefit), "showed promise", "marginally significant", ' +
      '"approached significance" and "borderline significant" in a sentence whose P value is .05 or more (P = .08, ' +
      'P > .05) or whose CI of a ratio (HR, OR, RR) crosses 1 or of a difference crosses 0, strictly: a limit of exactly ' +
      '1.00 or 0 is not read as crossing. Reports "significantly" and "significant" before a result ("significant ' +
      'improvement") in a sentence that gives no P value, CI or estimate, unless negated ("no significant difference"), ' +
      'clinical ("clinically significant"), cited, quoted, in a heading or a table cell. Reports the first non-inferiority claim ' +
      'of a document that never states its margin ("margin", "delta" or Δ anywhere in the document).',
    examples: [
      { markdown: 'Overall survival was longer with the drug (HR, 0.68; 95% CI, 0.56-0.84; *P* < .001).', expected: [] },
      { markdown: 'There was no significant difference in overall survival.', expected: [] },
      { markdown: 'There was a trend toward improved survival (*P* = .08).', expected: ['1:13-1:25 Report this result as not statistically significant (P = .08) rather than "trend toward".'] },
      {
        markdown: 'Efficacy was comparable between arms (HR, 0.95; 95% CI, 0.80-1.13).',
        expected: ['1:14-1:24 Report this result as not statistically significant (95% CI, 0.80-1.13) rather than "comparable".'],
      },
      { markdown: 'The firm\'s website claimed that its oil "may significantly reduce cancer pain."', expected: [] },
      { markdown: 'The drug significantly improved survival.', expected: ['1:10-1:23 Give the statistic (P value or CI) behind "significantly" in its sentence, or use a word with no statistical sense ("substantially", "markedly").'] },
      { markdown: 'The new regimen was noninferior to the standard.', expected: ['1:21-1:32 State the non-inferiority margin: without it, "noninferior" says nothing.'] },
      { markdown: 'The noninferiority margin was 10 percentage points. The new regimen was noninferior to the standard.', expected: [] },
    ],
  },
  check(analysis, report) {
    const facts = statisticsOf(analysis);
    const hasMargin = facts.wordings.some((wording) => wording.kind === 'margin');
    const evidence: SentenceMemo = new Map();
    const support: SentenceMemo = new Map();
    let spinReach = -1;
    let noninferiorityReported = hasMargin;
    for (const wording of facts.wordings) {
      // A quoted claim (a firm's website in a warning letter, a speaker) is not the writer's to reword.
      if (inQuotation(analysis, wording.start)) continue;
      if (wording.kind === 'spin') {
        reportSpin(analysis, facts, wording, evidence, report);
        spinReach = Math.max(spinReach, wording.end);
      } else if (wording.kind === 'significance' && wording.start >= spinReach) {
        reportUnsupportedSignificance(analysis, facts, wording, support, report);
      } else if (wording.kind === 'noninferiority' && !noninferiorityReported && !inHeading(analysis, wording.start)) {
        noninferiorityReported = true;
        const word = analysis.prose.text.slice(wording.start, wording.end);
        report({ start: wording.start, end: wording.end, message: `State the non-inferiority margin: without it, "${word}" says nothing.` });
      }
    }
  },
};
