import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../src/core/config';
import { applyFixes } from '../src/core/fixes';
import type { LinterOptions } from '../src/core/linter';
import { offByDefault } from '../src/core/profiles';
import { statisticsRules } from '../src/core/rules';
import { scanStatistics } from '../src/core/text/statistics';
import type { Finding } from '../src/core/types';
import { Project } from '../src/node/project';
import { builtinCorpus, describeFinding, flagged, linter } from './helpers';

const STATISTICS_RULES = ['p-value-format', 'ci-format', 'number-style', 'unit-format', 'spin', 'statistic-consistency'];
const on = Object.fromEntries(STATISTICS_RULES.map((id) => [id, 'warning' as const]));

function findings(text: string, options: Partial<LinterOptions> = {}, format?: 'plaintext'): Finding[] {
  return linter({ rules: on, ...options })
    .lint(text, format)
    .filter((finding) => STATISTICS_RULES.includes(finding.ruleId));
}

function described(text: string, options: Partial<LinterOptions> = {}): string[] {
  return findings(text, options).map((finding) => `${finding.ruleId} ${describeFinding(finding)}`);
}

describe('statistics rules: off until a profile or a config turns them on', () => {
  it('are the six rules of the issue, off in the professional profile', () => {
    assert.deepEqual(statisticsRules.map((rule) => rule.id), STATISTICS_RULES);
    assert.ok(STATISTICS_RULES.every(offByDefault));
    assert.ok(statisticsRules.every((rule) => rule.defaultSeverity === 'warning'));
  });

  it('report nothing by default, and at their own severity once turned on', () => {
    const text = 'Ten of 12 patients responded (p=0.03; 10mg).';
    const medlint = linter();
    assert.deepEqual(medlint.lint(text).filter((finding) => STATISTICS_RULES.includes(finding.ruleId)), []);
    assert.equal(medlint.severityOf('p-value-format'), 'off');
    const turnedOn = linter({ rules: { 'p-value-format': 'warning', 'unit-format': 'error' } });
    assert.equal(turnedOn.severityOf('unit-format'), 'error');
    assert.deepEqual(
      turnedOn.lint(text).filter((finding) => STATISTICS_RULES.includes(finding.ruleId)).map((finding) => `${finding.ruleId} ${finding.severity}`),
      ['p-value-format warning', 'unit-format error'],
    );
  });
});

