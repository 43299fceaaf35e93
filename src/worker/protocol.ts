import type { LinterOptions } from '../core/linter';
import type { TextFormat } from '../core/plainText';
import type { Finding } from '../core/types';

/** Messages to the lint worker. A linter is sent once under an id; lints name it. */
export type ToLintWorker =
  | { kind: 'configure'; linterId: number; options: LinterOptions }
  | { kind: 'lint'; requestId: number; linterId: number; text: string; format: TextFormat };

export type FromLintWorker = { requestId: number; findings: Finding[] } | { requestId: number; error: string };
