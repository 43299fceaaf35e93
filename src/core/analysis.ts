import type { Root } from 'mdast';
import type { CompiledCorpus, MatchPayload } from './corpus/compile';
import type { PhraseMatch } from './matcher';
import { parseMarkdown } from './markdown/parse';
import { extractProse, type Prose, type ProseBlock } from './markdown/prose';
import { LineIndex } from './text/lineIndex';
import { spanAt } from './text/spans';
import { splitSentences, type Sentence } from './text/sentences';
import { tokenize, type Tokens } from './text/tokens';

export type CorpusMatch = PhraseMatch<MatchPayload>;

/** Everything the rules and hover need about one version of a document, computed once. */
export interface Analysis {
  source: string;
  lines: LineIndex;
  tree: Root;
  prose: Prose;
  tokens: Tokens;
  sentences: Sentence[];
  matches: CorpusMatch[];
  compiled: CompiledCorpus;
}

export function analyze(source: string, compiled: CompiledCorpus): Analysis {
  const tree = parseMarkdown(source);
  const prose = extractProse(tree, source);
  const tokens = tokenize(prose.text);
  return {
    source,
    lines: new LineIndex(source),
    tree,
    prose,
    tokens,
    sentences: splitSentences(prose.text),
    matches: compiled.matcher.findAll(tokens),
    compiled,
  };
}

/** The prose block containing a prose offset. */
export function blockAt(prose: Prose, offset: number): ProseBlock | undefined {
  return spanAt(prose.blocks, offset);
}
