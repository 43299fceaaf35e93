import { linter } from './helpers';
const cases: Record<string, (n: number) => string> = {
  'partial expansions': (n) => 'immune effector cell-associated neurotoxicity programmed cell death protein '.repeat(Math.ceil(n / 77)),
  'open brackets': (n) => '[a '.repeat(n / 3),
  'emphasis openers': (n) => '*a '.repeat(n / 3),
  'mixed delimiters': (n) => '*_a_* **_b '.repeat(n / 11),
  'backticks': (n) => '`a ``b '.repeat(n / 7),
  'angle brackets': (n) => '<a <b '.repeat(n / 6),
  'one long word': (n) => 'a'.repeat(n),
  'abbreviation soup': (n) => 'PD-1 PD-L1 HR CI irAEs (PD-1) ('.repeat(n / 31),
  
  'list nesting': (n) => Array.from({ length: n / 40 }, (_, i) => ' '.repeat((i % 20) * 2) + '- item PD-1').join('\n'),
};
for (const [name, make] of Object.entries(cases)) {
  const times = [50_000, 100_000, 200_000].map((n) => { const text = make(n); const l = linter(); const s = performance.now(); l.lint(text); return performance.now() - s; });
  console.log(name.padEnd(20), times.map((t) => t.toFixed(0).padStart(6)).join(' '), 'ms  ratio 200k/100k', (times[2]! / times[1]!).toFixed(2));
}
