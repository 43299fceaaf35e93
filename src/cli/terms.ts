import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { CATEGORY_LABELS, formatProblem, type TermCategory, type TermEntry } from '../core/corpus/types';
import type { Linter } from '../core/linter';
import { resolveSettings } from '../core/settings';
import { count } from '../core/text/count';
import { builtinCorpus } from '../node/builtinCorpus';
import { Project } from '../node/project';
import { readTermFolder } from '../node/terms';
import { UsageError } from './files';
import type { Output } from './io';

const CATEGORIES = Object.keys(CATEGORY_LABELS) as TermCategory[];

/** The corpus this folder sees: built-in entries with the team's from the nearest config merged in. */
export function projectLinter(io: Output): Linter {
  const project = new Project(builtinCorpus);
  const { linter } = project.settingsFor(join(process.cwd(), 'draft.md'));
  for (const problem of project.problems) io.err(`medlint: ${formatProblem(problem)}\n`);
  return linter;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n');
}

function list(args: string[], io: Output): number {
  const { values } = parseArgs({ args, options: { category: { type: 'string' }, format: { type: 'string', default: 'text' } } });
  const category = values.category as TermCategory | undefined;
  if (category && !CATEGORIES.includes(category)) throw new UsageError(`unknown category "${category}" (use one of ${CATEGORIES.join(', ')})`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown format "${values.format}" (use text or json)`);
  const entries = projectLinter(io)
    .entries()
    .filter((entry) => !category || entry.category === category)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (values.format === 'json') {
    io.out(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const rows = [['ID', 'ABBREVIATION', 'CATEGORY', 'TERM'], ...entries.map((entry) => [entry.id, entry.abbreviation ?? '', entry.category, entry.term])];
  io.out(`${table(rows)}\n\n${count(entries.length, 'entry', 'entries')}\n`);
  return 0;
}

/** The entry as its term file holds it, so a team can start its own from it. */
export function entryAsYaml(entry: TermEntry): string {
  const { id, ...fields } = entry;
  return `# ${id}.yaml\n${stringify(fields, { lineWidth: 100 })}`;
}

function show(args: string[], io: Output): number {
  const name = args.join(' ').trim();
  if (!name) throw new UsageError('terms show needs an id or name, e.g. medlint terms show pd-1');
  const entry = projectLinter(io).define(name);
  if (!entry) {
    io.err(`medlint: "${name}" is not in the corpus. Run "medlint terms list" to see the entries.\n`);
    return 2;
  }
  io.out(entryAsYaml(entry));
  return 0;
}

/** Checks a team's term folder against the schema and, merged over the built-in corpus, the integrity rules. */
function validate(args: string[], io: Output): number {
  const [dir, ...extra] = args;
  if (!dir || extra.length > 0) throw new UsageError('terms validate takes one folder, e.g. medlint terms validate team/terms');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder`);
  const folder = readTermFolder(dir, dir);
  const files = folder.files!;
  const { problems } = resolveSettings(builtinCorpus, {}, [folder], dir);
  for (const problem of problems) io.out(`${formatProblem(problem)}\n`);
  const checked = `${count(files.terms.length, 'term file')} and ${count(files.claims.length, 'claim file')} in ${dir}`;
  if (problems.length > 0) {
    io.out(`\n✖ ${count(problems.length, 'problem')} in ${checked}\n`);
    return 1;
  }
  io.out(`${checked}: no problems\n`);
  return 0;
}

export function terms(args: string[], io: Output): number {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case 'list':
      return list(rest, io);
    case 'show':
      return show(rest, io);
    case 'validate':
      return validate(rest, io);
    default:
      throw new UsageError(subcommand ? `unknown terms command "${subcommand}" (use list, show or validate)` : 'terms needs a command: list, show ID or validate DIR');
  }
}
