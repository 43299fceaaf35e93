/**
 * The bibliography module, loaded on first use. Citation.js and citeproc-js are about 650 KB
 * minified and take about 100 ms to load: a document without a bibliography must not pay that, at
 * start or later. In the Node bundles esbuild leaves this require to a file of its own beside the
 * bundle (dist/bibliography.js); in the browser bundle the module is inside, evaluated on first use.
 */
export type BibliographyModule = typeof import('./bibliography');

let loaded: BibliographyModule | undefined;

export function bibliographyModule(): BibliographyModule {
  return (loaded ??= require('./bibliography') as BibliographyModule);
}
