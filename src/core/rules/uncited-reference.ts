import { bibliographyNamedAt, nocited } from '../citations';
import type { Rule } from './rule';

export const uncitedReference: Rule = {
  id: 'uncited-reference',
  defaultSeverity: 'info',
  safeFixes: false,
  docs: {
    severity: 'info: an entry never cited is tidying, not an error; off by default, as a shared bibliography (a team\'s library) holds far more than one document cites. Turn it on for a manuscript whose bibliography is its reference list.',
    summary: 'Cite every entry of a manuscript\'s own bibliography, or take it out.',
    description:
      'Each entry of the bibliography that the document\'s front matter names is reported, at that name, when no citation ' +
      'of the document (or of the other files of a document in several files) names its key. Keys listed in front matter ' +
      '`nocite:` count as cited, and `nocite: "@*"` cites them all, as in Pandoc. A bibliography named only by a Quarto ' +
      'project\'s `_quarto.yml` is shared by its documents and is not checked. In the examples, `references.bib` holds ' +
      '`smith2020` (Smith J, 2020) and `lee2021` (Lee K, 2021).',
    exampleBibliography:
      '@article{smith2020, author = {Smith, Jane}, title = {Survival with checkpoint inhibitors}, journal = {J Clin Oncol}, year = {2020}}\n' +
      '@article{lee2021, author = {Lee, Kim}, title = {Immune-related adverse events}, journal = {Lancet Oncol}, year = {2021}}\n',
    examples: [
      { markdown: '---\nbibliography: references.bib\n---\n\nSurvival improved [@smith2020; @lee2021].', expected: [] },
      { markdown: '---\nbibliography: references.bib\nnocite: |\n  @lee2021\n---\n\nSurvival improved [@smith2020].', expected: [] },
      {
        markdown: '---\nbibliography: references.bib\n---\n\nSurvival improved [@smith2020].',
        expected: ['2:15-2:29 "lee2021" (Lee K, 2021) in references.bib is never cited: cite it, or take it out of the bibliography.'],
      },
    ],
  },
  check(analysis, report) {
    const bibliography = analysis.citationSources?.bibliography;
    if (!bibliography) return;
    const { all, keys: cited } = nocited(analysis.frontMatter);
    if (all) return;
    for (const { kind, key } of analysis.pandocReferences) if (kind === 'citation') cited.add(key);
    const parts = analysis.documentParts;
    for (const { summary } of [...(parts?.before ?? []), ...(parts?.after ?? [])]) for (const key of summary.citedKeys) cited.add(key);
    // Where the front matter names each file, found once per file rather than once per entry.
    const namedAt = new Map<string, ReturnType<typeof bibliographyNamedAt>>();
    for (const entry of bibliography.entries) {
      if (cited.has(entry.key)) continue;
      if (!namedAt.has(entry.file)) namedAt.set(entry.file, bibliographyNamedAt(analysis, entry.file));
      const named = namedAt.get(entry.file);
      if (!named) continue;
      const source = [entry.authors, entry.year].filter((part) => part !== undefined && part !== '').join(', ');
      const file = entry.file.split(/[\\/]/).pop();
      report({ ...named, inSource: true, message: `"${entry.key}"${source ? ` (${source})` : ''} in ${file} is never cited: cite it, or take it out of the bibliography.` });
    }
  },
};
