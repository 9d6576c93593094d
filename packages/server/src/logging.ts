/**
 * Where `ctx.log()` goes besides the client. 2026-07-28 deprecates MCP logging (SEP-2577): a request
 * gets `notifications/message` only when its `_meta` asks for a level, and servers are to log to stderr
 * (stdio) or to their own observability instead. Handlers keep their one `ctx.log()` call:
 * - with a `logger` option, every call is handed to it (with whether the client also got it);
 * - without one, on stdio, what a 2026-07-28 client did not ask for is written to stderr, one line each.
 * Legacy sessions keep their behaviour (logging/setLevel decides what the client gets).
 */
import type { LoggingLevel, RequestId, TransportKind } from '@mcpwire/core/runtime';

/** One `ctx.log()` call, as the `logger` option receives it. */
export interface LogEntry {
  level: LoggingLevel;
  data: unknown;
  /** The logger name given to `ctx.log()`. */
  logger?: string;
  /** The request being handled: its method, id and target (tool or prompt name, resource URI). */
  method: string;
  requestId: RequestId;
  target?: string;
  sessionId?: string;
  /** Whether the client also received it as `notifications/message`. */
  sentToClient: boolean;
}

/** Receives every log entry of the server (the `logger` option). */
export type LogHook = (entry: LogEntry) => void;

/** `[warning] database: {"error":"Connection failed"}` */
export function logLine(entry: LogEntry): string {
  let text: string;
  try {
    text = typeof entry.data === 'string' ? entry.data : (JSON.stringify(entry.data) ?? String(entry.data));
  } catch {
    text = String(entry.data);
  }
  const where = entry.target === undefined ? entry.method : `${entry.method} ${entry.target}`;
  return `[${entry.level}] ${entry.logger === undefined ? '' : `${entry.logger}: `}${text} (${where})`;
}

/** Hands an entry to the hook, or to stderr when a stdio client of 2026-07-28 did not receive it. */
export function deliverLog(
  hook: LogHook | undefined,
  transportKind: TransportKind | undefined,
  modern: boolean,
  entry: LogEntry,
): void {
  if (hook !== undefined) {
    try {
      hook(entry);
    } catch {
      // a failing log hook must not fail the handler that logged
    }
    return;
  }
  if (!entry.sentToClient && modern && transportKind === 'stdio') console.error(logLine(entry));
}
