import { readFileSync } from 'node:fs';
import { linter } from './helpers';
const files = readFileSync('test/real/SOURCES.md', 'utf8').split('\n').filter((l) => /\| patient \|/.test(l)).map((l) => l.split('|')[1]!.trim());
const l = linter({ runProfile: 'patient' });
const counts: Record<string, number> = {};
for (const f of files) {
  const text = readFileSync(`test/real/docs/${f}`, 'utf8');
  const findings = l.lint(text).filter((x) => ['jargon', 'readability'].includes(x.ruleId));
  const r = l.readability(text);
  console.log(`## ${f}: grade ${r.document.grade.toFixed(1)} smog ${r.document.smog.toFixed(1)}, ${r.sections.filter(s => s.scores.words >= 20 && s.scores.grade > 8).length}/${r.sections.length} sections above 8`);
  for (const x of findings) { counts[x.ruleId] = (counts[x.ruleId] ?? 0) + 1; if (x.ruleId === 'jargon') console.log(`  ${x.range.start.line + 1}: ${text.slice(x.start, x.end)} || ${text.slice(Math.max(0, x.start - 60), x.end + 80).replace(/\s+/g, ' ')}`); }
}
console.log(counts);
