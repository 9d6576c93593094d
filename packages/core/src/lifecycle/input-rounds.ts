/**
 * 2026-07-28 multi round-trip requests, client side (basic/patterns/mrtr): each entry of a result's
 * `inputRequests` is served by the handler this client registered for that method (the same handlers that
 * answer legacy server→client requests), and the answers are keyed like the requests.
 */
import { CapabilityError, LocalError, LocalErrorCode } from '../errors.js';
import type { JsonObject } from '../jsonrpc/types.js';
import type { AnyRequestHandler } from '../protocol/base.js';
import { type ContextOwner, IncomingRequest } from '../protocol/context.js';
import { capabilityName, clientCapabilityFor, hasCapability } from './capabilities.js';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function fulfilInputRequests(
  owner: ContextOwner,
  handlers: ReadonlyMap<string, AnyRequestHandler>,
  inputRequests: unknown,
  capabilities: JsonObject,
  signal: AbortSignal | undefined,
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
    keys.map((key) => fulfilOne(owner, handlers, key, inputRequests[key], capabilities, signal)),
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
  try {
    return await handler(params, context);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    context.done = true;
  }
}
