import { once } from 'node:events';

/** Where a command writes: the process's streams in the CLI, buffers in tests. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * A promise while standard output holds more than it has passed on (a pipe its reader has not
   * emptied): a command writing a report file by file waits for it before linting more, so the report
   * is not held in memory, whatever its size.
   */
  drained?: () => Promise<unknown> | undefined;
}

/** The process's own streams. */
export const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  drained: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain') : undefined),
};
