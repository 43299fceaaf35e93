/**
 * The lint worker: a thread of the extension host that lints what it is sent, so a long lint never
 * blocks the host's main thread (and with it every extension and the editor's responses).
 */
import { parentPort } from 'node:worker_threads';
import { citationSourcesOf } from '../core/bibliographyTexts';
import { createLinter, type Linter } from '../core/linter';
import type { FromLintWorker, ToLintWorker } from './protocol';

const linters = new Map<number, Linter>();
const port = parentPort!;

port.on('message', (message: ToLintWorker) => {
  if (message.kind === 'configure') {
    linters.set(message.linterId, createLinter(message.options));
    return;
  }
  try {
    const linter = linters.get(message.linterId)!;
    const findings = linter.lint(message.text, message.format, message.parts, message.bibliography && citationSourcesOf(message.bibliography));
    const readability = message.format === 'markdown' ? { readability: linter.readability(message.text) } : {};
    port.postMessage({ requestId: message.requestId, findings, notices: linter.notices(message.text, message.format), ...readability } satisfies FromLintWorker);
  } catch (error) {
    port.postMessage({ requestId: message.requestId, error: (error as Error).stack ?? String(error) } satisfies FromLintWorker);
  }
});
