import type { BibliographyTexts } from '../core/bibliographyTexts';
import type { DocumentParts } from '../core/documentParts';
import type { Linter } from '../core/linter';
import type { TextFormat } from '../core/plainText';
import type { FromLintWorker, LintResult, ToLintWorker } from './protocol';

/** The part of a worker thread the pool uses: Node's worker_threads.Worker fits it. */
export interface WorkerPort {
  postMessage(message: ToLintWorker): void;
  on(event: 'message', listener: (message: FromLintWorker) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  terminate(): unknown;
}

interface Request {
  requestId: number;
  document: string;
  linter: Linter;
  text: string;
  format: TextFormat;
  parts: DocumentParts | undefined;
  bibliography: BibliographyTexts | undefined;
  resolve: (result: LintResult | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * The editor's lint thread's young generation, where a keystroke's short-lived objects die (about 10 MB
 * a keystroke in a 1 MB draft): twice V8's 48 MB, so it is collected half as often. The bench times
 * its keystroke in a thread with these limits; see the README's Performance section for what it gains.
 */
export const LINT_THREAD_LIMITS = { maxYoungGenerationSizeMb: 96 };

/**
 * A lint that has been overtaken by a newer version of its document and has run this long is
 * abandoned: the worker is stopped and started again (its linters sent again), rather than finishing
 * work no one will see. Shorter would restart the worker for lints about to finish.
 */
const ABANDON_AFTER_MS = 250;

/**
 * Lints on one worker thread, a document's newer version cancelling its older lint: a lint still
 * waiting is dropped, a running one is abandoned (see ABANDON_AFTER_MS). A cancelled lint resolves to
 * undefined. Linters are sent to the worker as their options, once per worker.
 */
export class OffThreadLinter {
  private worker: WorkerPort | undefined;
  private configured = new Set<number>();
  private readonly linterIds = new WeakMap<Linter, number>();
  private nextLinterId = 1;
  private nextRequestId = 1;
  private readonly waiting: Request[] = [];
  private running: (Request & { started: number; timer?: ReturnType<typeof setTimeout> }) | undefined;
  /** Lints cancelled so far: waiting ones dropped and running ones abandoned (for tests and the log). */
  readonly cancelled = { dropped: 0, abandoned: 0 };

  constructor(
    private readonly start: () => WorkerPort,
    private readonly abandonAfterMs = ABANDON_AFTER_MS,
  ) {}

  lint(document: string, linter: Linter, text: string, format: TextFormat, parts?: DocumentParts, bibliography?: BibliographyTexts): Promise<LintResult | undefined> {
    return new Promise((resolve, reject) => {
      const overtaken = this.waiting.findIndex((request) => request.document === document);
      if (overtaken >= 0) {
        this.waiting.splice(overtaken, 1)[0]!.resolve(undefined);
        this.cancelled.dropped++;
      }
      this.waiting.push({ requestId: this.nextRequestId++, document, linter, text, format, parts, bibliography, resolve, reject });
      if (this.running?.document === document) this.abandonWhenLate(this.running);
      this.next();
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    for (const request of this.waiting.splice(0)) request.resolve(undefined);
    if (this.running) this.finish(undefined);
  }

  private abandonWhenLate(running: NonNullable<OffThreadLinter['running']>): void {
    if (running.timer) return;
    running.timer = setTimeout(() => {
      if (this.running !== running) return;
      this.cancelled.abandoned++;
      this.restart();
      this.finish(undefined);
    }, Math.max(0, this.abandonAfterMs - (Date.now() - running.started)));
  }

  private next(): void {
    if (this.running || this.waiting.length === 0) return;
    const request = this.waiting.shift()!;
    const worker = this.ensureWorker();
    let linterId = this.linterIds.get(request.linter);
    if (linterId === undefined) this.linterIds.set(request.linter, (linterId = this.nextLinterId++));
    if (!this.configured.has(linterId)) {
      worker.postMessage({ kind: 'configure', linterId, options: request.linter.options });
      this.configured.add(linterId);
    }
    this.running = { ...request, started: Date.now() };
    worker.postMessage({ kind: 'lint', requestId: request.requestId, linterId, text: request.text, format: request.format, ...(request.parts ? { parts: request.parts } : {}), ...(request.bibliography ? { bibliography: request.bibliography } : {}) });
  }

  private finish(result: LintResult | undefined, error?: Error): void {
    const running = this.running!;
    clearTimeout(running.timer);
    this.running = undefined;
    if (error) running.reject(error);
    else running.resolve(result);
    this.next();
  }

  private ensureWorker(): WorkerPort {
    if (this.worker) return this.worker;
    const worker = this.start();
    worker.on('message', (message) => {
      if (this.worker !== worker || message.requestId !== this.running?.requestId) return;
      if ('error' in message) this.finish(undefined, new Error(message.error));
      else this.finish({ findings: message.findings, notices: message.notices, ...(message.readability ? { readability: message.readability } : {}) });
    });
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      this.restart();
      if (this.running) this.finish(undefined, error);
    });
    this.worker = worker;
    return worker;
  }

  private restart(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.configured = new Set();
  }
}
