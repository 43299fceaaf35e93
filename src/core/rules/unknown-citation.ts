import type { Rule } from './rule';

export const unknownCitation: Rule = {
  id: 'unknown-citation',
  defaultSeverity: 'error',
  safeFixes: false,
  docs: {
    severity: 'error: a key the bibliography lacks is wrong whatever the context: Pandoc and Quarto print it as "(smith2021?)" in the output, with no reference.',
    summary: 'Cite only keys the bibliography holds.',
    description:
      'In a document with a bibliography (front matter `bibliography:`, or the `_quarto.yml` of its Quarto project; ' +
      'BibTeX, BibLaTeX, CSL-JSON or CSL-YAML), every Pandoc citation (`[@key]`, `[-@key]`, `@key`, `[see @a; @b, p. 4]`) ' +
      'must name a key of it. A key that differs only in case, or by a keystroke or two, from exactly one key of the ' +
      'bibliography is offered as the fix. Cross-references (`@fig-km`, `@tbl-ae`) are not citations. A document with no ' +
      'bibliography is not checked. In the examples, the bibliography holds `smith2020` and `lee2021`.',
    exampleBibliography:
      '@article{smith2020, author = {Smith, Jane}, title = {Survival with checkpoint inhibitors}, journal = {J Clin Oncol}, year = {2020}}\n' +
      '@article{lee2021, author = {Lee, Kim}, title = {Immune-related adverse events}, journal = {Lancet Oncol}, year = {2021}}\n',
    examples: [
      { markdown: 'Survival improved [@smith2020; @lee2021].', expected: [] },
      { markdown: 'Survival improved [@smith2021].', expected: ['1:21-1:30 "smith2021" is not in the bibliography: did you mean "smith2020"?'] },
      { markdown: 'As @chen2019 showed, survival improved.', expected: ['1:5-1:13 "chen2019" is not in the bibliography: add its entry, or correct the key.'] },
    ],
  },
  check(analysis, report) {
    const bibliography = analysis.citationSources?.bibliography;
    if (!bibliography) return;
    for (const { kind, key, start, end } of analysis.pandocReferences) {
      if (kind !== 'citation' || bibliography.has(key)) continue;
      const close = bibliography.closest(key);
      if (close) report({ start, end, inSource: true, message: `"${key}" is not in the bibliography: did you mean "${close}"?`, fix: close });
      else report({ start, end, inSource: true, message: `"${key}" is not in the bibliography: add its entry, or correct the key.` });
    }
  },
};
