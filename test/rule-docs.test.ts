import assert from 'node:assert/strict';
import { rules } from '../src/core/rules';
import { findingsOf } from './helpers';

describe('rule docs: every documented example runs', () => {
  for (const rule of rules) {
    describe(rule.id, () => {
      it('documents a summary, a description and both valid and invalid examples', () => {
        assert.ok(rule.docs.summary.length > 10);
        assert.ok(rule.docs.description.length > 40);
        assert.ok(rule.docs.examples.some((example) => example.expected.length === 0), 'a valid example');
        assert.ok(rule.docs.examples.some((example) => example.expected.length > 0), 'an invalid example');
        assert.ok(rule.docs.severity.startsWith(`${rule.defaultSeverity}: `), 'says why its default severity is what it is');
      });
      for (const example of rule.docs.examples) {
        it(`${example.expected.length ? 'reports' : 'accepts'}${example.options ? ` (${JSON.stringify(example.options)})` : ''}: ${JSON.stringify(example.markdown)}`, () => {
          // A rule off by default (until a profile turns it on) is documented as it reports when on.
          assert.deepEqual(findingsOf(example.markdown, rule.id, { ...example.options, rules: { [rule.id]: rule.defaultSeverity } }), example.expected);
        });
      }
    });
  }
});
