import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { formatProblem } from '../core/corpus/types';
import { applyFixes } from '../core/fixes';
import type { Finding } from '../core/types';
import { builtinCorpus } from '../node/builtinCorpus';
import { Project } from '../node/project';
import { expandPaths, UsageError } from './files';
import { formatJson, formatSarif, formatStylish, type FileResult } from './format';
import type { Output } from './io';
import { projectLinter, terms } from './terms';

const HELP = `medlint ${version}: checks medical writing in Markdown against a reference corpus

Usage:
  medlint check [paths, folders or globs...]   lint Markdown (default: **/*.md here)
      --format stylish|json|sarif               output format (default: stylish)
      --config FILE                             use this config instead of the nearest .medlintrc.json
      --max-warnings N                          exit 1 when there are more than N warnings
      --fix                                     apply every available fix in place
  medlint define TERM                           print the reference card of a term
  medlint terms list [--category C] [--format text|json]
                                                list the corpus, with the team's terms from the config
  medlint terms show ID                         print an entry as its term file holds it
  medlint terms validate DIR                    check a folder of the team's own terms (file:line errors)
  medlint lsp --stdio                           run the language server for any LSP editor
  medlint --help | --version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration errors.
`;

const MAX_FIX_PASSES = 10;

type Decoded = { text: string; bom: boolean } | { skip: string };

function readDraft(file: string): Decoded {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { skip: `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { skip: 'binary file' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf };
  } catch {
    return { skip: 'not UTF-8 text' };
  }
}

function check(args: string[], io: Output): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      config: { type: 'string' },
      'max-warnings': { type: 'string' },
      fix: { type: 'boolean', default: false },
    },
  });
  const format = values.format!;
  if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format "${format}" (use stylish, json or sarif)`);
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) throw new UsageError('--max-warnings takes a whole number');
  if (values.config) {
    try {
      readFileSync(values.config);
    } catch {
      throw new UsageError(`cannot read config file ${values.config}`);
    }
  }

  // Each file is linted once, or again after its fixes are applied.
  const project = new Project(builtinCorpus, { reuseChunks: values.fix!, ...(values.config ? { explicitConfig: values.config } : {}) });
  const results: FileResult[] = [];
  for (const file of expandPaths(positionals)) {
    const draft = readDraft(file);
    if ('skip' in draft) {
      io.err(`medlint: skipped ${file}: ${draft.skip}\n`);
      continue;
    }
    const { linter, ignored } = project.settingsFor(file);
    if (ignored) continue;
    let text = draft.text;
    if (values.fix) {
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const fixed = applyFixes(text, linter.lint(text));
        if (fixed.applied === 0) break;
        text = fixed.text;
      }
      if (text !== draft.text) writeFileSync(file, draft.bom ? `\ufeff${text}` : text);
    }
    results.push({ file, findings: linter.lint(text) });
    // On standard error, so that the JSON and SARIF on standard output stay as they are.
    for (const notice of linter.notices(text)) {
      const { line, character } = notice.span.range.start;
      io.err(`medlint: ${file}:${line + 1}:${character + 1}: ${notice.message}\n`);
    }
  }

  for (const problem of project.problems) io.err(`medlint: ${formatProblem(problem)}\n`);
  if (format === 'json') io.out(`${formatJson(results)}\n`);
  else if (format === 'sarif') io.out(`${formatSarif(results, version)}\n`);
  else io.out(formatStylish(results, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR));

  if (project.problems.length > 0) return 2;
  const all: Finding[] = results.flatMap((result) => result.findings);
  const errors = all.filter((finding) => finding.severity === 'error').length;
  const warnings = all.filter((finding) => finding.severity === 'warning').length;
  if (errors > 0) return 1;
  if (warnings > maxWarnings) {
    io.err(`medlint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
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

export function main(argv: string[], io: Output): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return check(rest, io);
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

process.exitCode = main(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
