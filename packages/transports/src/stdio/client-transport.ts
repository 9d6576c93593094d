/**
 * The client side of the stdio transport: spawns the MCP server and talks to it over its stdin/stdout.
 *
 * - The child runs in its own process group (POSIX), so shutdown reaches the whole tree (`npx` wrappers,
 *   shells, helpers the server started).
 * - Shutdown follows 2025-11-25 basic/lifecycle §Shutdown: close stdin, wait, SIGTERM, wait, SIGKILL; then
 *   whatever is left of the group gets the same treatment.
 * - stderr is the server's log: inherited, ignored or handed to a callback, never a protocol error.
 * - Spawn failures, unexpected exits and non-JSON output become TransportErrors naming the command.
 * - A process-wide hook kills live children if this process exits or is interrupted first.
 */
import type { ChildProcess } from 'node:child_process';
import {
  ConnectionClosedError,
  type FramingError,
  type JSONRPCPayload,
  LineDecoder,
  LocalError,
  LocalErrorCode,
  type ParseOptions,
  parseMessage,
  type Transport,
  TransportError,
} from '@mcpwire/core/runtime';
import { childProcessModule } from './child-process.js';
import { buildChildEnvironment } from './environment.js';
import { LineWriter } from './line-writer.js';
import { signalTree, trackTree, treeAlive, untrackTree } from './process-tree.js';

export interface StdioServerParameters {
  /** The executable to run (looked up on PATH; no shell is involved). */
  command: string;
  args?: readonly string[];
  /** Merged over the safe default environment (see getDefaultEnvironment); `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** The server's stderr: inherited (default), ignored, or handed over as text chunks. */
  stderr?: 'inherit' | 'ignore' | ((text: string) => void);
}

export interface StdioClientTransportOptions extends StdioServerParameters {
  /** Largest accepted message from the server in bytes. Default 4 MiB. */
  maxMessageBytes?: number;
  /** How long to wait for the server to exit after its stdin is closed, before SIGTERM. Default 2000 ms. */
  shutdownTimeoutMs?: number;
  /** How long to wait after SIGTERM before SIGKILL. Default 2000 ms. */
  killTimeoutMs?: number;
}

type State = 'new' | 'starting' | 'open' | 'closing' | 'closed';

const BATCHES: ParseOptions = { allowBatch: true };
const NO_BATCHES: ParseOptions = { allowBatch: false };
/**
 * Requests written in one tick go to the server in writes of at most this many lines, not one write at the
 * end of the tick: with 64 calls in flight, one read of responses makes 64 new requests, and holding them
 * all until the tick ends kept the server idle meanwhile (the two processes took turns: server 47% busy,
 * 0.84 of a lean client on a quiet machine). Eight per write let it start at once (1.0-1.15 of lean) at an
 * eighth of the write syscalls of writing each line alone (4 and 16 measured the same within noise).
 */
const LINES_PER_WRITE = 8;
/** Interval of the "is anything of the group left?" probe after the leader exited. */
const GROUP_POLL_MS = 25;
/** How long the last output may trail the exit before the pipes are torn down. */
const STDIO_CLOSE_GRACE_MS = 500;
/** How long after stdout ends the exit may follow (then its code says why) before the connection counts as lost. */
const STDOUT_END_GRACE_MS = 100;

export class StdioClientTransport implements Transport {
  readonly transportKind = 'stdio' as const;
  onmessage?: Transport['onmessage'];
  onerror?: Transport['onerror'];
  onclose?: Transport['onclose'];

  readonly #options: StdioClientTransportOptions;
  /** "node server.js --flag", shown in every error so the user knows which server failed. */
  readonly #label: string;
  readonly #decoder: LineDecoder;
  #parseOptions: ParseOptions = NO_BATCHES;
  #state: State = 'new';
  #child: ChildProcess | undefined;
  #writer: LineWriter | undefined;
  #exited = false;
  #exitPromise: Promise<void> | undefined;
  #stdioClosedPromise: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #starting: Promise<void> | undefined;
  /** The server closed its stdout first: nothing more can arrive, the transport is closing itself. */
  #lost = false;
  /** We sent the tree a signal (an exit by signal after that is ours, not a crash). */
  #signalled = false;
  #closeNotified = false;
  #stdoutEndTimer: ReturnType<typeof setTimeout> | undefined;