describe('the statistics scanner', () => {
  it('finds P values, intervals, estimates, percentages, counts and units with their offsets', () => {
    const text = 'Of 50 patients, 12 of 50 (24%) responded (HR, 0.59; 95% CI, 0.44-0.79; P = .03; n = 50; 10 mg).';
    const facts = scanStatistics(text);
    const at = (span: { start: number; end: number }) => text.slice(span.start, span.end);
    assert.deepEqual(facts.pValues.map(at), ['P = .03']);
    assert.deepEqual(facts.intervals.map((interval) => [at(interval), interval.level, interval.lower.value, interval.rangeSeparator, interval.upper.value]), [['95% CI, 0.44-0.79', '95%', 0.44, '-', 0.79]]);
    assert.deepEqual(facts.estimates.map((estimate) => [at(estimate), estimate.kind, estimate.number.value]), [['HR, 0.59', 'ratio', 0.59]]);
    assert.deepEqual(facts.percentages.map(at), ['24%', '95%']);
    assert.deepEqual(facts.fractions.map((fraction) => [at(fraction), fraction.numerator, fraction.denominator]), [['12 of 50', 12, 50]]);
    assert.deepEqual(facts.sampleSizes.map(at), ['n = 50']);
    assert.deepEqual(facts.measurements.map(at), ['10 mg']);
  });

  it('does not read names with digits, dates, versions, identifiers or addresses as quantities', () => {
    const text = 'PD-1, CTLA-4, IL-6, CD8, HER2, COVID-19, ICD-10, phase 3, grade 3, stage IV, KEYNOTE-024, NCT01234567, v2.1.3, 12/05/2020, https://x.org/a/10mg?p=0.03, doi:10.1056/NEJMoa2034577.';
    const facts = scanStatistics(text);
    assert.deepEqual(facts.measurements, []);
    assert.deepEqual(facts.pValues, []);
    assert.deepEqual(facts.fractions, []);
    assert.deepEqual(facts.numbers.map((number) => text.slice(number.start, number.end)), ['3', '3']);
  });

  it('skips P values in scientific notation, as genome-wide studies write them', () => {
    assert.deepEqual(scanStatistics('Significance was P < 5 × 10−8 and P = 2e-9.').pValues, []);
  });

  it('runs in linear time on pathological input', () => {
    const units = ['1,000,', '1111111111', 'P = P < ', '95% CI 95% CI, ', 'HR HR, ', '12 of 12/', '"“ ', 'significantly improved ', '.5.5.5', '10mg/kg/', '   ', '-1--1-'];
    for (const unit of units) {
      const time = (length: number) => {
        const text = unit.repeat(Math.ceil(length / unit.length));
        const started = process.hrtime.bigint();
        scanStatistics(text);
        linter({ rules: on }).lint(text);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      time(10_000);
      const small = Math.max(time(20_000), 10);
      const large = time(80_000);
      assert.ok(large < small * 12, `${JSON.stringify(unit)}: ${small.toFixed(0)} ms for 20 KB, ${large.toFixed(0)} ms for 80 KB`);
    }
  });
});

describe('p-value-format', () => {
  it('rewrites a P value in AMA style, and the fix makes valid Markdown', () => {
    const text = 'Survival was longer (p=0.03).';
    const [finding] = findings(text);
    assert.equal(flagged(text, finding!), 'p=0.03');
    assert.equal(applyFixes(text, [finding!]).text, 'Survival was longer (*P* = .03).');
  });

  it('keeps the emphasis of an italic P and replaces only what follows it', () => {
    const text = 'Survival was longer (*P*=0.000) and (_P_ = 0.04).';
    const found = findings(text);
    assert.deepEqual(found.map((finding) => flagged(text, finding)), ['=0.000', ' = 0.04']);
    assert.equal(applyFixes(text, found).text, 'Survival was longer (*P* < .001) and (_P_ = .04).');
  });

  it('writes no asterisks in plain text, where P cannot be italic', () => {
    const text = 'Survival was longer (p=0.03).';
    const [finding] = findings(text, {}, 'plaintext');
    assert.equal(finding!.message, 'Write "P = .03": capital P, no zero before the decimal point, a space either side of "=".');
    assert.equal(applyFixes(text, [finding!]).text, 'Survival was longer (P = .03).');
    assert.deepEqual(findings('Survival was longer (P = .03).', {}, 'plaintext'), []);
  });

  it('keeps positions across CRLF, emoji and a hard-wrapped line', () => {
    const text = '😀 Survival was\r\nlonger (p =\r\n0.03).';
    const [finding] = findings(text);
    assert.equal(describeFinding(finding!), '2:9-3:5 Write "*P* = .03": capital P, italic P, no zero before the decimal point.');
    assert.equal(finding!.fix!.newText, '*P* = .03');
  });

  it('leaves P values in code, link targets and quotations alone', () => {
    assert.deepEqual(described('Run `p=0.03` and see [the trial](https://example.org/?p=0.03). He wrote "p=0.03" on the chart.'), []);
  });

  it('in Vancouver style, keeps the journal\'s form and reports only a P of 0', () => {
    const vancouver = { statistics: { style: 'vancouver' as const } };
    assert.deepEqual(described('Mortality fell (p=0.04; P<0.0001; p = .02).', vancouver), []);
    assert.deepEqual(described('Nobody relapsed (P=0.000).', vancouver), ['p-value-format 1:18-1:25 Write "P<0.001": a P value is never 0.']);
  });
});

describe('ci-format', () => {
  it('fixes the punctuation of an interval exactly over its span', () => {
    const text = 'Survival improved (HR, 0.59; 95%CI: 0.44, 0.79).';
    const [finding] = findings(text);
    assert.equal(flagged(text, finding!), '95%CI: 0.44, 0.79');
    assert.equal(finding!.message, 'Write "95% CI, 0.44-0.79": a space before CI, a comma after CI, a hyphen between the limits, not a comma.');
    assert.equal(applyFixes(text, [finding!]).text, 'Survival improved (HR, 0.59; 95% CI, 0.44-0.79).');
  });

  it('asks for the level only at the first CI, and not when methods stated it', () => {
    assert.deepEqual(described('Survival improved (HR, 0.59; CI, 0.44-0.79). Relapse fell (HR, 0.70; CI, 0.55-0.88).'), [
      'ci-format 1:30-1:32 State the level of the first CI, as in "95% CI".',
    ]);
    assert.deepEqual(described('All CIs are 95%.\n\nSurvival improved (HR, 0.59; CI, 0.44-0.79).'), []);
  });

  it('finds an estimate without its CI, but not in a table cell, a heading, or with a bare interval', () => {
    assert.deepEqual(described('| Outcome | HR |\n|---|---|\n| Death | HR, 0.59 |\n\n## HR 0.59 for death\n\nSurvival improved (HR 0.59 [0.44-0.79]).'), []);
    assert.deepEqual(described('Survival improved (HR 0.59 (0.44-0.79)).'), []);
  });
});

describe('number-style', () => {
  it('spells out a number opening a sentence as a fix applied one at a time', () => {
    const [finding] = findings('The trial stopped. 12 patients had responded.');
    assert.equal(finding!.fix!.newText, 'Twelve');
    assert.equal(finding!.fix!.safe, false);
  });

  it('leaves headings, table cells, years, list numbers and designations alone', () => {
    const text = '# 2 Results\n\n| n | drug |\n|---|---|\n| 12 | 1250 mg |\n\n2019 was the first year.\n\n5-FU was given.\n\n3D imaging was used.\n\n1. Patients were screened.\n';
    assert.deepEqual(described(text), []);
  });

  it('spaces digits as AMA (and SI) do, and fixes them: no commas, 4 digits closed up, thin spaces from 5', () => {
    const text = 'We screened 12500 patients and 1,250 controls over 1,250.5 and 1250.5 person-years; 1,234,567 doses.';
    const found = findings(text);
    assert.equal(applyFixes(text, found).text, 'We screened 12\u2009500 patients and 1250 controls over 1250.5 and 1250.5 person-years; 1\u2009234\u2009567 doses.');
  });

  it('rounds a percentage to what its sample supports only when the sample is certain', () => {
    assert.deepEqual(described('Of these, 45.67% (N = 50) relapsed.'), ['number-style 1:11-1:17 Write "46%": percentages of N = 50 (fewer than 100 support no decimals).']);
    // n = 45 may count the relapses of 989 patients, which support 1 decimal but not 2, and no certain rounding.
    const [ambiguous] = findings('Of these, 4.55% (n = 45) relapsed.');
    assert.equal(ambiguous!.message, 'Give this percentage at most 1 decimal: its sample (n = 45) does not support 2.');
    assert.equal(ambiguous!.fix, undefined);
    assert.deepEqual(described('Of these, 4.5% (n = 45) relapsed.'), []);
  });
});

describe('unit-format', () => {
  it('leaves "2L" (second line) and "10U" alone, and numbers inside gene and drug names', () => {
    assert.deepEqual(described('In 2L therapy, 10U was coded; PD-1, CTLA-4, IL-6, CD8, HER2 and COVID-19 were studied in phase 3, grade 3 and stage IV.'), []);
  });

  it('writes ml as mL in AMA style only', () => {
    assert.deepEqual(described('Each vial holds 10 ml.'), ['unit-format 1:17-1:22 Write "10 mL": AMA style writes liter as L.']);
    assert.deepEqual(described('Each vial holds 10 ml.', { statistics: { style: 'vancouver' } }), []);
  });
});

describe('spin', () => {
  it('tests significance exactly: P = .05 is not significant, a CI limit of 1.00 does not cross 1', () => {
    assert.deepEqual(described('There was a trend toward benefit (*P* = .05).'), ['spin 1:13-1:25 Report this result as not statistically significant (P = .05) rather than "trend toward".']);
    assert.deepEqual(described('There was a trend toward benefit (*P* = .049).'), []);
    assert.deepEqual(described('There was a trend toward benefit (HR, 0.80; 95% CI, 0.64-1.00).'), []);
    assert.deepEqual(described('There was a trend toward benefit (mean difference, 1.2; 95% CI, 0.0-2.4).'), []);
  });

  it('does not report a negated or clinical "significant", or one backed by a citation', () => {
    assert.deepEqual(described('Survival was not significantly longer. The change was clinically significant. It significantly improved survival [12].'), []);
  });
});

describe('statistic-consistency', () => {
  it('accepts a percentage rounded either way at a half, and a third as 33%', () => {
    const consistency = (text: string) => described(text).filter((finding) => finding.startsWith('statistic-consistency'));
    assert.deepEqual(consistency('Responses: 1 of 8 (12.5%), 1 of 8 (13%), 1 of 8 (12%), 1 of 3 (33%), 2 of 3 (67%), 1 of 3 (33.3%).'), []);
    assert.deepEqual(described('Responses: 2 of 3 (66%).'), ['statistic-consistency 1:20-1:23 2/3 is 67%, not 66%: check the count and the percentage.']);
  });

  it('does not pair a count with a percentage of something else', () => {
    assert.deepEqual(described('Of 12 of 50 patients (30% women), none relapsed.'), []);
  });
});

describe('statistics options in .medlintrc.json', () => {
  it('validates the style and the units', () => {
    assert.deepEqual(validateConfig('.medlintrc.json', '{ "statistics": { "style": "vancouver", "units": "ismp" } }').problems, []);
    assert.deepEqual(
      validateConfig('.medlintrc.json', '{ "statistics": { "style": "apa" } }').problems.map((problem) => problem.message),
      ['statistics.style: must be one of ama, vancouver'],
    );
  });

  it('reaches the linter through the project settings', () => {
    const root = mkdtempSync(join(tmpdir(), 'medlint-statistics-'));
    writeFileSync(join(root, '.medlintrc.json'), JSON.stringify({ rules: on, statistics: { style: 'vancouver', units: 'ismp' } }));
    const project = new Project(builtinCorpus(), { base: root });
    const medlint = project.settingsFor(join(root, 'a.md')).linter;
    assert.deepEqual(
      medlint.lint('Enrolled: 1250 patients (p=0.04); 10 ml of 100 µg/mL.').map((finding) => `${finding.ruleId} ${finding.message}`),
      ['unit-format Write "100 mcg/mL": ISMP: µg is misread as mg.'],
    );
  });
});
