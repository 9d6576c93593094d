/**
 * Which capability each method needs, and the checks both roles run: a side never sends a request the peer
 * did not declare a capability for, never sends a notification for a capability it did not declare
 * itself, and answers -32601 to a request for a capability it did not declare.
 */
import { CapabilityError, ErrorCode, ProtocolError } from '../errors.js';
import type { JsonObject } from '../jsonrpc/types.js';
import type { RequestScope } from '../protocol/types.js';
import type { Revision } from '../revisions.js';

/** A capability as a path into a capabilities object, e.g. ['resources', 'subscribe']. */
export type CapabilityPath = readonly string[];

/** Client → server requests: the server capability each needs. */
const SERVER_CAPABILITY_FOR_REQUEST: ReadonlyMap<string, CapabilityPath> = new Map([
  ['prompts/list', ['prompts']],
  ['prompts/get', ['prompts']],
  ['resources/list', ['resources']],
  ['resources/templates/list', ['resources']],
  ['resources/read', ['resources']],
  ['resources/subscribe', ['resources', 'subscribe']],
  ['resources/unsubscribe', ['resources', 'subscribe']],
  ['tools/list', ['tools']],
  ['tools/call', ['tools']],
  ['logging/setLevel', ['logging']],
  ['completion/complete', ['completions']],
  ['tasks/get', ['tasks']],
  ['tasks/result', ['tasks']],
  ['tasks/list', ['tasks', 'list']],
  ['tasks/cancel', ['tasks', 'cancel']],
]);

/** Server → client requests: the client capability each needs. */
const CLIENT_CAPABILITY_FOR_REQUEST: ReadonlyMap<string, CapabilityPath> = new Map([
  ['sampling/createMessage', ['sampling']],
  ['roots/list', ['roots']],
  ['elicitation/create', ['elicitation']],
  ['tasks/get', ['tasks']],
  ['tasks/result', ['tasks']],
  ['tasks/list', ['tasks', 'list']],
  ['tasks/cancel', ['tasks', 'cancel']],
]);

/** Notifications: the capability the *sender* must have declared. */
const SERVER_CAPABILITY_FOR_NOTIFICATION: ReadonlyMap<string, CapabilityPath> = new Map([
  ['notifications/resources/list_changed', ['resources', 'listChanged']],
  ['notifications/resources/updated', ['resources', 'subscribe']],
  ['notifications/prompts/list_changed', ['prompts', 'listChanged']],
  ['notifications/tools/list_changed', ['tools', 'listChanged']],
  ['notifications/message', ['logging']],
]);
const CLIENT_CAPABILITY_FOR_NOTIFICATION: ReadonlyMap<string, CapabilityPath> = new Map([
  ['notifications/roots/list_changed', ['roots', 'listChanged']],
]);

/**
 * The server capability a client request needs. `completion/complete` had no capability before
 * 2025-03-26, and params can narrow further (none today for client requests).
 */
export function serverCapabilityFor(
  method: string,
  revision: Revision | undefined,
): CapabilityPath | undefined {
  if (method === 'completion/complete' && revision === '2024-11-05') return undefined;
  return SERVER_CAPABILITY_FOR_REQUEST.get(method);
}

/**
 * The client capability a server request needs. URL-mode elicitation needs `elicitation.url` and sampling
 * with tools needs `sampling.tools` (2025-11-25 client/elicitation, client/sampling).
 */
export function clientCapabilityFor(
  method: string,
  params: JsonObject | undefined,
): CapabilityPath | undefined {
  if (method === 'elicitation/create' && params?.mode === 'url') return ['elicitation', 'url'];
  if (method === 'sampling/createMessage' && params?.tools !== undefined) return ['sampling', 'tools'];
  return CLIENT_CAPABILITY_FOR_REQUEST.get(method);
}

/**
 * A client that declares `elicitation` supports form mode when it declares `form`, or declares nothing
 * more specific (`elicitation: {}` predates modes): 2025-11-25 client/elicitation §Capabilities.
 */
export function supportsFormElicitation(capabilities: JsonObject | undefined): boolean {
  const elicitation = capabilities?.elicitation;
  if (typeof elicitation !== 'object' || elicitation === null) return false;
  const declared = elicitation as JsonObject;
  return declared.form !== undefined || Object.keys(declared).length === 0;
}

export function serverNotificationCapability(method: string): CapabilityPath | undefined {
  return SERVER_CAPABILITY_FOR_NOTIFICATION.get(method);
}

export function clientNotificationCapability(method: string): CapabilityPath | undefined {
  return CLIENT_CAPABILITY_FOR_NOTIFICATION.get(method);
}

/** True when `capabilities` declares `path`: every step present, the last one an object or `true`. */
export function hasCapability(capabilities: JsonObject | undefined, path: CapabilityPath): boolean {
  let node: unknown = capabilities;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as JsonObject)[key];
  }
  return node === true || (typeof node === 'object' && node !== null);
}

/** "resources.subscribe" */
export function capabilityName(path: CapabilityPath): string {
  return path.join('.');
}

/** The capabilities object that declares exactly `path` (for -32021 `data.requiredCapabilities`). */
export function capabilityObject(path: CapabilityPath): JsonObject {
  let node: JsonObject = {};
  for (let i = path.length - 1; i >= 0; i--) node = { [path[i]!]: node };
  return node;
}

/**
 * For handlers: fail unless the client declared `path` for this request. Modern era: -32021 with
 * `data.requiredCapabilities` (basic/index §_meta). Legacy era: a local CapabilityError (the legacy
 * revisions define no wire code for it).
 */
export function requireClientCapability(scope: RequestScope, path: CapabilityPath): void {
  if (hasCapability(scope.clientCapabilities, path)) return;
  const name = capabilityName(path);
  if (scope.era === 'modern') {
    throw new ProtocolError(
      ErrorCode.MissingRequiredClientCapability,
      `Missing required client capability: expected "${name}" in _meta["io.modelcontextprotocol/clientCapabilities"], received ${JSON.stringify(scope.clientCapabilities ?? {})}`,
      { requiredCapabilities: capabilityObject(path) },
    );
  }
  throw new CapabilityError(
    `This request needs the client capability "${name}", which the client did not declare`,
  );
}

/**
 * Refuses a server→client request this client did not declare a capability for: -32601 for an undeclared
 * feature, -32602 for an undeclared mode of a declared feature (elicitation url/form, sampling tools), as
 * 2025-11-25 client/elicitation §Error Handling asks.
 */
export function assertClientDeclares(
  capabilities: JsonObject | undefined,
  method: string,
  params: JsonObject | undefined,
): void {
  const path = clientCapabilityFor(method, params);
  if (path !== undefined && !hasCapability(capabilities, path)) {
    const featureDeclared = path.length > 1 && hasCapability(capabilities, path.slice(0, 1));
    throw new ProtocolError(
      featureDeclared ? ErrorCode.InvalidParams : ErrorCode.MethodNotFound,
      `${featureDeclared ? 'Invalid params' : 'Method not found'}: ${method} needs the client capability "${capabilityName(path)}", which this client does not declare`,
    );
  }
  if (method === 'elicitation/create' && params?.mode !== 'url' && !supportsFormElicitation(capabilities)) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      'Invalid params: expected an elicitation mode this client declares (url), received a form-mode request',
    );
  }
}
