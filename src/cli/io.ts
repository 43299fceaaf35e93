/** Where a command writes: the process's streams in the CLI, buffers in tests. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}
