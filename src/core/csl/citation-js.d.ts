// The parts of Citation.js and citeproc-js that medlint uses; neither package ships type definitions.
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      /** Runs the parser of one input format: the raw result of that step, not yet CSL. */
      data(input: unknown, format: string): unknown;
      chain(input: unknown, options: { forceType: string; generateGraph: boolean }): Record<string, unknown>[];
      util: { clean(items: unknown[]): Record<string, unknown>[] };
    };
    output: { format(name: 'bibliography', data: unknown[], options: Record<string, unknown>): string };
    config: { get(plugin: '@csl'): { templates: { add(name: string, xml: string): void; has(name: string): boolean } } };
  };
  export const logger: { _log: unknown[] };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
declare module 'citeproc' {
  /** One output format of citeproc-js: how each decoration wraps its text. */
  export type OutputFormat = Record<string, unknown>;
  const CSL: { Output: { Formats: Record<string, OutputFormat> } };
  export default CSL;
}
