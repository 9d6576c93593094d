/**
 * A raw newline-JSON peer for a server child process: spawns it, sends hand-written messages, and records
 * responses (by id), notifications and server→client requests (answered from `answers`).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type Json = Record<string, unknown>;

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The fixture server from sources (tsx resolves @mcpwire/* through tsconfig paths: no build needed). */
export const FIXTURE_COMMAND = [
  '--import',
  'tsx',
  'packages/conformance/src/cli.ts',
  'fixture-server',
  '--stdio',
];

export class StdioPeer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly received: Json[] = [];
  readonly stderr: string[] = [];
  answers: Record<string, (params: Json) => Json> = {};
  private buffer = '';
  private nextId = 1;
  private readonly waiting = new Map<unknown, (message: Json) => void>();
  readonly exited: Promise<number | null>;

  constructor(args: string[] = FIXTURE_COMMAND, env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onData(chunk));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => this.stderr.push(chunk));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
      if (line.trim() === '') continue;
      const message = JSON.parse(line) as Json;
      if (typeof message.method === 'string') {
        this.received.push(message);
        const answer = 'id' in message ? this.answers[message.method] : undefined;
        if (answer !== undefined)
          this.write({ jsonrpc: '2.0', id: message.id, result: answer(message.params as Json) });
        continue;
      }
      const key = message.id ?? null;
      const resolve = this.waiting.get(key);
      this.waiting.delete(key);
      if (resolve !== undefined) resolve(message);
      else this.received.push(message);
    }
  }

  write(message: unknown): void {
    this.child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  }

  /** Resolves with the next response that has this id (or `null` for id-less errors). */
  waitFor(id: unknown, timeoutMs = 10_000): Promise<Json> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no response with id ${String(id)} within ${timeoutMs} ms; stderr: ${this.stderr.join('')}`,
            ),
          ),
        timeoutMs,
      );
      this.waiting.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  }

  /** `timeoutMs`: longer for a first request, which waits for the process to start. */
  request(method: string, params?: Json, timeoutMs?: number): Promise<Json> {
    const id = this.nextId++;
    const response = this.waitFor(id, timeoutMs);
    this.write({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    return response;
  }

  notify(method: string, params?: Json): void {
    this.write({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }

  async initialize(
    protocolVersion = '2025-11-25',
    capabilities: Json = {},
    timeoutMs?: number,
  ): Promise<Json> {
    const response = await this.request(
      'initialize',
      { protocolVersion, capabilities, clientInfo: { name: 'raw', version: '1' } },
      timeoutMs,
    );
    this.notify('notifications/initialized');
    return response;
  }

  /** Ends stdin and waits for the process to exit by itself (kills it after `ms`). */
  async end(ms = 5000): Promise<number | null> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

export function modernMeta(capabilities: Json = {}, extra: Json = {}): Json {
  return {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': capabilities,
    'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
    ...extra,
  };
}
