import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { CorpusProblem } from '../core/corpus/types';
import { builtinCorpus } from '../node/builtinCorpus';
import { Project } from '../node/project';
import { createReporter } from './format';
import { lintFile, type FileOutcome, type LintJob } from './lintFile';

/**
 * Files per batch: small enough that every thread stays busy to the last file, large enough that
 * messages stay rare next to the linting.
 */
const BATCH = 8;
/**
 * Batches a worker holds: the one it lints and the next, so it never waits for the main thread,
 * which answers only between the batches it lints itself.
 */
const BATCHES_IN_FLIGHT = 2;

/**
 * A worker's young generation, where a lint's short-lived objects die: a third of V8's default. It kept
 * 1,000 files of 20 KB on two threads at 260-287 MB, against 283-300 MB with the default, at the same
 * speed.
 */
const WORKER_YOUNG_GENERATION_MB = 16;

/**
 * Outcomes this thread may hold for files after one a worker still lints: beyond them it waits for
 * the worker rather than lint further ahead, so what is held stays bounded however slow a worker is.
 */
const MAX_HELD = BATCH * (BATCHES_IN_FLIGHT + 1);

type Batch = [index: number, file: string][];
type ToWorker = { files: Batch } | { done: true };
type FromWorker = { outcomes: [index: number, outcome: FileOutcome][] } | { problems: CorpusProblem[] };

export function projectFor(job: LintJob): Project {
  return new Project(builtinCorpus, { reuseChunks: job.fix, ...(job.config ? { explicitConfig: job.config } : {}), ...(job.profile ? { profile: job.profile } : {}) });
}

/**
 * The script a worker runs: the launcher beside the bundle, which starts it from the build's code
 * cache, when there is one (the built CLI); else the bundle itself.
 */
function workerScript(bundle: string): string {
  const launcher = join(__dirname, 'cli.js');
  return bundle.endsWith('medlint-cli.js') && existsSync(launcher) ? launcher : bundle;
}

/**
 * Lints files on this thread and `threads - 1` workers, which take batches from one queue as they
 * finish the last, and passes each outcome to `report` in the order of `files` as soon as all before
 * it are in, so output streams and no outcome is held longer than the slowest batch ahead of it. The
 * main thread lints too: on two cores, one worker and this thread hold one isolate less than two
 * workers and an idle thread. Resolves to the problems the projects found (a bad config), each once.
 */
export async function lintInThreads(
  files: string[],
  job: LintJob,
  threads: number,
  bundle: string,
  report: (outcome: FileOutcome) => void,
  drained: () => Promise<unknown> | undefined = () => undefined,
): Promise<CorpusProblem[]> {
  const waiting = new Map<number, FileOutcome>();
  const problems = new Map<string, CorpusProblem>();
  const addProblems = (found: CorpusProblem[]) => {
    for (const problem of found) problems.set(JSON.stringify(problem), problem);
  };
  let nextToReport = 0;
  let nextToTake = 0;
  const take = (): Batch | undefined => {
    if (nextToTake >= files.length) return undefined;
    const batch = files.slice(nextToTake, nextToTake + BATCH).map((file, offset) => [nextToTake + offset, file] as [number, string]);
    nextToTake += batch.length;
    return batch;
  };
  const arrived = (outcomes: [number, FileOutcome][]) => {
    for (const [index, outcome] of outcomes) waiting.set(index, outcome);
    for (let outcome = waiting.get(nextToReport); outcome; outcome = waiting.get(nextToReport)) {
      waiting.delete(nextToReport++);
      report(outcome);
    }
  };

  // Wakes this thread when a worker's outcomes come in.
  let wake: (() => void) | undefined;
  const heard = () => {
    wake?.();
    wake = undefined;
  };

  const script = workerScript(bundle);
  const workers = Array.from({ length: threads - 1 }, () => {
    const worker = new Worker(script, { workerData: { medlintLintWorker: job }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    let inFlight = 0;
    let told = false;
    const send = () => {
      const batch = take();
      if (batch) {
        inFlight++;
        worker.postMessage({ files: batch } satisfies ToWorker);
      } else if (inFlight === 0 && !told) {
        told = true;
        worker.postMessage({ done: true } satisfies ToWorker);
      }
    };
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if ('problems' in message) return addProblems(message.problems);
        inFlight--;
        arrived(message.outcomes);
        heard();
        const backlog = drained();
        if (backlog) void backlog.then(send);
        else send();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`medlint: a lint worker exited with code ${code}`))));
      for (let batch = 0; batch < BATCHES_IN_FLIGHT; batch++) send();
    });
  });

  // A worker that fails ends the run, from wherever this thread waits.
  const workersDone = Promise.all(workers);
  workersDone.catch(() => undefined);
  const project = projectFor(job);
  const reporter = createReporter(job.report.format, job.report);
  for (;;) {
    if (waiting.size >= MAX_HELD) {
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), workersDone]);
      continue;
    }
    const batch = take();
    if (!batch) break;
    arrived(batch.map(([index, file]) => [index, lintFile(project, file, job, reporter)]));
    // Lets the workers' outcomes in, and hands them their next batches, between this thread's own.
    await (drained() ?? new Promise((resolve) => setImmediate(resolve)));
  }
  addProblems(project.problems);
  await workersDone;
  return [...problems.values()];
}

/** Whether this thread is a lint worker started by `lintInThreads`; if so, it serves batches until told it is done. */
export function serveIfLintWorker(): boolean {
  const job = (workerData as { medlintLintWorker?: LintJob } | undefined)?.medlintLintWorker;
  if (!parentPort || !job) return false;
  const port = parentPort;
  const project = projectFor(job);
  // Only its render: the report itself is written in file order on the main thread.
  const reporter = createReporter(job.report.format, job.report);
  port.on('message', (message: ToWorker) => {
    if ('done' in message) {
      port.postMessage({ problems: project.problems } satisfies FromWorker);
      port.close();
      return;
    }
    port.postMessage({ outcomes: message.files.map(([index, file]) => [index, lintFile(project, file, job, reporter)]) } satisfies FromWorker);
  });
  return true;
}