  /** A transport that starts `options.command` as a child process on `start()`. */
  constructor(options: StdioClientTransportOptions) {
    if (typeof options?.command !== 'string' || options.command.length === 0) {
      throw new LocalError(
        LocalErrorCode.InvalidConfig,
        `StdioClientTransport: expected "command" to be a non-empty string, received ${JSON.stringify(options?.command)}`,
      );
    }
    this.#options = options;
    const line = [options.command, ...(options.args ?? [])].join(' ');
    this.#label = line.length > 200 ? `${line.slice(0, 200)}…` : line;
    this.#decoder = new LineDecoder({
      onLine: this.#handleLine,
      onError: this.#handleFramingError,
      ...(options.maxMessageBytes === undefined ? {} : { maxLineBytes: options.maxMessageBytes }),
    });
  }

  /** The server's process id once started. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Spawns the server. Rejects with a TransportError naming the command when it cannot be started. */
  start(): Promise<void> {
    if (this.#state !== 'new') {
      return Promise.reject(
        new LocalError(
          LocalErrorCode.InvalidState,
          `StdioClientTransport was already connected: expected a new transport for each connect() (one that was never started), received one that is ${this.#state}`,
        ),
      );
    }
    this.#state = 'starting';
    const { stderr = 'inherit' } = this.#options;
    const child = childProcessModule().spawn(this.#options.command, this.#options.args ?? [], {
      cwd: this.#options.cwd,
      env: buildChildEnvironment(this.#options.env),
      stdio: ['pipe', 'pipe', typeof stderr === 'function' ? 'pipe' : stderr],
      detached: process.platform !== 'win32',
      shell: false,
      windowsHide: true,
    });
    this.#child = child;
    this.#exitPromise = new Promise((resolve) => child.once('exit', () => resolve()));
    this.#stdioClosedPromise = new Promise((resolve) => child.once('close', () => resolve()));
    this.#starting = new Promise<void>((resolve, reject) => {
      child.once('spawn', () => {
        this.#onSpawned(child);
        resolve();
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        if (this.#state !== 'starting') return;
        this.#state = 'closed';
        reject(
          new TransportError(
            `Failed to start MCP server "${this.#label}": expected an executable command, received ${error.code ?? 'an error'} (${error.message})`,
            { cause: error },
          ),
        );
      });
    });
    return this.#starting;
  }

  send(message: JSONRPCPayload): Promise<void> {
    if (this.#state !== 'open' || this.#writer === undefined) {
      return Promise.reject(
        new ConnectionClosedError(
          `Cannot send to MCP server "${this.#label}": expected a running server, received a transport that is ${this.#state}${this.#exited ? ' (the server exited)' : ''}`,
        ),
      );
    }
    return this.#writer.write(message);
  }

  /** Shuts the server down (stdin close, SIGTERM, SIGKILL, for the whole tree). Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  setProtocolVersion(version: string): void {
    this.#parseOptions = version === '2025-03-26' ? BATCHES : NO_BATCHES;
  }

  #onSpawned(child: ChildProcess): void {
    this.#state = 'open';
    trackTree(child.pid!);
    this.#writer = new LineWriter(child.stdin!, this.#handleStdinFailure, undefined, LINES_PER_WRITE);
    child.stdout!.on('data', this.#handleData);
    child.stdout!.on('end', this.#handleStdoutEnd);
    child.stdout!.on('error', this.#handlePipeError);
    child.stderr?.on('error', this.#handlePipeError);
    const { stderr } = this.#options;
    if (typeof stderr === 'function') {
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (text: string) => {
        try {
          stderr(text);
        } catch (error) {
          this.#reportError(error instanceof Error ? error : new Error(String(error)));
        }
      });
    }
    child.on('exit', this.#handleExit);
    // Errors after spawn (a failed kill, ...) are reported, not thrown.
    child.on('error', (error) => {
      if (this.#state !== 'starting')
        this.#reportError(
          new TransportError(`MCP server "${this.#label}": ${error.message}`, { cause: error }),
        );
    });
  }

  async #shutdown(): Promise<void> {
    const child = this.#child;
    if (this.#state === 'new' || this.#state === 'closed' || child === undefined) {
      this.#state = 'closed';
      return;
    }
    if (this.#state === 'starting') await this.#starting?.catch(() => undefined);
    if (this.#state !== 'open') return;
    this.#state = 'closing';
    clearTimeout(this.#stdoutEndTimer);
    this.#writer?.close(
      new ConnectionClosedError(`Cannot send to MCP server "${this.#label}": the transport is closing`),
    );
    const pid = child.pid!;
    const { shutdownTimeoutMs = 2000, killTimeoutMs = 2000 } = this.#options;
    if (!this.#exited) {
      child.stdin?.end();
      if (!(await this.#waitForExit(shutdownTimeoutMs))) {
        this.#signalled = true;
        signalTree(pid, 'SIGTERM');
        if (!(await this.#waitForExit(killTimeoutMs))) {
          signalTree(pid, 'SIGKILL');
          await this.#waitForExit(killTimeoutMs);
        }
      }
    }
    await this.#terminateRestOfTree(pid, killTimeoutMs);
    // Output written just before exit is still delivered; a pipe held open by an escaped process is not waited on.
    await settleWithin(this.#stdioClosedPromise!, STDIO_CLOSE_GRACE_MS);
    child.stdout?.off('data', this.#handleData);
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.stdin?.destroy();
    untrackTree(pid);
    this.#state = 'closed';
    this.#notifyClosed();
  }

  /** Fires onclose once: when the connection is lost (at once) or when the shutdown finished. */
  #notifyClosed(): void {
    if (this.#closeNotified) return;
    this.#closeNotified = true;
    try {
      this.onclose?.();
    } catch (error) {
      this.#reportError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The leader is gone; helpers it left in its group get SIGTERM, then SIGKILL. */
  async #terminateRestOfTree(pid: number, killTimeoutMs: number): Promise<void> {
    // Windows has no process groups; its tree kill (taskkill /T) only works while the root is alive.
    if (process.platform === 'win32') return;
    if (!treeAlive(pid)) return;
    signalTree(pid, 'SIGTERM');
    const deadline = Date.now() + killTimeoutMs;
    while (treeAlive(pid) && Date.now() < deadline) await delay(GROUP_POLL_MS);
    if (treeAlive(pid)) signalTree(pid, 'SIGKILL');
  }

  async #waitForExit(timeoutMs: number): Promise<boolean> {
    if (this.#exited) return true;
    await settleWithin(this.#exitPromise!, timeoutMs);
    return this.#exited;
  }

  readonly #handleExit = (code: number | null, signal: NodeJS.Signals | null): void => {
    this.#exited = true;
    // After a lost stdout the exit is still news when the server failed (the code says why).
    const crashed = this.#lost && !this.#signalled && (code !== 0 || signal !== null);
    if (this.#state !== 'open' && !crashed) return;
    const how = signal === null ? `with code ${code}` : `by signal ${signal}`;
    this.#reportError(
      new TransportError(
        `MCP server "${this.#label}" exited unexpectedly ${how}: expected it to run until closed`,
      ),
    );
    void this.close();
  };

  readonly #handleData = (chunk: Buffer): void => {
    this.#decoder.push(chunk);
  };

  /**
   * The server closed its stdout: every response it wrote has been read and no other can come. Unless the
   * process exits right away (its exit code, reported by #handleExit, says more), the connection is lost
   * while the process runs on: calls in flight fail at once (onclose) instead of waiting for their
   * timeouts, and the process is shut down as on close().
   */
  readonly #handleStdoutEnd = (): void => {
    this.#decoder.end();
    if (this.#state === 'open' && !this.#exited)
      this.#stdoutEndTimer = setTimeout(this.#stdoutLost, STDOUT_END_GRACE_MS);
  };

  readonly #stdoutLost = (): void => {
    if (this.#state !== 'open' || this.#exited) return;
    this.#lost = true;
    this.#reportError(
      new TransportError(
        `MCP server "${this.#label}" closed its stdout but kept running: expected its stdout open until the transport is closed (no response can arrive any more)`,
      ),
    );
    void this.close();
    this.#notifyClosed();
  };

  readonly #handleLine = (line: string): void => {
    const parsed = parseMessage(line, this.#parseOptions);
    if (!parsed.ok) {
      this.#reportError(
        new TransportError(
          `MCP server "${this.#label}" wrote to stdout a line that is not a valid JSON-RPC message (stdout is for MCP messages only; logs belong on stderr): ${parsed.error.message}`,
          { cause: parsed.error },
        ),
      );
      return;
    }
    if (parsed.kind === 'batch') {
      for (const failure of parsed.failures) {
        this.#reportError(
          new TransportError(
            `MCP server "${this.#label}" sent an invalid batch member: ${failure.error.message}`,
            {
              cause: failure.error,
            },
          ),
        );
      }
      if (parsed.message.length === 0) return;
    }
    try {
      this.onmessage?.(parsed.message);
    } catch (error) {
      this.#reportError(error instanceof Error ? error : new Error(String(error)));
    }
  };

  readonly #handleFramingError = (error: FramingError): void => {
    this.#reportError(
      new TransportError(`MCP server "${this.#label}" wrote an unreadable line to stdout: ${error.message}`, {
        cause: error,
      }),
    );
  };

  /** A pipe without an 'error' listener would crash the process; report instead. */
  readonly #handlePipeError = (error: Error): void => {
    if (this.#state !== 'open') return;
    this.#reportError(
      new TransportError(
        `Cannot read from MCP server "${this.#label}": its output pipe failed (${error.message})`,
        {
          cause: error,
        },
      ),
    );
  };

  readonly #handleStdinFailure = (error: Error): void => {
    // EPIPE while the server is exiting is expected; the exit itself is reported.
    if (this.#state !== 'open' || this.#exited) return;
    this.#reportError(
      new TransportError(`Cannot write to MCP server "${this.#label}": its stdin failed (${error.message})`, {
        cause: error,
      }),
    );
  };

  #reportError(error: Error): void {
    try {
      this.onerror?.(error);
    } catch {
      // Nowhere left to report to.
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for `promise` at most `ms`; the timer is cleared either way so it never holds the process open. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
