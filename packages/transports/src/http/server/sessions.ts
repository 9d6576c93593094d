/**
 * Live legacy sessions: lookup by id, idle expiry with one shared sweep timer (not one timer per session),
 * and a cap on how many may exist at once.
 */
import type { StreamableHttpServerTransport } from './server-transport.js';
import { unrefTimer } from './sse-stream.js';

export class SessionRegistry {
  private readonly sessions = new Map<string, StreamableHttpServerTransport>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly idleTimeoutMs: number,
    readonly maxSessions: number,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): StreamableHttpServerTransport | undefined {
    return this.sessions.get(id);
  }

  /** Adds a session; false when the cap is reached even after expiring idle sessions. */
  add(transport: StreamableHttpServerTransport): boolean {
    if (this.sessions.size >= this.maxSessions) this.sweep();
    if (this.sessions.size >= this.maxSessions) return false;
    this.sessions.set(transport.sessionId!, transport);
    this.ensureSweeper();
    return true;
  }

  delete(id: string): void {
    this.sessions.delete(id);
    if (this.sessions.size === 0 && this.sweeper !== undefined) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  /** Closes sessions idle for longer than the timeout. */
  sweep(now = Date.now()): void {
    for (const transport of this.sessions.values()) {
      if (transport.isIdle && now - transport.lastActivity >= this.idleTimeoutMs) void transport.close();
    }
  }

  async closeAll(): Promise<void> {
    const all = [...this.sessions.values()];
    await Promise.all(all.map((transport) => transport.close()));
    this.sessions.clear();
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private ensureSweeper(): void {
    if (this.sweeper !== undefined || !Number.isFinite(this.idleTimeoutMs)) return;
    const period = Math.min(60_000, Math.max(10, Math.floor(this.idleTimeoutMs / 4)));
    this.sweeper = setInterval(() => this.sweep(), period);
    unrefTimer(this.sweeper);
  }
}
