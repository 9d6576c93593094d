/**
 * The server under test as a child process: every stdout line is delivered raw (T01 judges it), stderr is
 * kept separately (bounded), and closing measures whether the process exits on EOF before escalating to
 * SIGTERM and SIGKILL. The child gets its own process group so wrappers (npx, sh) die with it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { LineDecoder } from '@mcpwire/core';
import { splitCommandLine } from './command-line.js';
import { delay, type ExchangeOptions, type HttpInfo, Wire } from './wire.js';

const MAX_STDERR_CHARS = 64 * 1024;

export interface StdioWireOptions {
  readonly command: string;
  /** How long the server gets to exit after stdin closes before SIGTERM. Default 2000 ms. */
  readonly exitGraceMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface StdioExit {
  /** True when the process exited by itself after stdin closed. */
  readonly exitedOnEof: boolean;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class StdioWire extends Wire {
  readonly transport = 'stdio' as const;
  readonly #child: ChildProcess;
  readonly #exitGraceMs: number;
  readonly #exited: Promise<void>;
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  stderr = '';
  /** Framing errors (over-long or non-UTF-8 lines), reported by T01. */
  readonly framingErrors: string[] = [];
  spawnError: Error | undefined;
  exitOutcome: StdioExit | undefined;

  constructor(options: StdioWireOptions) {
    super();
    const [file, ...args] = splitCommandLine(options.command);
    this.#exitGraceMs = options.exitGraceMs ?? 2000;
    this.#child = spawn(file!, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: options.env ?? process.env,
    });
    const decoder = new LineDecoder({
      onLine: (line) => this.deliver(line, 'stdout'),
      onError: (error) => this.framingErrors.push(error.message),
    });
    this.#child.stdout!.on('data', (chunk: Buffer) => decoder.push(chunk));
    this.#child.stderr!.setEncoding('utf8');
    this.#child.stderr!.on('data', (chunk: string) => {
      if (this.stderr.length < MAX_STDERR_CHARS)
        this.stderr += chunk.slice(0, MAX_STDERR_CHARS - this.stderr.length);
    });
    this.#child.stdin!.on('error', () => undefined);
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        decoder.end();
        resolve();
      });
      this.#child.once('error', (error) => {
        this.spawnError = error;
        this.#exit = { code: null, signal: null };
        resolve();
      });
    });
  }

  get closed(): boolean {
    return this.#exit !== undefined;
  }

  get exitInfo(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.#exit;
  }

  protected async transmit(text: string, _options: ExchangeOptions): Promise<HttpInfo | undefined> {
    if (this.closed || this.#child.stdin!.destroyed) return undefined;
    this.#child.stdin!.write(`${text}\n`);
    return undefined;
  }

  /** Closes stdin, waits for a voluntary exit, then escalates. Idempotent. */
  async close(): Promise<void> {
    if (this.exitOutcome !== undefined) return;
    if (!this.closed) this.#child.stdin!.end();
    const exitedOnEof = await Promise.race([
      this.#exited.then(() => true),
      delay(this.#exitGraceMs).then(() => false),
    ]);
    if (!exitedOnEof) {
      this.#signal('SIGTERM');
      const gone = await Promise.race([this.#exited.then(() => true), delay(1000).then(() => false)]);
      if (!gone) {
        this.#signal('SIGKILL');
        await Promise.race([this.#exited, delay(1000)]);
      }
    } else {
      // Wrappers may leave children behind; the group dies with the leader.
      this.#signal('SIGKILL');
    }
    this.exitOutcome = { exitedOnEof, code: this.#exit?.code ?? null, signal: this.#exit?.signal ?? null };
  }

  #signal(signal: NodeJS.Signals): void {
    const pid = this.#child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  }
}
