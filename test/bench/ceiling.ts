/**
 * What more threads can gain on this machine, whatever the CLI does: the same files linted in one
 * process, warmed up, on one thread and then split across `threads` threads started together. No
 * start-up, no messages, no output: the ceiling that the CLI's --jobs speed-up is judged against.
 * Prints one JSON line: { oneThreadMs, threadsMs, threads, speedUp }.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createLinter } from '../../src/core/linter';
import { builtinCorpus } from '../../src/node/builtinCorpus';

/** Files linted before timing: enough for the JIT to have compiled the hot paths. */
const WARMUP_FILES = 16;

function warmLinter(files: string[]): (files: string[]) => number {
  // As the CLI lints: each file once, with no cache of its chunks.
  const linter = createLinter({ corpus: builtinCorpus, reuseChunks: false });
  const lintAll = (list: string[]) => {
    const start = performance.now();
    for (const file of list) linter.lint(readFileSync(file, 'utf8'));
    return performance.now() - start;
  };
  lintAll(files.slice(0, WARMUP_FILES));
  return lintAll;
}

type FromThread = { ready: true } | { elapsedMs: number };

export async function parallelCeiling(dir: string, threads: number, script: string): Promise<void> {
  const files = readdirSync(dir).sort().map((name) => join(dir, name));
  const oneThreadMs = warmLinter(files)(files);
  const shares = Array.from({ length: threads }, (_, thread) => files.filter((_, index) => index % threads === thread));
  const workers = shares.map((share) => new Worker(script, { workerData: { medlintCeiling: share } }));
  const next = (worker: Worker) => new Promise<FromThread>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  await Promise.all(workers.map(next));
  const start = performance.now();
  const done = workers.map(next);
  for (const worker of workers) worker.postMessage('go');
  await Promise.all(done);
  const threadsMs = performance.now() - start;
  await Promise.all(workers.map((worker) => worker.terminate()));
  process.stdout.write(`${JSON.stringify({ oneThreadMs, threadsMs, threads, speedUp: oneThreadMs / threadsMs })}\n`);
}

/** Whether this thread is one of the ceiling's: if so, it warms up, says so, and lints its share when told. */
export function serveIfCeilingThread(): boolean {
  const share = (workerData as { medlintCeiling?: string[] } | undefined)?.medlintCeiling;
  if (isMainThread || !parentPort || !share) return false;
  const port = parentPort;
  const lintAll = warmLinter(share);
  port.once('message', () => port.postMessage({ elapsedMs: lintAll(share) } satisfies FromThread));
  port.postMessage({ ready: true } satisfies FromThread);
  return true;
}
