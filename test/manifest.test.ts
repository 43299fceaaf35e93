import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/core/rules';
import { ROOT } from './helpers';

describe('VS Code manifest', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const properties = manifest.contributes.configuration.properties;

  it('has one Settings UI severity setting per rule, naming its default, and the object form for every rule', () => {
    const perRule = Object.keys(properties).filter((key) => key.startsWith('medlint.severity.'));
    assert.deepEqual(perRule, rules.map((rule) => `medlint.severity.${rule.id}`));
    for (const rule of rules) {
      const setting = properties[`medlint.severity.${rule.id}`];
      assert.deepEqual(setting.enum, ['default', 'off', 'hint', 'info', 'warning', 'error']);
      assert.equal(setting.default, 'default');
      assert.ok(setting.markdownDescription.endsWith(`the rule's own severity (${rule.defaultSeverity}).`), setting.markdownDescription);
    }
    assert.deepEqual(Object.keys(properties['medlint.rules'].properties), rules.map((rule) => rule.id));
  });

  it('lints as you type, Quarto, R Markdown and plain text by default', () => {
    assert.equal(properties['medlint.run'].default, 'onType');
    assert.deepEqual(properties['medlint.languages'].default, ['markdown', 'quarto', 'rmd', 'plaintext']);
    assert.equal(properties['medlint.hover'].default, 'all');
  });
});
