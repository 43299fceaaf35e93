import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { CorpusProblem } from '../core/corpus/types';
import { builtinCorpus } from '../node/builtinCorpus';
import { Project } from '../node/project';
import { createReporter } from './format';
import { lintFile, type FileOutcome, type LintJob } from './lintFile';

/**
 * Files per message to a worker: small enough that both cores stay busy to the last file, large
 * enough that messages stay rare next to the linting.
 */
const BATCH = 8;
/** Below this many files per worker, starting workers (each compiles the corpus) costs more than it saves. */
const MIN_FILES_PER_WORKER = 16;

type ToWorker = { files: [index: number, file: string][] } | { done: true };
type FromWorker = { outcomes: [index: number, outcome: FileOutcome][] } | { problems: CorpusProblem[] };

export function projectFor(job: LintJob): Project {
  return new Project(builtinCorpus, { reuseChunks: job.fix, ...(job.config ? { explicitConfig: job.config } : {}), ...(job.profile ? { profile: job.profile } : {}) });
}

/** How many workers to start for `count` files with `jobs` allowed; 0 means lint on this thread, as one worker would gain nothing. */
export function workersFor(count: number, jobs: number): number {
  const workers = Math.min(jobs, Math.floor(count / MIN_FILES_PER_WORKER));
  return workers < 2 ? 0 : workers;
}

/**
 * Lints files on `workers` worker threads, handing out batches as workers finish the last, and
 * passes each outcome to `report` in the order of `files` as soon as all before it are in, so output
 * streams and no outcome is held longer than the slowest batch ahead of it. Resolves to the problems
 * the workers' projects found (a bad config), each once.
 */
export async function lintInWorkers(files: string[], job: LintJob, workers: number, script: string, report: (outcome: FileOutcome) => void): Promise<CorpusProblem[]> {
  const waiting = new Map<number, FileOutcome>();
  const problems = new Map<string, CorpusProblem>();
  let nextToReport = 0;
  let nextToSend = 0;
  const send = (worker: Worker) => {
    if (nextToSend >= files.length) return worker.postMessage({ done: true } satisfies ToWorker);
    const batch = files.slice(nextToSend, nextToSend + BATCH).map((file, offset) => [nextToSend + offset, file] as [number, string]);
    nextToSend += batch.length;
    worker.postMessage({ files: batch } satisfies ToWorker);
  };
  await Promise.all(
    Array.from({ length: workers }, () => {
      const worker = new Worker(script, { workerData: { medlintLintWorker: job } });
      return new Promise<void>((resolve, reject) => {
        worker.on('message', (message: FromWorker) => {
          if ('problems' in message) {
            for (const problem of message.problems) problems.set(JSON.stringify(problem), problem);
            return;
          }
          for (const [index, outcome] of message.outcomes) waiting.set(index, outcome);
          for (let outcome = waiting.get(nextToReport); outcome; outcome = waiting.get(nextToReport)) {
            waiting.delete(nextToReport++);
            report(outcome);
          }
          send(worker);
        });
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`medlint: a lint worker exited with code ${code}`))));
        send(worker);
      });
    }),
  );
  return [...problems.values()];
}

/** Whether this thread is a lint worker started by `lintInWorkers`; if so, it serves batches until told it is done. */
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
