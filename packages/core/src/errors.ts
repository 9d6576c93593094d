/**
 * Two error families (see DESIGN.md):
 * - ProtocolError: travels on the wire as a JSON-RPC error, with a numeric code and optional data.
 * - LocalError subclasses: failures on this side (timeouts, closed connections, transports, configuration),
 *   identified by a stable string code that callers can switch on.
 * Every message says what was expected and what was received.
 */

/** JSON-RPC and MCP error codes that mcpwire sends or understands. */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** Legacy revisions: resources/read of an unknown URI (2026-07-28 uses InvalidParams). */
  ResourceNotFound: -32002,
  /** 2025-11-25: a URL-mode elicitation must complete before the request can proceed. */
  UrlElicitationRequired: -32042,
  /** 2026-07-28: an HTTP header (Mcp-Method, Mcp-Name, MCP-Protocol-Version) disagrees with the body. */
  HeaderMismatch: -32020,
  /** 2026-07-28: the request needs a client capability the client did not declare. */
  MissingRequiredClientCapability: -32021,
  /** 2026-07-28: the request's protocol version is not supported. */
  UnsupportedProtocolVersion: -32022,
} as const;

/** The name of a JSON-RPC or MCP error code in {@link ErrorCode}. */
export type ErrorCodeName = keyof typeof ErrorCode;

/** The shape of the `error` member of a JSON-RPC error response. */
export interface WireError {
  code: number;
  message: string;
  data?: unknown;
}

/** Base of every error mcpwire throws, so `instanceof McpwireError` catches all of them. */
export abstract class McpwireError extends Error {
  abstract readonly code: number | string;
}

/** An error that is (or came from) a JSON-RPC error response. */
export class ProtocolError extends McpwireError {
  readonly code: number;
  readonly data: unknown;

  /** An error with a JSON-RPC code, as sent or received on the wire. */
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
    this.data = data;
  }

  /** Builds a ProtocolError from the `error` member of a received response. */
  static fromWire(error: WireError): ProtocolError {
    return new ProtocolError(error.code, error.message, error.data);
  }

  /** The error as the `error` member of a JSON-RPC error response. */
  toWire(): WireError {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

/** Codes of local failures: stable strings, safe to switch on. */
export const LocalErrorCode = {
  Timeout: 'MCPWIRE_TIMEOUT',
  ConnectionClosed: 'MCPWIRE_CONNECTION_CLOSED',
  Transport: 'MCPWIRE_TRANSPORT',
  InvalidConfig: 'MCPWIRE_INVALID_CONFIG',
  Aborted: 'MCPWIRE_ABORTED',
  CapabilityNotSupported: 'MCPWIRE_CAPABILITY_NOT_SUPPORTED',
  UnsupportedRevision: 'MCPWIRE_UNSUPPORTED_REVISION',
  InvalidMessage: 'MCPWIRE_INVALID_MESSAGE',
  InvalidState: 'MCPWIRE_INVALID_STATE',
  /** OAuth: discovery, registration, authorization or token validation refused (see @mcpwire/auth). */
  Auth: 'MCPWIRE_AUTH',
  /** A shared state store (sessions, events, bus, tasks; e.g. Redis) could not be reached. */
  StoreUnavailable: 'MCPWIRE_STORE_UNAVAILABLE',
} as const;

/** One of the string codes of {@link LocalErrorCode}. */
export type LocalErrorCodeValue = (typeof LocalErrorCode)[keyof typeof LocalErrorCode];

/** A failure on this side of the connection; never sent on the wire as-is. */
export class LocalError extends McpwireError {
  readonly code: LocalErrorCodeValue;

  /** An error raised locally (never sent on the wire), with a stable string code. */
  constructor(code: LocalErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalError';
    this.code = code;
  }
}

/** A request got no response within its time limit. */
export class TimeoutError extends LocalError {
  readonly timeoutMs: number;
  /** No answer came within `timeoutMs`. */
  constructor(message: string, timeoutMs: number) {
    super(LocalErrorCode.Timeout, message);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The connection closed while a request was pending, or a send was attempted after close. */
export class ConnectionClosedError extends LocalError {
  /** The connection is closed. */
  constructor(message = 'Connection closed: expected an open connection, but it was closed') {
    super(LocalErrorCode.ConnectionClosed, message);
    this.name = 'ConnectionClosedError';
  }
}

/** The transport failed (spawn error, socket error, HTTP status it cannot handle, ...). */
export class TransportError extends LocalError {
  /** The transport failed (a process exited, a connection broke). */
  constructor(message: string, options?: { cause?: unknown }) {
    super(LocalErrorCode.Transport, message, options);
    this.name = 'TransportError';
  }
}

/** Options or configuration files that cannot work. */
export class ConfigError extends LocalError {
  /** A configuration mistake, found when the object is set up. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(LocalErrorCode.InvalidConfig, message, options);
    this.name = 'ConfigError';
  }
}

/** The caller aborted the request through its AbortSignal. */
export class AbortedError extends LocalError {
  readonly reason: unknown;
  /** The request was aborted; `reason` is the signal's reason. */
  constructor(message: string, reason?: unknown) {
    super(LocalErrorCode.Aborted, message);
    this.name = 'AbortedError';
    this.reason = reason;
  }
}

/** We refused to send a request the peer (or we) did not declare a capability for. */
export class CapabilityError extends LocalError {
  /** The peer lacks the capability the call needs. */
  constructor(message: string) {
    super(LocalErrorCode.CapabilityNotSupported, message);
    this.name = 'CapabilityError';
  }
}

/** The peer chose a protocol revision this side does not support. */
export class UnsupportedRevisionError extends LocalError {
  readonly supported: readonly string[];
  readonly received: unknown;
  /** A revision outside `supported` was asked for or received. */
  constructor(received: unknown, supported: readonly string[]) {
    super(
      LocalErrorCode.UnsupportedRevision,
      `Unsupported protocol revision: expected one of ${supported.join(', ')}, received ${JSON.stringify(received)}`,
    );
    this.name = 'UnsupportedRevisionError';
    this.supported = supported;
    this.received = received;
  }
}

/**
 * A shared state store (e.g. Redis) did not answer: it is down, unreachable or restarting. HTTP handlers
 * answer 503 with this message instead of failing the request as an internal error; it is never a crash.
 */
export class StoreUnavailableError extends LocalError {
  /** The shared store (e.g. Redis) could not be reached. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(LocalErrorCode.StoreUnavailable, message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The server answered 404 to a request that carried a session id: the session is gone (expired, deleted,
 * server restarted). The client must initialize again without a session id (2025-11-25 §Session Management).
 * Thrown by the HTTP client transports; defined here so @mcpwire/client can export it without them.
 */
export class SessionExpiredError extends LocalError {
  readonly sessionId: string;
  /** The server no longer knows the session `sessionId` (404). */
  constructor(sessionId: string) {
    super(
      LocalErrorCode.InvalidState,
      `Session expired: expected the server to know session ${JSON.stringify(sessionId)}, received 404 Not Found; initialize a new session`,
    );
    this.name = 'SessionExpiredError';
    this.sessionId = sessionId;
  }
}

/** Turns anything thrown by a handler into a wire error without leaking internals. */
export function toWireError(error: unknown): WireError {
  if (error instanceof ProtocolError) return error.toWire();
  return { code: ErrorCode.InternalError, message: 'Internal error' };
}
