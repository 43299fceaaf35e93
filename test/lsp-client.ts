import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers';

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

// What the client answers to the server's requests: it applies every edit and shows every document asked.
const ANSWERS: Record<string, unknown> = { 'workspace/applyEdit': { applied: true }, 'window/showDocument': { success: true } };

/** A minimal LSP client over the built server's stdio: Content-Length framing and JSON-RPC 2.0. */
export class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly notifications: Message[] = [];
  /** The server's requests, in order. */
  readonly requests: Message[] = [];
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (message: Message) => void }>();
  private readonly waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  /** `cli`: the medlint executable to run, by default the one this checkout built. */
  constructor(cwd: string, cli = join(ROOT, 'dist', 'cli.js')) {
    this.child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.stdout.on('data', (data: Buffer) => this.receive(data));
  }

  private receive(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))![1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && !message.method) this.pending.get(message.id)?.resolve(message);
      else if (message.method && message.id !== undefined) {
        this.requests.push(message);
        this.send({ id: message.id, result: ANSWERS[message.method] ?? null });
      }
      else this.notifications.push(message);
      for (const wake of this.waiters.splice(0)) wake();
    }
  }

  sendRaw(bytes: Buffer | string): void {
    this.child.stdin.write(bytes);
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.sendRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** The whole response, error included. */
  call(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    const response = new Promise<Message>((resolve) => this.pending.set(id, { resolve }));
    this.send({ id, method, params });
    return response;
  }

  async request<T>(method: string, params: unknown): Promise<T> {
    const response = await this.call(method, params);
    if (response.error) throw new Error(`${method}: ${response.error.message}`);
    return response.result as T;
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** The first notification (already received or to come) that satisfies `accept`. */
  notification<T>(method: string, accept: (params: T) => boolean, timeoutMs = 10_000): Promise<T> {
    return this.first(this.notifications, 'notification', method, accept, timeoutMs);
  }

  /** The first request from the server (already received or to come) that satisfies `accept`. */
  serverRequest<T>(method: string, accept: (params: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    return this.first(this.requests, 'request', method, accept, timeoutMs);
  }

  private async first<T>(messages: readonly Message[], kind: string, method: string, accept: (params: T) => boolean, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find((message) => message.method === method && accept(message.params as T));
      if (found) return found.params as T;
      if (Date.now() > deadline) throw new Error(`no ${method} ${kind} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
}
