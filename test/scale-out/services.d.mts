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

export interface FixtureProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `<url>/mcp` */
  readonly mcpUrl: string;
  readonly port: number;
  readonly child: import('node:child_process').ChildProcess;
  readonly running: boolean;
  /** SIGTERM: a clean shutdown. */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

/** The built conformance CLI. */
export const FIXTURE_CLI: string;
export function startFixtureServer(options?: {
  redis?: string;
  args?: readonly string[];
}): Promise<FixtureProcess>;
/** Stops a child process with `signal` (SIGKILL after 5 s); resolves once it exited. */
export function stopChild(
  child: import('node:child_process').ChildProcess,
  signal?: NodeJS.Signals,
): Promise<void>;
