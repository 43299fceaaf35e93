import { builtinCorpus, linter } from './helpers';
const l = linter();
let n = 0;
for (const term of builtinCorpus().terms) {
  const text = `---\nmedlint: { profile: patient }\n---\n${term.lay!.trim()}\n`;
  const findings = l.lint(text).filter(f => ['readability', 'jargon', 'undefined-abbreviation', 'abbreviation-defined-late','abbreviation-rarely-used'].includes(f.ruleId) || f.severity === 'error');
  const grade = l.readability(text).document.grade;
  if (findings.length || grade > 8) { n++; console.log(`${term.id} [${grade.toFixed(1)}]: ${findings.map(f => `${f.ruleId}: ${text.slice(f.start, f.end)}`).join(' | ')}`); }
}
console.log(n);
