import * as vscode from 'vscode';
import { LINT_THREAD_LIMITS, OffThreadLinter } from '../worker/offThread';

/**
 * The lint worker for the desktop (Node) extension host, or undefined in the browser, where the
 * extension host is itself a web worker off the editor's UI thread.
 */
export function startLintWorker(extensionUri: vscode.Uri): OffThreadLinter | undefined {
  if (typeof process === 'undefined' || !process.versions?.node || extensionUri.scheme !== 'file') return undefined;
  // Hidden from the bundler: the browser bundle has no worker_threads and never reaches this line.
  const load = require;
  const { Worker } = load('node:worker_threads') as typeof import('node:worker_threads');
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'lintWorker.js').fsPath;
  return new OffThreadLinter(() => new Worker(script, { resourceLimits: LINT_THREAD_LIMITS }));
}
