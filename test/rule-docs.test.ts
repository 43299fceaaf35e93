import assert from 'node:assert/strict';
import { rules } from '../src/core/rules';
import { bibliographyModule } from '../src/core/bibliographyModule';
import type { CitationSources } from '../src/core/citations';
import { describeFinding, linter } from './helpers';

/** The bibliography a rule's examples cite from, as `references.bib`. */
function sourcesOf(bibtex: string | undefined): CitationSources | undefined {
  if (bibtex === undefined) return undefined;
  const { Bibliography, parseBibliography } = bibliographyModule();
  return { bibliography: new Bibliography([parseBibliography(bibtex, 'biblatex', 'references.bib')]) };
}

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
        it(`${example.expected.length ? 'reports' : 'accepts'}: ${JSON.stringify(example.markdown)}`, () => {
          // A rule off by default is documented as it reports once turned on.
          const on = rule.defaultSeverity === 'off' ? { rules: { [rule.id]: 'warning' as const } } : {};
          const findings = linter(on).lint(example.markdown, 'markdown', undefined, sourcesOf(rule.docs.exampleBibliography));
          assert.deepEqual(findings.filter((finding) => finding.ruleId === rule.id).map(describeFinding), example.expected);
        });
      }
    });
  }
});
