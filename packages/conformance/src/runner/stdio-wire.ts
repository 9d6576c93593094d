/**
 * The server under test as a child process: every stdout line is delivered raw (T01 judges it), stderr is
 * kept separately (bounded), and closing follows the careful client's shutdown (./child-shutdown.ts),
 * recording how the process ended for T04. The child gets its own process group so wrappers (npx, sh)
 * die with it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { LineDecoder } from '@mcpwire/core';
import { CAREFUL, type ExitState, QUICK, type ShutdownOutcome, shutdownChild } from './child-shutdown.js';
import { splitCommandLine } from './command-line.js';
import { TargetUnavailableError } from './target-error.js';
import { type ExchangeOptions, type HttpInfo, Wire } from './wire.js';

const MAX_STDERR_CHARS = 64 * 1024;
const MAX_NOISE_LINES = 5;

export interface StdioWireOptions {
  readonly command: string;
  readonly env?: NodeJS.ProcessEnv;
}

export class StdioWire extends Wire {
  readonly transport = 'stdio' as const;
  readonly command: string;
  readonly #child: ChildProcess;
  readonly #state: ExitState;
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  #closing: Promise<ShutdownOutcome> | undefined;
  stderr = '';
  /** Framing errors (over-long or non-UTF-8 lines), reported by T01. */
  readonly framingErrors: string[] = [];
  /** The first stdout lines that were not JSON (evidence when a target cannot start). */
  readonly noise: string[] = [];
  spawnError: NodeJS.ErrnoException | undefined;
  /** How the process ended; set by close(). */
  shutdown: ShutdownOutcome | undefined;

  private constructor(options: StdioWireOptions) {
    super();
    this.command = options.command;
    const [file, ...args] = splitCommandLine(options.command);
    this.#child = spawn(file!, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: options.env ?? process.env,
    });
    const decoder = new LineDecoder({
      onLine: (line) => {
        if (this.noise.length < MAX_NOISE_LINES && !line.trimStart().startsWith('{')) this.noise.push(line);
        this.deliver(line, 'stdout');
      },
      onError: (error) => this.framingErrors.push(error.message),
    });
    const stdoutEnded = new Promise<void>((resolve) => {
      this.#child.stdout!.once('close', () => {
        decoder.end();
        resolve();
      });
    });
    this.#child.stdout!.on('data', (chunk: Buffer) => decoder.push(chunk));
    this.#child.stderr!.setEncoding('utf8');
    this.#child.stderr!.on('data', (chunk: string) => {
      if (this.stderr.length < MAX_STDERR_CHARS)
        this.stderr += chunk.slice(0, MAX_STDERR_CHARS - this.stderr.length);
    });
    this.#child.stdin!.on('error', () => undefined);
    const exited = new Promise<void>((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        resolve();
      });
      this.#child.once('error', (error) => {
        this.spawnError = error;
        this.#exit = { code: null, signal: null };
        resolve();
      });
    });
    // The peer is gone once it exited and stdout closed ('exit' may come before the last data), or
    // shortly after the exit when a descendant keeps stdout open.
    exited
      .then(() => Promise.race([stdoutEnded, new Promise((r) => setTimeout(r, 200))]))
      .then(() => this.ended());
    this.#state = { exited, stdoutEnded, exit: () => this.#exit };
  }

  /**
   * Spawns the server and resolves once it runs. A command that cannot be started (ENOENT, EACCES) is
   * a TargetUnavailableError, not a protocol failure.
   */
  static async start(options: StdioWireOptions): Promise<StdioWire> {
    const wire = new StdioWire(options);
    await Promise.race([
      new Promise<void>((resolve) => wire.#child.once('spawn', resolve)),
      wire.#state.exited,
    ]);
    if (wire.spawnError !== undefined) {
      const code = wire.spawnError.code ?? 'error';
      const hint = code === 'ENOENT' ? ' (command not found)' : code === 'EACCES' ? ' (not executable)' : '';
      throw new TargetUnavailableError(
        'spawn',
        `cannot start ${JSON.stringify(options.command)}: ${code}${hint}: ${wire.spawnError.message}`,
      );
    }
    return wire;
  }

  get closed(): boolean {
    return this.#exit !== undefined;
  }

  get exitInfo(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.#exit;
  }

  /** The last `chars` of stderr, for evidence. */
  stderrTail(chars = 500): string {
    return this.stderr.length > chars ? `…${this.stderr.slice(-chars)}` : this.stderr;
  }

  protected async transmit(text: string, _options: ExchangeOptions): Promise<HttpInfo | undefined> {
    if (this.closed || this.#child.stdin!.destroyed) return undefined;
    this.#child.stdin!.write(`${text}\n`);
    return undefined;
  }

  /** The careful shutdown (stdin, SIGTERM, SIGKILL), judged by T04. Idempotent. */
  async close(): Promise<void> {
    this.shutdown = await this.#shutdown(CAREFUL);
  }

  /** The same steps with short waits, for connections nobody judges (probes). */
  override async dispose(): Promise<void> {
    this.shutdown = await this.#shutdown(QUICK);
  }

  #shutdown(times: typeof CAREFUL): Promise<ShutdownOutcome> {
    this.#closing ??= shutdownChild(this.#child, this.#state, times);
    return this.#closing;
  }
}
