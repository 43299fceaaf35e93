/** Below this many files per thread, starting a worker (it compiles the corpus) costs more than it saves. */
const MIN_FILES_PER_THREAD = 16;

/** How many threads lint `count` files with `jobs` allowed, the main one included: 1 means no worker. */
export function threadsFor(count: number, jobs: number): number {
  return Math.max(1, Math.min(jobs, Math.floor(count / MIN_FILES_PER_THREAD)));
}
