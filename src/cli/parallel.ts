import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData, type ResourceLimits } from 'node:worker_threads';
import type { CorpusProblem } from '../core/corpus/types';
import { builtinCorpus } from '../node/builtinCorpus';
import { Project } from '../node/project';
import { createReporter } from './format';
import { lintFile, type FileOutcome, type LintJob } from './lintFile';
import { lintInPool, type FromWorker, type ToWorker } from './threadPool';

/**
 * A worker's heap. Its young generation, where a lint's short-lived objects die, is a third of V8's
 * default: it kept 1,000 files of 20 KB on two threads at 260-287 MB, against 283-300 MB with the
 * default, at the same speed. Its old generation is capped at 1 GB, far above what any draft needs,
 * because V8 sizes a heap's growth by its cap (heap-controller.h): under 2 GB it lets the old
 * generation grow to less than twice its live objects before a full collection, not four times. The
 * worker's old generation then peaked at 29-32 MB on those files, against 59-62 MB. A worker whose
 * heap fills as it grows is ended by Node, and its files are linted again on the main thread, whose
 * heap has V8's own limit; a single allocation larger than the whole cap would still end the process.
 */
const WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1024 };

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
 * Lints files on this thread and `threads - 1` workers (threadPool.ts), each with a project of its
 * own. Resolves to the problems the projects found (a bad config), each once.
 */
export function lintInThreads(
  files: string[],
  job: LintJob,
  threads: number,
  bundle: string,
  report: (outcome: FileOutcome) => void,
  drained?: () => Promise<unknown> | undefined,
): Promise<CorpusProblem[]> {
  const workers = { script: workerScript(bundle), workerData: { medlintLintWorker: job }, limits: WORKER_LIMITS };
  const project = projectFor(job);
  const reporter = createReporter(job.report.format, job.report);
  return lintInPool(files, threads, workers, { lint: (file) => lintFile(project, file, job, reporter), problems: () => project.problems }, report, drained);
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
