/** Regenerates the rule reference in README.md from the rule modules. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withRulesSection } from './ruleDocs';

const readme = join(__dirname, '..', '..', 'README.md');
writeFileSync(readme, withRulesSection(readFileSync(readme, 'utf8')));
console.log('README.md: rule reference regenerated');
