/** Local errors of the HTTP client transports. */
import { TransportError } from '@mcpwire/core/runtime';

// Lives in core so that @mcpwire/client exports it without importing the transports.
export { SessionExpiredError } from '@mcpwire/core/runtime';

/** An HTTP status the transport cannot turn into messages. `status` and `body` say what came back. */
export class HttpStatusError extends TransportError {
  readonly status: number;
  readonly body: string;
  /** An HTTP answer with an unexpected status; `body` holds its body text. */
  constructor(message: string, status: number, body: string) {
    super(message);
    this.name = 'HttpStatusError';
    this.status = status;
    this.body = body;
  }
}

/**
 * `initialize` got 400, 404 or 405 without a modern JSON-RPC error: the URL is probably a legacy HTTP+SSE
 * server (2025-11-25 §Backwards Compatibility). `connectWithFallback` catches it and retries over SSE.
 */
export class LegacyServerError extends HttpStatusError {
  /** The server answered initialize as a legacy HTTP+SSE server would. */
  constructor(status: number, body: string) {
    super(
      `Streamable HTTP not served: expected 2xx for initialize, received ${status}; the server may speak the 2024-11-05 HTTP+SSE transport`,
      status,
      body,
    );
    this.name = 'LegacyServerError';
  }
}
