import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withRulesSection } from '../src/tools/ruleDocs';
import { ROOT } from './helpers';

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('carries the rule reference generated from the rules (run npm run docs)', () => {
    assert.equal(readme, withRulesSection(readme));
  });

  it('gives the two quick-start commands that CI runs', () => {
    assert.ok(readme.includes('npm ci && npx medlint check examples/'));
    assert.ok(readme.includes('npm test'));
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    assert.match(ci, /^npx medlint check examples\/ \|\| quick_start=\$\?$/m);
    assert.match(ci, /^npm test$/m);
  });
});
