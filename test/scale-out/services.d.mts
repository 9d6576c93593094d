/** Types of services.mjs (real redis-server and HAProxy processes for the scale-out tests). */

export interface RedisProcess {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly running: boolean;
  /** SIGTERM; resolves once it exited. */
  stop(): Promise<void>;
  /** SIGKILL; resolves once it exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: persistence is off) unless it runs. */
  start(): Promise<void>;
  /** stop() then start(). */
  restart(): Promise<void>;
}

export interface RoundRobin {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number>;
export function startRedis(): Promise<RedisProcess>;
export function haproxyConfig(port: number, backends: readonly string[]): string;
export function startRoundRobin(backends: readonly string[]): Promise<RoundRobin>;
/** Stops a child process with `signal` (SIGKILL after 5 s); resolves once it exited. */
export function stopChild(
  child: import('node:child_process').ChildProcess,
  signal?: NodeJS.Signals,
): Promise<void>;
