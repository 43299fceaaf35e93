import { closestName } from '../closest';
import type { Rule } from './rule';

// What each Quarto cross-reference type labels, as a message names it.
const ELEMENTS: Record<string, string> = {
  fig: 'figure', tbl: 'table', sec: 'section', eq: 'equation', lst: 'listing', thm: 'theorem', lem: 'lemma', cor: 'corollary',
  prp: 'proposition', cnj: 'conjecture', def: 'definition', exm: 'example', exr: 'exercise', sol: 'solution', rem: 'remark', alg: 'algorithm',
};

export const unknownCrossref: Rule = {
  id: 'unknown-crossref',
  defaultSeverity: 'warning',
  safeFixes: false,
  docs: {
    severity: 'warning: Quarto renders a reference to a missing label as "?@fig-km" in the output, but the label may be given in a file medlint was not told belongs to the document.',
    summary: 'Refer only to figures, tables, sections and equations the document labels.',
    description:
      'A Quarto cross-reference (`@fig-km`, `@tbl-ae`, `@sec-methods`, `@eq-hazard`) is reported when no element of ' +
      'the document carries its label: an attribute (`{#fig-km}` on an image, heading, div, table caption or equation) ' +
      'or a code chunk option (`#| label: fig-km`, or the chunk header of R Markdown). In a Quarto book, or a document ' +
      'whose files the config lists under `documents`, every file\'s labels count. A label one or two keystrokes away ' +
      'is offered as the fix.',
    examples: [
      {
        markdown: 'Survival is shown in @fig-km.\n\n::: {#fig-km}\nKaplan-Meier estimates of overall survival.\n:::',
        expected: [],
      },
      {
        markdown: 'Survival is shown in @fig-kn.\n\n::: {#fig-km}\nKaplan-Meier estimates of overall survival.\n:::',
        expected: ['1:23-1:29 No element is labelled "fig-kn": did you mean "fig-km"?'],
      },
      {
        markdown: 'Adverse events are listed in @tbl-ae.\n\n```{r}\n#| label: tbl-safety\nknitr::kable(ae)\n```',
        expected: ['1:31-1:37 No table is labelled "tbl-ae" in the document: label it {#tbl-ae} (or `#| label: tbl-ae` in its code chunk), or correct the reference.'],
      },
    ],
  },
  check(analysis, report) {
    const references = analysis.pandocReferences.filter((reference) => reference.kind === 'crossref');
    if (references.length === 0) return;
    const labels = new Set(analysis.crossrefLabels.map(({ label }) => label));
    const parts = analysis.documentParts;
    for (const { summary } of [...(parts?.before ?? []), ...(parts?.after ?? [])]) for (const label of summary.crossrefLabels) labels.add(label);
    for (const { key, start, end } of references) {
      if (labels.has(key)) continue;
      const close = closestName(key, labels);
      if (close) {
        report({ start, end, inSource: true, message: `No element is labelled "${key}": did you mean "${close}"?`, fix: close });
        continue;
      }
      const element = ELEMENTS[key.slice(0, key.indexOf('-'))]!;
      report({
        start,
        end,
        inSource: true,
        message: `No ${element} is labelled "${key}" in the document: label it {#${key}}${element === 'figure' || element === 'table' ? ` (or \`#| label: ${key}\` in its code chunk)` : ''}, or correct the reference.`,
      });
    }
  },
};
