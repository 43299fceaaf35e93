/**
 * `npm run real`: medlint on the labelled real-text set, per rule and overall: findings, precision,
 * false alarms per 1,000 words, recall where misses are labelled, and every finding with no label.
 * `npm run real -- --update` writes new findings into labels.yaml as `todo` and drops stale labels.
 */
import {
  evaluate,
  falseAlarmsPerThousandWords,
  precision,
  recall,
  tallies,
  writeLabels,
  type Tally,
} from './realText';

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

function row(name: string, tally: Tally): string {
  const cells = [
    name.padEnd(24),
    String(tally.findings).padStart(8),
    String(tally.tp).padStart(5),
    String(tally.fp).padStart(5),
    percent(precision(tally)).padStart(9),
    falseAlarmsPerThousandWords(tally).toFixed(2).padStart(11),
    (tally.missed || tally.tp ? percent(recall(tally)) : '-').padStart(8),
    String(tally.unlabelled).padStart(10),
  ];
  return cells.join(' ');
}

const evaluation = evaluate();
if (process.argv.includes('--update')) writeLabels(evaluation);
const { byRule, byRegister, overall } = tallies(evaluation);
const words = overall.words;
console.log(`Real-text set: ${evaluation.documents.length} documents, ${words.toLocaleString('en-US')} words (test/real/SOURCES.md)\n`);
console.log(['rule / register'.padEnd(24), 'findings', '   tp', '   fp', 'precision', 'fp/1k words', '  recall', 'unlabelled'].join(' '));
for (const [rule, tally] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) console.log(row(rule, tally));
console.log('');
for (const [register, tally] of byRegister) console.log(row(`${register} text`, tally));
console.log(row('overall', overall));
const errorAlarms = evaluation.findings.filter(({ finding, label }) => finding.severity === 'error' && label?.label === 'fp');
console.log(`\nfalse alarms at error severity: ${errorAlarms.length}`);
for (const { file, finding, text } of errorAlarms) console.log(`  ${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.ruleId} "${text}"`);
const unlabelled = evaluation.findings.filter(({ label }) => !label || label.label === 'todo');
if (unlabelled.length) {
  console.log(`\nunlabelled findings (${unlabelled.length}): label each in test/real/labels.yaml`);
  for (const { file, finding, text } of unlabelled) {
    console.log(`  ${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.ruleId} "${text.replace(/\s+/g, ' ')}": ${finding.message}`);
  }
}
if (evaluation.stale.length) {
  console.log(`\nlabels no finding matches (${evaluation.stale.length}): a reviewed behaviour changed`);
  for (const label of evaluation.stale) console.log(`  ${label.file}:${label.at} ${label.rule} "${label.text}" (${label.label})`);
}
const careful = byRegister.get('professional')!;
const patient = byRegister.get('patient')!;
const carefulTally = { ...careful, fp: careful.fp + patient.fp, words: careful.words + patient.words };
console.log('targets: precision 95%, at most 0.3 false alarms per 1,000 words of professional text, no false alarm at error severity, recall on loose text 85%');
console.log(
  `\nsummary: precision ${percent(precision(overall))}, ${falseAlarmsPerThousandWords(carefulTally).toFixed(2)} false alarms per 1,000 words of careful text, ` +
    `recall on loose text ${percent(recall(byRegister.get('loose')!))}, ${unlabelled.length} unlabelled, ${evaluation.stale.length} stale`,
);
