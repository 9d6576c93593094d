/**
 * GET (the standalone SSE stream, or a resumption with Last-Event-ID) and DELETE (end a session) of the
 * Streamable HTTP handler. Both address a legacy session, and only its owner may (see session-access.ts);
 * 2026-07-28 and stateless servers take POST only.
 */
import { ErrorCode, MODERN_REVISIONS } from '@mcpwire/core/runtime';
import {
  HEADER_LAST_EVENT_ID,
  HEADER_PROTOCOL_VERSION,
  HEADER_SESSION_ID,
} from '../../shared-http/header-names.js';
import { type EventStore, parseEventId } from './event-store.js';
import type { StreamableHttpHandlerOptions } from './handler-options.js';
import { type HttpInput, type HttpOutput, type TextOutput, textOutput } from './http-io.js';
import { errorOutput, plainOutput } from './responses.js';
import type { SessionAccess } from './session-access.js';
import { sseHeaders } from './sse-settings.js';

const MODERN: ReadonlySet<string> = new Set(MODERN_REVISIONS);

export class SessionStreams {
  constructor(
    private readonly options: StreamableHttpHandlerOptions,
    private readonly access: SessionAccess,
    private readonly events: EventStore | undefined,
  ) {}

  async get(input: HttpInput, owner: string): Promise<HttpOutput> {
    const sessionId = this.sessionIdOf(input);
    if (typeof sessionId !== 'string') return sessionId;
    const entry = await this.access.find(sessionId, owner, input);
    if (!('transport' in entry)) return entry;
    const accept = input.headers.get('accept');
    if (accept !== null && !accept.includes('text/event-stream') && !accept.includes('*/*')) {
      return errorOutput(
        406,
        ErrorCode.InvalidRequest,
        `Not Acceptable: expected Accept to list text/event-stream, received ${JSON.stringify(accept)}`,
      );
    }
    const transport = entry.transport;
    const headers = sseHeaders({ [HEADER_SESSION_ID]: sessionId });
    const lastEventId = input.headers.get(HEADER_LAST_EVENT_ID);
    if (lastEventId !== null && this.events !== undefined) {
      const parsedId = parseEventId(lastEventId);
      const resumed = parsedId?.streamId.startsWith(sessionId + '/')
        ? await transport.resume(parsedId.streamId, parsedId.seq, headers)
        : undefined;
      if (resumed !== undefined) {
        resumed.connection.announce();
        return resumed;
      }
      return errorOutput(
        400,
        ErrorCode.InvalidRequest,
        `Bad Request: expected Last-Event-ID of a resumable stream of this session, received ${JSON.stringify(lastEventId)}`,
      );
    }
    const version = input.headers.get(HEADER_PROTOCOL_VERSION) ?? undefined;
    const start = await this.access.getStreamStart(entry);
    // One open already: a comment written to it now releases it if its client is gone and the runtime
    // has not said so yet, so a client reopening a dropped stream is not refused.
    const opened =
      transport.openStandalone(headers, version, start) ??
      (transport.probeStandalone() ? undefined : transport.openStandalone(headers, version, start));
    if (opened === undefined) {
      return errorOutput(
        409,
        ErrorCode.InvalidRequest,
        'Conflict: expected at most one GET stream per session, received a second while one is open',
      );
    }
    opened.connection.announce();
    return opened;
  }

  async delete(input: HttpInput, owner: string): Promise<HttpOutput> {
    const sessionId = this.sessionIdOf(input);
    if (typeof sessionId !== 'string') return sessionId;
    return (await this.access.end(sessionId, owner)) ?? textOutput(200, null, {});
  }

  /** The Mcp-Session-Id of a GET or DELETE, or the answer refusing it. */
  private sessionIdOf(input: HttpInput): string | TextOutput {
    const version = input.headers.get(HEADER_PROTOCOL_VERSION);
    if (this.options.stateless || (version !== null && MODERN.has(version))) {
      return plainOutput(
        405,
        'Method Not Allowed: this endpoint takes POST only for this protocol revision',
        {
          allow: 'POST',
        },
      );
    }
    const sessionId = input.headers.get(HEADER_SESSION_ID);
    if (sessionId === null) {
      return errorOutput(
        400,
        ErrorCode.InvalidRequest,
        'Bad Request: expected an Mcp-Session-Id header, received none',
      );
    }
    return sessionId;
  }
}
