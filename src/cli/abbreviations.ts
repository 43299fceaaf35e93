import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { abbreviationTable } from '../core/abbreviationList';
import { formatProblem } from '../core/corpus/types';
import { Project } from '../node/project';
import { builtinCorpus } from '../node/builtinCorpus';
import { expandPaths, UsageError } from './files';
import type { Output } from './io';

const FORMATS = ['markdown', 'json'] as const;

/**
 * `medlint abbreviations FILE...`: every abbreviation each file uses, with the expansion it defines,
 * as a Markdown table (one per scope with --by-scope) or JSON; the ones used but never defined are
 * marked in the list and named on standard error.
 */
export function abbreviations(args: string[], io: Output): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'markdown' }, 'by-scope': { type: 'boolean', default: false }, config: { type: 'string' } } });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (use ${FORMATS.join(' or ')})`);
  if (positionals.length === 0) throw new UsageError('abbreviations needs a file, e.g. medlint abbreviations manuscript.md');
  const files = expandPaths(positionals);
  const project = new Project(builtinCorpus, values.config ? { explicitConfig: values.config } : {});
  const lists = files.map((file) => {
    const items = project.settingsFor(file).linter.abbreviations(readFileSync(file, 'utf8'), { byScope: values['by-scope']! });
    const undefinedOnes = items.filter((item) => item.status === 'undefined').map((item) => item.abbreviation + (item.scope ? ` in ${item.scope}` : ''));
    if (undefinedOnes.length > 0) io.err(`medlint: ${file}: used but not defined: ${undefinedOnes.join(', ')}\n`);
    return { file, abbreviations: items };
  });
  for (const problem of project.problems) io.err(`medlint: ${formatProblem(problem)}\n`);
  if (format === 'json') io.out(`${JSON.stringify(lists, null, 2)}\n`);
  else io.out(lists.map(({ file, abbreviations: items }) => (lists.length > 1 ? `## ${file}\n\n` : '') + abbreviationTable(items)).join('\n'));
  return project.problems.length > 0 ? 2 : 0;
}
