/** SSE answer settings: the response headers, the buffering limits and the keep-alive interval. */

/**
 * Fresh headers for one SSE answer, plus `extra` (Mcp-Session-Id). Written as a literal on purpose: a
 * spread of a shared constant gave every answer its own hidden class in V8 once Content-Length was added,
 * and those classes kept each answer alive past young-generation collections.
 */
export function sseHeaders(extra?: Record<string, string>): Record<string, string> {
  return {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    ...extra,
  };
}

/**
 * How much an SSE response may hold that its client has not taken yet. Writers that await their sends
 * (`ctx.progress()`, notifications) wait while a response holds `highWaterBytes` or more; a response
 * that holds more than `maxBufferedBytes` when written to (writers that do not wait), or that stays full
 * for `stallTimeoutMs`, is ended: its client is not reading, and the server must not grow without bound.
 */
export interface SseLimits {
  readonly highWaterBytes: number;
  readonly maxBufferedBytes: number;
  /** 0: a full response waits for its client as long as it stays connected. */
  readonly stallTimeoutMs: number;
}

export const DEFAULT_SSE_LIMITS: SseLimits = {
  highWaterBytes: 64 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  stallTimeoutMs: 60_000,
};

/** The handlers' `maxStreamBufferBytes` / `streamStallTimeoutMs` options over the defaults. */
export function sseLimits(maxBufferedBytes?: number, stallTimeoutMs?: number): SseLimits {
  if (maxBufferedBytes === undefined && stallTimeoutMs === undefined) return DEFAULT_SSE_LIMITS;
  return {
    highWaterBytes: DEFAULT_SSE_LIMITS.highWaterBytes,
    maxBufferedBytes: maxBufferedBytes ?? DEFAULT_SSE_LIMITS.maxBufferedBytes,
    stallTimeoutMs: stallTimeoutMs ?? DEFAULT_SSE_LIMITS.stallTimeoutMs,
  };
}

/**
 * Comment lines on idle SSE streams, in ms: under the shortest idle limits in common use (10 s on some
 * proxies, 30 s, the usual 60–100 s), and a dropped connection shows within seconds. Bun's idle timeout
 * ignores what the server writes; the handler exempts streams there instead (platform.ts).
 */
export const DEFAULT_KEEPALIVE_MS = 5000;
