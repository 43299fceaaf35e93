import assert from 'node:assert/strict';
import { statisticsRules } from '../src/core/rules';
import type { StatisticsOptions } from '../src/core/types';
import { describeFinding, linter } from './helpers';
import { AMA_CORRECT, VANCOUVER_CORRECT } from './statistics/correct';
import { AMA_WRONG, ISMP, ISMP_WRONG, VANCOUVER, VANCOUVER_WRONG, type WrongForm } from './statistics/wrong';

const statisticsOn = Object.fromEntries(statisticsRules.map((rule) => [rule.id, rule.defaultSeverity]));
const ids = new Set(Object.keys(statisticsOn));

function statisticsFindings(markdown: string, statistics?: StatisticsOptions): string[] {
  return linter({ rules: statisticsOn, ...(statistics ? { statistics } : {}) })
    .lint(markdown)
    .filter((finding) => ids.has(finding.ruleId))
    .map((finding) => `${finding.ruleId} ${describeFinding(finding)}`);
}

describe('numbers, units and statistics: published conventions, table-driven', () => {
  it('has at least 100 correct and 100 wrong forms', () => {
    assert.ok(AMA_CORRECT.length + VANCOUVER_CORRECT.length >= 100);
    assert.ok(AMA_WRONG.length + VANCOUVER_WRONG.length + ISMP_WRONG.length >= 100);
  });

  const correct: [string, StatisticsOptions | undefined][] = [...AMA_CORRECT.map((text) => [text, undefined] as [string, undefined]), ...VANCOUVER_CORRECT.map((text) => [text, VANCOUVER] as [string, StatisticsOptions])];
  for (const [markdown, statistics] of correct) {
    it(`accepts${statistics ? ' (vancouver)' : ''}: ${markdown}`, () => assert.deepEqual(statisticsFindings(markdown, statistics), []));
  }

  const wrong: [WrongForm, StatisticsOptions | undefined][] = [
    ...AMA_WRONG.map((form) => [form, undefined] as [WrongForm, undefined]),
    ...VANCOUVER_WRONG.map((form) => [form, VANCOUVER] as [WrongForm, StatisticsOptions]),
    ...ISMP_WRONG.map((form) => [form, ISMP] as [WrongForm, StatisticsOptions]),
  ];
  for (const [[markdown, expected], statistics] of wrong) {
    it(`reports${statistics ? ` (${JSON.stringify(statistics)})` : ''}: ${markdown}`, () => assert.deepEqual(statisticsFindings(markdown, statistics), expected));
  }
});
