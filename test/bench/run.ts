/**
 * npm run bench: medlint against the tools writers would otherwise use, on the same generated
 * drafts, side by side. Prints one table and the targets, and writes the results as JSON.
 *
 *   node dist/bench.js [--sizes 10k,100k,1m,10m] [--timeout 300] [--out test-output/bench/results.json]
 */
import { spawnSync } from 'node:child_process';
import { isMainThread, Worker } from 'node:worker_threads';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { variantReplacement, variantText } from '../../src/core/corpus/compile';
import { builtinCorpus } from '../../src/node/builtinCorpus';
import { LINT_THREAD_LIMITS } from '../../src/worker/offThread';
import { generateBibtex, generateMarkdown, PATHOLOGICAL, PATHOLOGICAL_PROFILES } from './generate';

const MANY_FILES = 1000;
const BIBLIOGRAPHY_ENTRIES = 2000;
import { runWorker, type WorkerTask } from './worker';
import { parallelCeiling, serveIfCeilingThread } from './ceiling';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const SIZES: Record<string, number> = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 };

interface Measurement {
  tool: string;
  size: string;
  bytes: number;
  /** Median wall time; absent when the tool timed out or failed. */
  medianMs?: number;
  runs?: number[];
  maxRssMb?: number;
  status: 'ok' | 'timeout' | 'failed';
  note?: string;
  extra?: Record<string, number>;
}


function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

/**
 * Fewer repetitions where one run takes long; enough for a median where it is quick. A 1 MB lint in
 * process takes a fraction of a second, and runs on this machine vary by a third from one to the
 * next: seven of them make a steadier median than three.
 */
function repetitions(bytes: number, inProcess = false): { count: number; warmups: number } {
  if (bytes >= 10_000_000) return { count: 1, warmups: 0 };
  if (bytes >= 1_000_000) return inProcess ? { count: 7, warmups: 2 } : { count: 3, warmups: 1 };
  return { count: 7, warmups: 2 };
}

function inProcess(tool: string, task: WorkerTask, file: string, size: string, bytes: number, timeoutMs: number, steady?: { count: number; warmups: number }): Measurement {
  const { count, warmups } = steady ?? repetitions(bytes, true);
  const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', __filename, '--worker', task, file, String(count), String(warmups)], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 1 << 24,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { tool, size, bytes, status: 'timeout', note: `over ${timeoutMs / 1000} s` };
  if (result.status !== 0) return { tool, size, bytes, status: 'failed', note: result.stderr.trim().split('\n').slice(-1)[0] ?? `exit ${result.status}` };
  const parsed = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { runs: number[]; medianMs: number; maxRssKb: number; extra?: Record<string, number> };
  return { tool, size, bytes, status: 'ok', medianMs: parsed.medianMs, runs: parsed.runs, maxRssMb: parsed.maxRssKb / 1024, ...(parsed.extra ? { extra: parsed.extra } : {}) };
}

interface Ceiling {
  oneThreadMs: number;
  threadsMs: number;
  threads: number;
  speedUp: number;
}

/** What `threads` threads gain over one on this machine when nothing but linting runs (ceiling.ts). */
function parallelCeilingOf(dir: string, threads: number, timeoutMs: number): Ceiling | undefined {
  const result = spawnSync(process.execPath, [__filename, '--ceiling', dir, String(threads)], { encoding: 'utf8', timeout: timeoutMs });
  if (result.status !== 0) {
    process.stderr.write(`  parallel ceiling failed: ${result.stderr.trim().split('\n').at(-1) ?? result.status}\n`);
    return undefined;
  }
  const ceiling = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Ceiling;
  process.stderr.write(`  many  lint in one process, warm: 1 thread ${ceiling.oneThreadMs.toFixed(0)} ms, ${threads} threads ${ceiling.threadsMs.toFixed(0)} ms\n`);
  return ceiling;
}

