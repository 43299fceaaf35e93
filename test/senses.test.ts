import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planQuickFixes } from '../src/core/fixes';
import { Project } from '../src/node/project';
import { builtinCorpus, findingsOf, linter } from './helpers';

const rule = 'undefined-abbreviation';

describe('sense ranking for abbreviations with several meanings (issue #16)', () => {
  it('lets a statistic settle a measure: "95% CI", "HR 0.7", "HR for death" need no choice', () => {
    assert.deepEqual(findingsOf('The HR for death was 0.68.', rule), ['1:5-1:7 "HR" is not defined and not used again: write "hazard ratio".']);
    assert.deepEqual(findingsOf('The risk fell (HR 0.7).', rule), ['1:16-1:18 "HR" is not defined and not used again: write "hazard ratio".']);
    const [finding] = linter().lint('The HR for death was 0.68.').filter((candidate) => candidate.ruleId === rule);
    assert.deepEqual([finding!.fix!.newText, finding!.fix!.safe, finding!.alternatives], ['hazard ratio', true, undefined]);
    assert.deepEqual(linter().abbreviations('Survival improved (95% CI wide).'), [{ abbreviation: 'CI', expansion: 'confidence interval', entryId: 'confidence-interval', ambiguous: false, status: 'well-known' }]);
  });

  it('reads a statistic after the use in its own paragraph only: a number opening the next settles nothing', () => {
    assert.deepEqual(findingsOf('Patients were grouped by HR\n\n12 patients had events.', rule), [
      '1:26-1:28 "HR" is not defined at first use and has several meanings: write "hazard ratio (HR)", "heart rate (HR)", "hormone receptor (HR)", "homologous recombination (HR)" or "high risk (HR)".',
    ]);
  });

  it('offers one fix per sense, likeliest first by the words around the use, none of them safe for fix-all', () => {
    const text = 'HR status was known for all patients.';
    const [finding] = linter().lint(text).filter((candidate) => candidate.ruleId === rule);
    assert.equal(
      finding!.message,
      '"HR" is not defined at first use and has several meanings: write "hormone receptor (HR)", "hazard ratio (HR)", "heart rate (HR)", "homologous recombination (HR)" or "high risk (HR)".',
    );
    assert.deepEqual(
      [finding!.fix!, ...finding!.alternatives!].map((fix) => `${fix.newText}:${fix.safe}`),
      ['Hormone receptor (HR):false', 'Hazard ratio (HR):false', 'Heart rate (HR):false', 'Homologous recombination (HR):false', 'High risk (HR):false'],
    );
    assert.deepEqual(
      planQuickFixes([finding!], 0, 0).filter((quickFix) => quickFix.kind === 'fix').map((quickFix) => quickFix.title),
      ['Replace with "Hormone receptor (HR)" (undefined-abbreviation)', 'Replace with "Hazard ratio (HR)" (undefined-abbreviation)', 'Replace with "Heart rate (HR)" (undefined-abbreviation)', 'Replace with "Homologous recombination (HR)" (undefined-abbreviation)', 'Replace with "High risk (HR)" (undefined-abbreviation)'],
    );
    // Rituximab's mechanism: complement-dependent cytotoxicity before the public-health agency.
    assert.deepEqual(findingsOf('Rituximab kills B cells partly through CDC.', rule), [
      '1:40-1:43 "CDC" is not defined at first use and has several meanings: write "complement-dependent cytotoxicity (CDC)" or "Centers for Disease Control and Prevention (CDC)".',
    ]);
  });

  it('lists an undecided abbreviation with its senses in ranked order', () => {
    assert.deepEqual(linter().abbreviations('HR status was known for all patients.'), [
      { abbreviation: 'HR', expansion: 'hormone receptor or hazard ratio or heart rate or homologous recombination or high risk', entryId: 'hazard-ratio', ambiguous: true, status: 'undefined' },
    ]);
  });

  it('takes the sense a team pins in .medlintrc.json, and names a pin that is not a sense', () => {
    const root = mkdtempSync(join(tmpdir(), 'medlint-senses-'));
    writeFileSync(join(root, '.medlintrc.json'), '{ "senses": { "CI": "cumulative incidence", "HR": "heartbeat", "ZZQ": "nothing" } }');
    const project = new Project(builtinCorpus(), { base: root });
    const { linter: pinned } = project.settingsFor(join(root, 'a.md'));
    assert.deepEqual(project.problems.map((problem) => problem.message), [
      'senses.HR: "heartbeat" is not one of its senses (hazard ratio, heart rate, hormone receptor, homologous recombination, high risk)',
      'senses: "ZZQ" is not an abbreviation in the corpus',
    ]);
    const [finding] = pinned.lint('The CI of relapse was 20%.');
    assert.deepEqual([finding!.message, finding!.fix!.newText, finding!.fix!.safe], ['"CI" is not defined and not used again: write "cumulative incidence".', 'cumulative incidence', true]);
    assert.deepEqual(pinned.abbreviations('The CI of relapse was 20%.').map((item) => item.expansion), ['cumulative incidence']);
  });
});
