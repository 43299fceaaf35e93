import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { formatProblem, type CorpusProblem } from '../core/corpus/types';
import { abbreviations } from './abbreviations';
import { expandPaths, UsageError } from './files';
import { createReporter, FORMATS, type Format } from './format';
import { processOutput, type Output } from './io';
import { lintFile, type FileOutcome, type LintJob } from './lintFile';
import { lintInThreads, projectFor, serveIfLintWorker } from './parallel';
import { threadsFor } from './threads';
import { projectLinter, terms } from './terms';

const HELP = `medlint ${version}: checks medical writing in Markdown against a reference corpus

Usage:
  medlint check [paths, folders or globs...]   lint Markdown, Quarto, R Markdown (default: this folder)
      --format stylish|json|sarif|markdown      output format (default: stylish; markdown: a
                                                summary for a pull request comment)
      --config FILE                             use this config instead of the nearest .medlintrc.json
      --profile NAME                            check every file as NAME: professional, manuscript,
                                                patient, regulatory or one of the config's profiles
                                                (default: each file's front matter, then the config)
      --max-warnings N                          exit 1 when there are more than N warnings
      --explain                                 print why under each problem (stylish)
      --fix                                     apply the safe fixes in place (spelling, variants,
                                                definitions at first use) until none is left, and
                                                say what was fixed; meaning-changing fixes are not applied
      --jobs N                                  lint on N threads (default: one per core)
  medlint abbreviations FILE...                 list every abbreviation a document uses, with the
                                                expansion it defines (those never defined marked)
      --format markdown|json                    a Markdown table (default) or JSON
      --by-scope                                one list per scope: abstract, body, each legend
      --config FILE                             use this config instead of the nearest .medlintrc.json
  medlint define TERM                           print the reference card of a term
  medlint terms list [--category C] [--format text|json]
                                                list the corpus, with the team's terms from the config
  medlint terms show ID                         print an entry as its term file holds it
  medlint terms validate DIR                    check a folder of the team's own terms (file:line errors)
  medlint lsp --stdio                           run the language server for any LSP editor
  medlint --help | --version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration errors.
`;

async function check(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      config: { type: 'string' },
      profile: { type: 'string' },
      'max-warnings': { type: 'string' },
      fix: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      jobs: { type: 'string' },
    },
  });
  const format = values.format!;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) throw new UsageError('--max-warnings takes a whole number');
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs takes a whole number of at least 1');
  if (values.config) {
    try {
      readFileSync(values.config);
    } catch {
      throw new UsageError(`cannot read config file ${values.config}`);
    }
  }

  const report = { format: format as Format, version, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, explain: values.explain! };
  if (values.profile !== undefined && !values.profile.trim()) throw new UsageError('--profile takes a profile name, e.g. --profile patient');
  const job: LintJob = { fix: values.fix!, report, ...(values.config ? { config: values.config } : {}), ...(values.profile ? { profile: values.profile.trim() } : {}) };
  const files = expandPaths(positionals);
  const reporter = createReporter(report.format, report);
  let errors = 0;
  let warnings = 0;
  const write = (outcome: FileOutcome) => {
    if ('skip' in outcome) io.err(`medlint: skipped ${outcome.file}: ${outcome.skip}\n`);
    if (!('piece' in outcome)) return;
    if (outcome.fixed) io.err(`medlint: ${outcome.file}: ${outcome.fixed}\n`);
    // On standard error, so that the JSON and SARIF on standard output stay as they are.
    for (const notice of outcome.notices) io.err(`medlint: ${outcome.file}:${notice}\n`);
    errors += outcome.piece.counts.error;
    warnings += outcome.piece.counts.warning;
    io.out(reporter.write(outcome.piece));
  };
  const finish = (problems: CorpusProblem[]) => {
    io.out(reporter.end());
    for (const problem of problems) io.err(`medlint: ${formatProblem(problem)}\n`);
    if (problems.length > 0) return 2;
    if (errors > 0) return 1;
    if (warnings > maxWarnings) {
      io.err(`medlint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  };
  const threads = threadsFor(files.length, jobs);
  if (threads > 1) return finish(await lintInThreads(files, job, threads, __filename, write, io.drained));
  // Each file is linted once, or again after its fixes are applied.
  const project = projectFor(job);
  for (const file of files) {
    write(lintFile(project, file, job, reporter));
    await io.drained?.();
  }
  return finish(project.problems);
}

function define(args: string[], io: Output): number {
  const name = args.join(' ').trim();
  if (!name) throw new UsageError('define needs a term, e.g. medlint define PD-1');
  const linter = projectLinter(io);
  const entry = linter.define(name);
  if (!entry) {
    io.err(`medlint: "${name}" is not in the corpus. Try the abbreviation, full term or brand name; medlint define accepts any of them.\n`);
    return 2;
  }
  io.out(`${linter.card(entry)}\n`);
  return 0;
}

/** Starts the language server from its own bundle: other commands never load it. */
function languageServer(args: string[]): number {
  if (!args.includes('--stdio')) throw new UsageError('medlint lsp speaks over standard input and output: run "medlint lsp --stdio"');
  const load = require;
  (load(join(__dirname, 'medlint-server.js')) as typeof import('../server/server')).startServer();
  return 0;
}

export async function main(argv: string[], io: Output): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await check(rest, io);
      case 'abbreviations':
        return abbreviations(rest, io);
      case 'define':
        return define(rest, io);
      case 'terms':
        return terms(rest, io);
      case 'lsp':
        return languageServer(rest);
      case '--version':
      case '-v':
        io.out(`${version}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(HELP);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`medlint: ${(error as Error).message}\nRun "medlint --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
}

if (!serveIfLintWorker()) {
  void main(process.argv.slice(2), processOutput).then((code) => (process.exitCode = code));
}
