import CSL from 'citeproc';

/** The citeproc-js output format medlint formats references in: Markdown, for hovers and completion items. */
export const MARKDOWN_FORMAT = 'medlint-markdown';

const MARKDOWN_SPECIAL = /[\\`*_[\]<>]/g;

/** Stands in for the margin's citation number: citeproc-js keeps the number when a decoration returns "". */
const NO_MARGIN = '\u{E000}';

const unescapeMarkdown = (text: string) => text.replace(/\\(.)/g, '$1');

/**
 * A link target that survives Markdown: DOIs hold parentheses (Lancet's S0140-6736(20)…) and
 * angle brackets (Wiley's SICI DOIs), which would end or break a link's destination.
 */
function linkTarget(url: string): string {
  return encodeURI(url).replace(/[()#?]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Registers the format with citeproc-js once: the plain-text format with emphasis as Markdown, the
 * DOI and URL as links, and no citation number in the margin (a hover shows one reference, not a list).
 */
export function registerMarkdownFormat(): void {
  if (CSL.Output.Formats[MARKDOWN_FORMAT]) return;
  CSL.Output.Formats[MARKDOWN_FORMAT] = {
    ...CSL.Output.Formats.text,
    text_escape: (text: string | undefined) => (text ?? '').replace(MARKDOWN_SPECIAL, '\\$&'),
    '@font-style/italic': '*%%STRING%%*',
    '@font-style/oblique': '*%%STRING%%*',
    '@font-weight/bold': '**%%STRING%%**',
    '@vertical-align/sup': '<sup>%%STRING%%</sup>',
    '@vertical-align/sub': '<sub>%%STRING%%</sub>',
    '@display/left-margin': () => NO_MARGIN,
    '@display/right-inline': (_state: unknown, text: string) => text,
    '@display/block': (_state: unknown, text: string) => `\n${text}`,
    '@bibliography/entry': (_state: unknown, text: string) => `${text.replaceAll(NO_MARGIN, '')}\n`,
    '@DOI/true': (_state: unknown, text: string) => {
      const doi = unescapeMarkdown(text);
      return `[${text}](${linkTarget(/^https?:\/\//.test(doi) ? doi : `https://doi.org/${doi}`)})`;
    },
    '@URL/true': (_state: unknown, text: string) => `[${text}](${linkTarget(unescapeMarkdown(text))})`,
  };
}
