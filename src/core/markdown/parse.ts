import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';

const withFrontmatter = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
const withoutFrontmatter = unified().use(remarkParse).use(remarkGfm);

/** Parses Markdown; front matter is recognised only where the text is the start of a document. */
export function parseMarkdown(text: string, documentStart = true): Root {
  return (documentStart ? withFrontmatter : withoutFrontmatter).parse(text);
}
