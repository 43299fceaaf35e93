import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { CorpusProblem } from '../core/corpus/types';
import type { FileOutcome } from './lintFile';

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
 * Outcomes this thread may hold for files after one a worker still lints: beyond them it waits for
 * the worker rather than lint further ahead, so what is held stays bounded however slow a worker is.
 */
const MAX_HELD = BATCH * (BATCHES_IN_FLIGHT + 1);

export type Batch = [index: number, file: string][];
/** What a worker is sent: a batch to lint, or that no more will come. */
export type ToWorker = { files: Batch } | { done: true };
/** What a worker answers: a batch's outcomes in its order, or, when done, the problems its project found. */
export type FromWorker = { outcomes: [index: number, outcome: FileOutcome][] } | { problems: CorpusProblem[] };

/** How each worker is started: the script and data that make it serve batches, and its heap's limits. */
export interface LintWorkers {
  script: string;
  workerData: unknown;
  limits: ResourceLimits;
}

/** How this thread lints a file, and the problems its project found once it has linted its share. */
export interface LocalLinter {
  lint: (file: string) => FileOutcome;
  problems: () => CorpusProblem[];
}

/**
 * Lints files on this thread and `threads - 1` workers, which take batches from one queue as they
 * finish the last, and passes each outcome to `report` in the order of `files` as soon as all before
 * it are in, so output streams and no outcome is held longer than the slowest batch ahead of it. The
 * main thread lints too: on two cores, one worker and this thread hold one isolate less than two
 * workers and an idle thread. A worker that runs out of memory leaves its batches to this thread.
 * Resolves to the problems the projects found (a bad config), each once.
 */
export async function lintInPool(
  files: string[],
  threads: number,
  workers: LintWorkers,
  local: LocalLinter,
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

  // Batches of workers that ran out of memory, for this thread to lint.
  const orphaned: Batch[] = [];
  // Wakes this thread when a worker's outcomes come in, or its batches are orphaned.
  let wake: (() => void) | undefined;
  const heard = () => {
    wake?.();
    wake = undefined;
  };

  const threadsStarted: Worker[] = [];
  const started = Array.from({ length: threads - 1 }, () => {
    const worker = new Worker(workers.script, { workerData: workers.workerData, resourceLimits: workers.limits });
    threadsStarted.push(worker);
    // Sent and not yet answered, in the order the worker answers them.
    const inFlight: Batch[] = [];
    let told = false;
    // A batch posted to a worker that has ended is dropped without a word: none is sent after it ends.
    let ended = false;
    const send = () => {
      if (ended) return;
      const batch = take();
      if (batch) {
        inFlight.push(batch);
        worker.postMessage({ files: batch } satisfies ToWorker);
      } else if (inFlight.length === 0 && !told) {
        told = true;
        worker.postMessage({ done: true } satisfies ToWorker);
      }
    };
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if ('problems' in message) return addProblems(message.problems);
        inFlight.shift();
        arrived(message.outcomes);
        heard();
        const backlog = drained();
        if (backlog) backlog.then(send, reject);
        else send();
      });
      worker.once('error', (error: NodeJS.ErrnoException) => {
        ended = true;
        if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(error);
        orphaned.push(...inFlight.splice(0));
        heard();
        resolve();
      });
      worker.once('exit', (code) => {
        ended = true;
        if (code === 0) resolve();
        else reject(new Error(`medlint: a lint worker exited with code ${code}`));
      });
      for (let batch = 0; batch < BATCHES_IN_FLIGHT; batch++) send();
    });
  });

  // A worker that fails ends the run, from wherever this thread waits, and the others with it.
  let workersFinished = false;
  const workersDone = Promise.all(started).then(() => (workersFinished = true));
  workersDone.catch(() => {
    for (const worker of threadsStarted) void worker.terminate();
  });
  for (;;) {
    // An orphaned batch comes first: the outcomes held may be waiting for it.
    const batch = orphaned.shift() ?? (waiting.size < MAX_HELD ? take() : undefined);
    if (batch) {
      arrived(batch.map(([index, file]) => [index, local.lint(file)]));
      // Lets the workers' outcomes in, and hands them their next batches, between this thread's own.
      await (drained() ?? new Promise((resolve) => setImmediate(resolve)));
      continue;
    }
    if (workersFinished) break;
    await Promise.race([new Promise<void>((resolve) => (wake = resolve)), workersDone]);
  }
  // Every file is reported, or the run fails: a report cut short would pass for a clean one.
  if (nextToReport !== files.length) throw new Error(`medlint: ${files.length - nextToReport} files were not linted`);
  addProblems(local.problems());
  return [...problems.values()];
}
