/**
 * Starting a new legacy session after the server answered 404 to a request that carried our session id
 * (2025-11-25 basic/transports §Session Management: the client MUST start a new session with a new
 * InitializeRequest without a session id). The transport replays the initialize it sent first, with an
 * id of its own so the engine never sees the answer, then `notifications/initialized`, and gives back
 * the new session id. The engine keeps its negotiated revision: a server that now picks another one
 * cannot be continued transparently, so that is an error.
 */
import {
  type JSONRPCMessage,
  type JSONRPCRequest,
  LocalError,
  LocalErrorCode,
  parseMessage,
  serializeMessage,
} from '@mcpwire/core/runtime';
import { headerOf } from '../../shared-http/auth-provider.js';
import { HEADER_PROTOCOL_VERSION, HEADER_SESSION_ID } from '../../shared-http/header-names.js';
import type { HttpResult } from '../../shared-http/http-request.js';
import { readSseBody } from './sse-reader.js';

/** What the restart needs from the transport: a POST with the transport's auth and dispatcher. */
export type PostFn = (
  headers: Record<string, string>,
  body: string,
  operation: string,
) => Promise<HttpResult>;

export interface RestartInput {
  post: PostFn;
  /** Accept and static headers, without a session id. */
  baseHeaders: Record<string, string>;
  /** The initialize request the engine sent when the first session was opened. */
  initialize: JSONRPCRequest;
  /** The revision in use; the new session must negotiate the same one. */
  protocolVersion: string | undefined;
  /** Makes the replayed initialize's id unique per restart. */
  attempt: number;
}

/** Thrown when a new session could not be opened; the request that met the 404 fails with it. */
export class SessionRestartError extends LocalError {
  /** Starting a new session after a 404 failed, for the reason in `detail`. */
  constructor(detail: string, options?: { cause?: unknown }) {
    super(LocalErrorCode.InvalidState, `Session restart failed: ${detail}`, options);
    this.name = 'SessionRestartError';
  }
}

/** Opens a new session; resolves with its id (undefined when the server issues none). */
export async function restartSession(input: RestartInput): Promise<string | undefined> {
  const id = `mcpwire-session-restart-${input.attempt}`;
  const headers = { ...input.baseHeaders, 'content-type': 'application/json' };
  const result = await input.post(headers, serializeMessage({ ...input.initialize, id }), 'initialize');
  const contentType = headerOf(result.headers, 'content-type') ?? '';
  let answer: JSONRPCMessage | undefined;
  if (result.statusCode >= 200 && result.statusCode < 300 && contentType.startsWith('text/event-stream')) {
    answer = await readAnswer(result, id);
  } else {
    const text = await result.body.text();
    if (result.statusCode < 200 || result.statusCode >= 300) {
      throw new SessionRestartError(
        `expected 2xx for the new initialize, received ${result.statusCode} ${text.slice(0, 200)}`,
      );
    }
    answer = findAnswer(text, id);
  }
  if (answer === undefined || !('result' in answer)) {
    const received =
      answer === undefined ? 'no response' : `error ${JSON.stringify((answer as { error?: unknown }).error)}`;
    throw new SessionRestartError(`expected an initialize result, received ${received}`);
  }
  const chosen = answer.result.protocolVersion;
  if (input.protocolVersion !== undefined && chosen !== input.protocolVersion) {
    throw new SessionRestartError(
      `expected the new session to negotiate ${input.protocolVersion} like the first, received ${JSON.stringify(chosen)}`,
    );
  }
  const session = headerOf(result.headers, HEADER_SESSION_ID);
  const initialized: Record<string, string> = { ...input.baseHeaders, 'content-type': 'application/json' };
  if (session !== undefined) initialized[HEADER_SESSION_ID] = session;
  if (typeof chosen === 'string') initialized[HEADER_PROTOCOL_VERSION] = chosen;
  const ack = await input.post(
    initialized,
    serializeMessage({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    'notifications/initialized',
  );
  await ack.body.dump();
  if (ack.statusCode < 200 || ack.statusCode >= 300) {
    throw new SessionRestartError(
      `expected 202 for notifications/initialized on the new session, received ${ack.statusCode}`,
    );
  }
  return session;
}

function findAnswer(text: string, id: string): JSONRPCMessage | undefined {
  const parsed = parseMessage(text, { allowBatch: true });
  if (!parsed.ok) return undefined;
  const messages = parsed.kind === 'batch' ? parsed.message : [parsed.message];
  return messages.find((message) => !('method' in message) && message.id === id);
}

/** Reads an SSE answer up to the response with our id (anything else on it belongs to no live request). */
async function readAnswer(result: HttpResult, id: string): Promise<JSONRPCMessage | undefined> {
  let answer: JSONRPCMessage | undefined;
  await readSseBody(result.body, (event) => {
    if (answer !== undefined || event.event !== 'message') return;
    answer = findAnswer(event.data, id);
    // Got it: a server that keeps the stream open must not hold the restart.
    if (answer !== undefined) result.body.destroy();
  });
  return answer;
}
