/**
 * What happens when a handler fails, the same way for tools, resources, prompts and completions:
 * - A thrown `ProtocolError` (other than -32603) is a deliberate answer: it goes to the client as is and
 *   nothing is reported. `ResourceNotFoundError` is one, with the code of the client's revision.
 * - Anything else is a failure: the server's `onerror` gets it with the method and the name (tool, prompt,
 *   resource URI), by default one line on stderr, and the client gets its message: a tool answers with an
 *   `isError` result (so the model sees it), every other method with a -32603 error.
 */
import {
  ErrorCode,
  type JsonObject,
  LocalError,
  LocalErrorCode,
  ProtocolError,
  type RequestContext,
  type RequestId,
  type WireError,
} from '@mcpwire/core/runtime';

/**
 * The resource does not exist. Throw it from a reader (e.g. a template whose variables name no row): the
 * client gets -32002 in legacy revisions and -32602 in 2026-07-28 (server/resources §Error Handling), with
 * `data: { uri }`, and nothing is reported as a failure.
 */
export class ResourceNotFoundError extends ProtocolError {
  readonly uri: string;
  /** The resource at `uri` does not exist (answered -32002 in the legacy era, -32602 in 2026-07-28). */
  constructor(uri: string, message = `Resource not found: ${uri}`) {
    super(ErrorCode.ResourceNotFound, message, { uri });
    this.name = 'ResourceNotFoundError';
    this.uri = uri;
  }

  /** The error a client of `era` expects: the code changed to -32602 (Invalid Params) in 2026-07-28. */
  toWireFor(era: 'legacy' | 'modern' | undefined): WireError {
    return {
      code: era === 'modern' ? ErrorCode.InvalidParams : ErrorCode.ResourceNotFound,
      message: this.message,
      data: { uri: this.uri },
    };
  }
}

/** The request whose handler failed, as `onerror` receives it. */
export interface FailedRequest {
  /** e.g. "tools/call", "resources/read". */
  method: string;
  /** The tool or prompt name, or the resource URI, when the request names one. */
  name?: string;
  requestId: RequestId;
  sessionId?: string;
}

/** Receives every handler failure (see the module comment). */
export type ErrorHook = (error: Error, request: FailedRequest) => void;

/** `[mcpwire] resources/read file:///x failed: Error: disk full (at read (/app/server.js:12:9))` */
export function failureLine(error: Error, request: FailedRequest): string {
  const where = request.name === undefined ? request.method : `${request.method} ${request.name}`;
  const text = `${error.name}: ${error.message}`.replace(/\s*\n\s*/g, ' ');
  const frame = /\n\s+at (.+)/.exec(error.stack ?? '')?.[1];
  return `[mcpwire] ${where} failed: ${text}${frame === undefined ? '' : ` (at ${frame})`}`;
}

/** The default `onerror`: one line on stderr. */
export const printFailure: ErrorHook = (error, request) => {
  console.error(failureLine(error, request));
};

export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new LocalError(LocalErrorCode.InvalidState, String(thrown));
}

/** Whether a thrown value is a deliberate answer rather than a failure worth reporting. */
export function isDeliberate(thrown: unknown): thrown is ProtocolError {
  return thrown instanceof ProtocolError && thrown.code !== ErrorCode.InternalError;
}

/** The tool or prompt name, or the resource URI, of a request's params. */
export function requestName(params: JsonObject | undefined): string | undefined {
  const name = params?.name ?? params?.uri;
  return typeof name === 'string' ? name : undefined;
}

/** Builds what `onerror` receives about a request. */
export function failedRequest(request: RequestContext, name: string | undefined): FailedRequest {
  const failed: FailedRequest = { method: request.method, requestId: request.requestId };
  if (name !== undefined) failed.name = name;
  if (request.sessionId !== undefined) failed.sessionId = request.sessionId;
  return failed;
}

/** The error sent for a failure: its own message under -32603 (a ProtocolError keeps its data too). */
export function failureToWire(thrown: unknown): WireError {
  if (thrown instanceof ProtocolError) return thrown.toWire();
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: ErrorCode.InternalError, message: message === '' ? 'Internal error' : message };
}
