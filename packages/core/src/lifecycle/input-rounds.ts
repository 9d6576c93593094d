/**
 * 2026-07-28 multi round-trip requests, client side (basic/patterns/mrtr): each entry of a result's
 * `inputRequests` is served by the handler this client registered for that method (the same handlers that
 * answer legacy server→client requests), and the answers are keyed like the requests.
 */
import { CapabilityError, LocalError, LocalErrorCode, toWireError } from '../errors.js';
import type { JsonObject } from '../jsonrpc/types.js';
import type { AnyRequestHandler } from '../protocol/base.js';
import { type ContextOwner, IncomingRequest } from '../protocol/context.js';
import type { PendingRequest } from '../protocol/pending.js';
import type { EngineTelemetry } from '../protocol/telemetry.js';
import type { Revision } from '../revisions.js';
import type { Transport } from '../transport.js';
import { capabilityName, clientCapabilityFor, hasCapability } from './capabilities.js';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where input requests are traced: each is handled like an incoming request (a SERVER span). */
export interface InputTracing {
  telemetry: EngineTelemetry;
  transport: Transport | undefined;
  revision: Revision | undefined;
}

/**
 * The params of the next round of a call whose result was input_required: the caller's params with the
 * answers (`inputResponses`) and the server's `requestState`. Throws after `maxRounds` rounds.
 */
export async function paramsWithInput(
  owner: ContextOwner,
  handlers: ReadonlyMap<string, AnyRequestHandler>,
  capabilities: JsonObject,
  maxRounds: number,
  pending: PendingRequest,
  result: JsonObject,
  tracing: InputTracing | undefined,
): Promise<JsonObject> {
  if (pending.round + 1 > maxRounds) {
    throw new LocalError(
      LocalErrorCode.InvalidState,
      `${pending.method} still needed input after ${maxRounds} rounds: expected a complete result, received input_required again`,
    );
  }
  const retry: JsonObject = { ...pending.params };
  retry.inputResponses = await fulfilInputRequests(
    owner,
    handlers,
    result.inputRequests,
    capabilities,
    pending.options?.signal,
    tracing,
  );
  if (typeof result.requestState === 'string') retry.requestState = result.requestState;
  else delete retry.requestState;
  return retry;
}

export async function fulfilInputRequests(
  owner: ContextOwner,
  handlers: ReadonlyMap<string, AnyRequestHandler>,
  inputRequests: unknown,
  capabilities: JsonObject,
  signal: AbortSignal | undefined,
  tracing?: InputTracing,
): Promise<JsonObject> {
  if (inputRequests === undefined) return {};
  if (!isObject(inputRequests)) {
    throw new LocalError(
      LocalErrorCode.InvalidMessage,
      `Invalid input_required result: expected inputRequests to be an object, received ${typeof inputRequests}`,
    );
  }
  const keys = Object.keys(inputRequests);
  const answers = await Promise.all(
    keys.map((key) => fulfilOne(owner, handlers, key, inputRequests[key], capabilities, signal, tracing)),
  );
  const responses: JsonObject = {};
  for (let i = 0; i < keys.length; i++) responses[keys[i]!] = answers[i];
  return responses;
}

async function fulfilOne(
  owner: ContextOwner,
  handlers: ReadonlyMap<string, AnyRequestHandler>,
  key: string,
  request: unknown,
  capabilities: JsonObject,
  signal: AbortSignal | undefined,
  tracing: InputTracing | undefined,
): Promise<unknown> {
  if (!isObject(request) || typeof request.method !== 'string') {
    throw new LocalError(
      LocalErrorCode.InvalidMessage,
      `Invalid input request "${key}": expected { method, params }, received ${JSON.stringify(request)}`,
    );
  }
  const method = request.method;
  const params = isObject(request.params) ? request.params : undefined;
  const path = clientCapabilityFor(method, params);
  if (path !== undefined && !hasCapability(capabilities, path)) {
    throw new CapabilityError(
      `Input request "${key}" (${method}) needs the client capability "${capabilityName(path)}", which this client does not declare`,
    );
  }
  const handler = handlers.get(method);
  if (handler === undefined) {
    throw new LocalError(
      LocalErrorCode.InvalidState,
      `Input request "${key}" asks for ${method}: expected a handler registered with setRequestHandler('${method}', ...), found none`,
    );
  }
  const context = new IncomingRequest(owner, key, method, params, undefined);
  context.done = false;
  const onAbort = (): void => context.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  // The input request's key stands in for a request id: it names the request within its round.
  const span = tracing?.telemetry.startIncoming(
    tracing.transport,
    params === undefined ? { jsonrpc: '2.0', id: key, method } : { jsonrpc: '2.0', id: key, method, params },
    undefined,
    tracing.revision,
  );
  try {
    const result = await (span === undefined ? handler(params, context) : span.run(handler, params, context));
    span?.end(result as JsonObject, undefined, tracing!.revision, false);
    return result;
  } catch (error) {
    span?.end(undefined, toWireError(error), tracing!.revision, false);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    context.done = true;
  }
}
