import { analyze } from '../src/core/analysis';
import { compileCorpus } from '../src/core/corpus/compile';
import { parseMarkdown } from '../src/core/markdown/parse';
import { extractProse } from '../src/core/markdown/prose';
import { builtinCorpus } from './helpers';
const compiled = compileCorpus(builtinCorpus());
for (const body of ['[^1]: \n\n[^1]\n```\nunterminated fence', '[^1]: \n\n[^1]\n', '[^1]: x\n\n[^1]\n```\nfence', '[^1]: \n\n[^1] text\n\nmore\n']) {
  const whole = extractProse(parseMarkdown(body), body);
  const chunked = analyze(body, compiled).prose;
  console.log(JSON.stringify(body), '\n  whole  ', JSON.stringify(whole.text), JSON.stringify(whole.blocks), '\n  chunked', JSON.stringify(chunked.text), JSON.stringify(chunked.blocks));
}