/** A whole process, timed from outside; peak RSS from GNU time where the machine has it. */
function external(tool: string, command: string[], size: string, bytes: number, timeoutMs: number, cwd: string): Measurement {
  const { count } = repetitions(bytes);
  const haveTime = existsSync('/usr/bin/time');
  const runs: number[] = [];
  let rss = 0;
  for (let i = 0; i < count; i++) {
    const rssFile = join(cwd, `rss-${process.pid}.txt`);
    const argv = haveTime ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...command] : command;
    const start = performance.now();
    const result = spawnSync(argv[0]!, argv.slice(1), { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    const elapsed = performance.now() - start;
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { tool, size, bytes, status: 'timeout', note: `over ${timeoutMs / 1000} s` };
    // Linters exit 1 when they find problems; more than that, or a signal, is a failure.
    if (result.signal || (result.status ?? 0) > 1) return { tool, size, bytes, status: 'failed', note: `exit ${result.status ?? result.signal}: ${result.stderr.trim().split('\n').slice(-1)[0] ?? ''}` };
    runs.push(elapsed);
    if (haveTime && existsSync(rssFile)) rss = Math.max(rss, Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { tool, size, bytes, status: 'ok', medianMs: sorted[sorted.length >> 1], runs, ...(haveTime ? { maxRssMb: rss } : {}) };
}

/** textlint's terminology and prh rules with medlint's own term lists: variants, brands, misnomers. */
function writeTextlintConfig(dir: string): string {
  const pairs: [string, string][] = [];
  for (const entry of builtinCorpus.terms) {
    for (const variant of entry.variants ?? []) pairs.push([variantText(variant), variantReplacement(entry, variant as string)]);
    for (const brand of entry.brands ?? []) pairs.push(typeof brand === 'string' ? [brand, entry.term] : [brand.text, brand.use]);
  }
  for (const claim of builtinCorpus.claims) {
    for (const phrase of claim.phrases ?? []) if (typeof phrase !== 'string' && phrase.use) pairs.push([phrase.text, phrase.use]);
  }
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const prh = ['version: 1', 'rules:', ...pairs.flatMap(([from, to]) => [`  - expected: ${JSON.stringify(to)}`, `    pattern: ${JSON.stringify(`/\\b${escape(from)}\\b/`)}`])];
  writeFileSync(join(dir, 'prh.yml'), `${prh.join('\n')}\n`);
  const config = { rules: { terminology: { defaultTerms: false, terms: pairs }, prh: { rulePaths: [join(dir, 'prh.yml')] } } };
  const file = join(dir, '.textlintrc.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function format(measurement: Measurement | undefined): string {
  if (!measurement) return '';
  if (measurement.status !== 'ok') return measurement.status;
  const ms = measurement.medianMs!;
  const mbPerS = measurement.bytes / 1e6 / (ms / 1000);
  const rss = measurement.maxRssMb === undefined ? '' : ` ${measurement.maxRssMb.toFixed(0)} MB`;
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms ${mbPerS.toFixed(2)} MB/s${rss}`;
}

function table(measurements: Measurement[], sizes: string[]): string {
  const tools = [...new Set(measurements.map((m) => m.tool))];
  const rows = [['tool', ...sizes], ...tools.map((tool) => [tool, ...sizes.map((size) => format(measurements.find((m) => m.tool === tool && m.size === size)))])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function main(): void {
  const sizes = option('sizes', '10k,100k,1m,10m').split(',');
  const timeoutMs = Number(option('timeout', '300')) * 1000;
  const out = resolve(option('out', join(ROOT, 'test-output', 'bench', 'results.json')));
  const dir = join(tmpdir(), `medlint-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const textlintConfig = writeTextlintConfig(dir);
  const cli = join(ROOT, 'dist', 'cli.js');
  const measurements: Measurement[] = [];
  const record = (measurement: Measurement) => {
    measurements.push(measurement);
    process.stderr.write(`  ${measurement.size.padEnd(5)} ${measurement.tool.padEnd(34)} ${format(measurement)}${measurement.note ? ` (${measurement.note})` : ''}\n`);
  };

  for (const size of sizes) {
    const bytes = SIZES[size];
    if (!bytes) throw new Error(`unknown size ${size}; use ${Object.keys(SIZES).join(', ')}`);
    const file = join(dir, `draft-${size}.md`);
    writeFileSync(file, generateMarkdown(bytes));
    process.stderr.write(`${size}: ${file}\n`);
    record(inProcess('read file', 'read', file, size, bytes, timeoutMs));
    record(inProcess('remark-parse', 'remark-parse', file, size, bytes, timeoutMs));
    record(inProcess('remark-parse + gfm + frontmatter', 'remark-plugins', file, size, bytes, timeoutMs));
    record(inProcess('micromark + gfm + frontmatter, events only', 'micromark-events', file, size, bytes, timeoutMs));
    record(inProcess('remark + plugins, per top-level chunk', 'remark-per-chunk', file, size, bytes, timeoutMs));
    record(inProcess('medlint prose extraction, per chunk', 'medlint-prose', file, size, bytes, timeoutMs));
    record(inProcess('medlint lint() in-process', 'medlint-lint', file, size, bytes, timeoutMs));
    if (bytes <= 1_000_000) {
      // An editor's language service is a long-running, warmed-up process: measure it so.
      record(inProcess('medlint re-lint after 1-char edit', 'medlint-incremental', file, size, bytes, timeoutMs, { count: 51, warmups: 100 }));
      record(inProcess('medlint hover lookup', 'medlint-hover', file, size, bytes, timeoutMs, { count: 11, warmups: 5 }));
    }
    record(external('medlint CLI (whole process)', [process.execPath, cli, 'check', file, '--format', 'json'], size, bytes, timeoutMs, dir));
    // The floor under any Node CLI's cold start on this machine, measured in the same way.
    if (size === '10k') record(external('node -e 0 (Node start alone)', [process.execPath, '-e', '0'], size, bytes, timeoutMs, dir));
    record(external('textlint (terminology + prh)', [join(BIN, 'textlint'), '-c', textlintConfig, '--format', 'json', file], size, bytes, timeoutMs, dir));
    record(external('markdownlint-cli2', [join(BIN, 'markdownlint-cli2'), file], size, bytes, timeoutMs, dir));
    record(external('cspell', [join(BIN, 'cspell'), 'lint', '--no-progress', '--no-summary', '--no-cache', file], size, bytes, timeoutMs, dir));
    record(external('alex', [join(BIN, 'alex'), file], size, bytes, timeoutMs, dir));
  }

  // A manuscript's bibliography: 2,000 entries read when a document cites them, from the cache
  // after that; and what a document without one pays (nothing of the bibliography module loads).
  const bib = join(dir, 'references.bib');
  writeFileSync(bib, generateBibtex(BIBLIOGRAPHY_ENTRIES));
  const bibBytes = Buffer.byteLength(readFileSync(bib));
  const plainDraft = join(dir, 'no-bibliography.md');
  writeFileSync(plainDraft, generateMarkdown(10_000));
  const bibliography = [
    inProcess(`bibliography: ${BIBLIOGRAPHY_ENTRIES} entries, parse + index`, 'bibliography-load', bib, 'bib', bibBytes, timeoutMs, { count: 7, warmups: 0 }),
    inProcess('bibliography: unchanged, from the cache', 'bibliography-cached', bib, 'bib', bibBytes, timeoutMs, { count: 51, warmups: 20 }),
    inProcess('bibliography: a 10 KB document without one', 'no-bibliography', plainDraft, 'bib', 10_000, timeoutMs, { count: 51, warmups: 20 }),
  ];
  for (const measurement of bibliography) record(measurement);
  const [bibLoad, bibCached, noBibliography] = bibliography;

  // Inputs made to hurt, 1 MB each, linted in-process once: the corpus matcher and medlint's own
  // passes must stay linear, and markup micromark reads in super-linear time is read as plain text.
  const pathological: Measurement[] = [];
  const pathologicalTimeoutMs = Number(option('pathological-timeout', '120')) * 1000;
  for (const [profile, frontMatter] of Object.entries(PATHOLOGICAL_PROFILES)) {
    for (const [input, unit] of Object.entries(PATHOLOGICAL)) {
      const name = `${input} (${profile})`;
      const file = join(dir, `pathological-${name.replace(/\W+/g, '-')}.md`);
      const text = frontMatter + unit.repeat(Math.ceil(1_000_000 / unit.length)).slice(0, 1_000_000);
      writeFileSync(file, text);
      const measurement = inProcess(`pathological: ${name}`, 'medlint-lint', file, '1m', text.length, pathologicalTimeoutMs, { count: 1, warmups: 0 });
      pathological.push(measurement);
      record(measurement);
    }
  }

  // A repository's worth of drafts, as CI lints them: 1,000 files of 20 KB, on one thread and on
  // every core (--jobs defaults to one per core), the whole process from outside, peak RSS included.
  const many = join(dir, 'many');
  mkdirSync(many);
  for (let index = 0; index < MANY_FILES; index++) writeFileSync(join(many, `draft-${String(index).padStart(4, '0')}.md`), generateMarkdown(20_000, index + 1));
  const cores = availableParallelism();
  const manyFiles = [1, cores].map((jobs) =>
    external(`medlint CLI, ${MANY_FILES} × 20 KB files, --jobs ${jobs}`, [process.execPath, cli, 'check', many, '--format', 'json', '--jobs', String(jobs)], 'many', MANY_FILES * 20_000, timeoutMs, dir),
  );
  for (const measurement of manyFiles) record(measurement);
  const ceiling = parallelCeilingOf(many, cores, timeoutMs);

  const find = (tool: string, size: string) => measurements.find((m) => m.tool === tool && m.size === size && m.status === 'ok')?.medianMs;
  const ratios: string[] = [];
  for (const size of sizes) {
    const lint = find('medlint lint() in-process', size);
    const cliMs = find('medlint CLI (whole process)', size);
    const parse = find('remark-parse + gfm + frontmatter', size);
    const parts = [`${size}:`];
    if (lint && parse) parts.push(`lint/parse-only ${(lint / parse).toFixed(2)}`);
    // The alternatives for getting at the prose, each against the whole tree that remark builds.
    const alternatives = { 'micromark events': 'micromark + gfm + frontmatter, events only', 'remark per chunk': 'remark + plugins, per top-level chunk', 'prose extraction': 'medlint prose extraction, per chunk' };
    for (const [short, alternative] of Object.entries(alternatives)) {
      const alternativeMs = find(alternative, size);
      if (alternativeMs && parse) parts.push(`${short}/parse-only ${(alternativeMs / parse).toFixed(2)}`);
    }
    for (const peer of ['textlint (terminology + prh)', 'markdownlint-cli2', 'cspell', 'alex']) {
      const peerMs = find(peer, size);
      if (cliMs && peerMs) parts.push(`CLI/${peer.split(' ')[0]} ${(cliMs / peerMs).toFixed(3)} (${(peerMs / cliMs).toFixed(1)}× faster)`);
    }
    ratios.push(parts.join('  '));
  }

  // Each part is timed with the analysis: what the rules add is the difference.
  const keystrokeParts = (parts: Record<string, number> | undefined) =>
    parts
      ? `        where it goes, each with the analysis: analysis alone ${parts.analysisAloneMs?.toFixed(1)} ms, per-chunk rules ${parts.perChunkRulesMs?.toFixed(1)} ms, abbreviation rules ${parts.abbreviationRulesMs?.toFixed(1)} ms, other document-wide rules ${parts.otherDocumentRulesMs?.toFixed(1)} ms`
      : '        where it goes: not measured';
  const rss = (tool: string, size: string) => measurements.find((m) => m.tool === tool && m.size === size)?.maxRssMb;
  const check = (label: string, value: number | undefined, limit: number, unit: string, atLeast = false) => {
    if (value === undefined) return `  ?     ${label}: not measured`;
    const met = atLeast ? value >= limit : value <= limit;
    return `  ${met ? 'met ' : 'MISS'}  ${label}: ${value.toFixed(unit === 'ms' && value < 10 ? 2 : 1)} ${unit} (target ${atLeast ? '≥' : '≤'} ${limit} ${unit})`;
  };
  const lint1m = find('medlint lint() in-process', '1m');
  const lint10m = find('medlint lint() in-process', '10m');
  const textlint1m = find('textlint (terminology + prh)', '1m');
  const cli1m = find('medlint CLI (whole process)', '1m');
  const parse1m = find('remark-parse + gfm + frontmatter', '1m');
  const nodeStart = find('node -e 0 (Node start alone)', '10k');
  const targets = [
    check('in-process lint, 1 MB', lint1m, 300, 'ms'),
    check('in-process lint, 10 MB', lint10m, 4000, 'ms'),
    check('peak RSS, in-process lint of 10 MB', rss('medlint lint() in-process', '10m'), 600, 'MB'),
    check('lint time ÷ parse time (remark + plugins), 1 MB', lint1m && parse1m ? lint1m / parse1m : undefined, 1.3, '×'),
    check('growth: 10 MB time ÷ (10 × 1 MB time)', lint1m && lint10m ? lint10m / (10 * lint1m) : undefined, 1.5, '×'),
    `${check('CLI cold start, 10 KB file', find('medlint CLI (whole process)', '10k'), 150, 'ms')}${nodeStart === undefined ? '' : `; Node alone starts in ${nodeStart.toFixed(0)} ms`}`,
    check('speed-up over textlint, CLI, 1 MB', textlint1m && cli1m ? textlint1m / cli1m : undefined, 10, '×', true),
    check('re-lint after a 1-character edit, 100 KB', find('medlint re-lint after 1-char edit', '100k'), 20, 'ms'),
    // A keystroke in a long clinical study report should cost no more than a frame.
    check('re-lint after a 1-character edit, 1 MB', find('medlint re-lint after 1-char edit', '1m'), 16, 'ms'),
    keystrokeParts(measurements.find((m) => m.tool === 'medlint re-lint after 1-char edit' && m.size === '1m')?.extra),
    check('hover lookup, 100 KB document', find('medlint hover lookup', '100k'), 1, 'ms'),
    `${check(`CLI on ${MANY_FILES} files, speed-up on ${cores} cores over one`, manyFiles[0]!.medianMs && manyFiles[1]!.medianMs ? manyFiles[0]!.medianMs / manyFiles[1]!.medianMs : undefined, 1.7, '×', true)}${ceiling ? `; this machine's ceiling ${ceiling.speedUp.toFixed(2)}×` : ''}`,
    check(`CLI on ${MANY_FILES} files, peak RSS on ${cores} cores`, manyFiles[1]!.maxRssMb, 300, 'MB'),
    `${check(`${BIBLIOGRAPHY_ENTRIES}-entry .bib, first parse + index in a process`, bibLoad!.extra?.firstLoadMs, 200, 'ms')}; CPU ${bibLoad!.extra?.firstLoadCpuMs?.toFixed(0) ?? '?'} ms; warm ${bibLoad!.medianMs?.toFixed(0) ?? '?'} ms; loading the module first ${bibLoad!.extra?.moduleLoadMs?.toFixed(0) ?? '?'} ms`,
    check(`${BIBLIOGRAPHY_ENTRIES}-entry .bib, unchanged, from the cache`, bibCached!.medianMs, 1, 'ms'),
    `${check('a document without a bibliography: looking for one', noBibliography!.medianMs, 0.5, 'ms')}${noBibliography!.extra?.bibliographyModuleLoaded === 0 ? ' (bibliography module not loaded)' : noBibliography!.status === 'ok' ? ' (BUT the bibliography module was loaded)' : ''}`,
  ];

  const report = [
    `medlint bench, ${new Date().toISOString()}, node ${process.version}, ${require('node:os').cpus().length} cores`,
    '',
    'Median wall time, throughput and peak RSS per tool and draft size:',
    '',
    table(measurements.filter((measurement) => sizes.includes(measurement.size) && !measurement.tool.startsWith('pathological')), sizes),
    '',
    `Many files (the CLI, whole process):`,
    ...manyFiles.map((measurement) => `  ${measurement.tool.padEnd(44)} ${format(measurement)}`),
    // Memory-bound work slows when every core runs it (shared caches and memory bandwidth; a virtual
    // machine's cores may share more): the CLI's speed-up is judged against what this machine allows.
    ceiling
      ? `  This machine's ceiling, the same files linted in one warm process: 1 thread ${ceiling.oneThreadMs.toFixed(0)} ms, ${ceiling.threads} threads ${ceiling.threadsMs.toFixed(0)} ms (${ceiling.speedUp.toFixed(2)}×)`
      : "  This machine's ceiling: not measured",
    '',
    'Ratios (CLI/peer < 1 means medlint is faster):',
    ...ratios.map((line) => `  ${line}`),
    '',
    'Targets:',
    ...targets,
    '',
    'Pathological 1 MB inputs (in-process lint, one run), each against ≤ 2 s per MB and ≤ 300 MB peak RSS:',
    ...pathological.map((measurement) => {
      const name = measurement.tool.replace('pathological: ', '');
      if (measurement.status !== 'ok') return `  MISS  ${name}: ${measurement.status}${measurement.note ? ` (${measurement.note})` : ''}`;
      const secondsPerMb = measurement.medianMs! / 1000 / (measurement.bytes / 1e6);
      const met = secondsPerMb <= 2 && (measurement.maxRssMb ?? Infinity) <= 300;
      return `  ${met ? 'met ' : 'MISS'}  ${name.padEnd(60)} ${secondsPerMb.toFixed(2)} s per MB, ${measurement.maxRssMb?.toFixed(0) ?? '?'} MB peak RSS`;
    }),
  ].join('\n');
  process.stdout.write(`${report}\n`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, sizes, measurements, ceiling, ratios, targets }, null, 2));
  process.stdout.write(`\nResults written to ${out}\n`);
  rmSync(dir, { recursive: true, force: true });
}

if (serveIfCeilingThread()) {
  // A thread of the parallel ceiling: it lints when told.
} else if (process.argv[2] === '--ceiling') {
  void parallelCeiling(process.argv[3]!, Number(process.argv[4]), __filename);
} else if (process.argv[2] === '--worker') {
  const task = process.argv[3] as WorkerTask;
  // A keystroke is timed where the editor lints: on a thread with the extension's lint thread's limits.
  if (task === 'medlint-incremental' && isMainThread) new Worker(__filename, { argv: process.argv.slice(2), resourceLimits: LINT_THREAD_LIMITS });
  else runWorker(task, process.argv[4]!, Number(process.argv[5]), Number(process.argv[6]));
} else {
  main();
}
