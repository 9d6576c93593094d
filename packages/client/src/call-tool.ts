/**
 * tools/call with the client-side checks around it: a tool rejected for invalid x-mcp-header annotations
 * is refused before sending; in 2026-07-28 the tool list is read first (once, cached) so the HTTP transport
 * can mirror x-mcp-header arguments; a successful result is checked against the tool's outputSchema.
 *
 * Once the list is known, a call to a tool without an outputSchema returns the request's own promise: no
 * async frame or extra promise per call on the path most calls take.
 */
import type { ClientRequestMap, JsonObject } from '@mcpwire/core/runtime';
import type { CallOptions, Client } from './client.js';
import { RejectedToolError } from './errors.js';
import { checkToolOutput, type ToolCatalog } from './tool-catalog.js';

/** A tools/call result: content, and `structuredContent` checked against the tool's output schema. */
export type CallToolResult = ClientRequestMap['tools/call']['result'];

export function callToolChecked(
  client: Client,
  catalog: ToolCatalog,
  name: string,
  args: JsonObject | undefined,
  options: CallOptions | undefined,
): Promise<CallToolResult> {
  const validates = client.validatesOutput;
  const entry = catalog.get(name);
  if (entry === undefined && !catalog.complete && (validates || client.era === 'modern')) {
    return listThenCall(client, catalog, name, args, options);
  }
  const rejection = catalog.rejectionOf(name);
  if (rejection !== undefined) return Promise.reject(new RejectedToolError(name, rejection));
  const request = send(client, name, args, options);
  if (!validates || (entry !== undefined && entry.tool.outputSchema === undefined)) return request;
  return checked(catalog, name, request);
}

/** The first call to a tool not listed yet: read the list, then call. */
async function listThenCall(
  client: Client,
  catalog: ToolCatalog,
  name: string,
  args: JsonObject | undefined,
  options: CallOptions | undefined,
): Promise<CallToolResult> {
  await listBeforeCall(client, catalog, options);
  const rejection = catalog.rejectionOf(name);
  if (rejection !== undefined) throw new RejectedToolError(name, rejection);
  const result = await send(client, name, args, options);
  if (client.validatesOutput) checkToolOutput(catalog.get(name)?.tool, result);
  return result;
}

/**
 * Calls made together before the list is known (a burst of first calls) share one tools/list read instead
 * of sending one each. A call with its own signal or timeout reads the list itself, within them.
 */
function listBeforeCall(
  client: Client,
  catalog: ToolCatalog,
  options: CallOptions | undefined,
): Promise<unknown> {
  if (options?.signal !== undefined || options?.timeoutMs !== undefined) {
    return client.listAllTools(pickListOptions(options));
  }
  let listing = catalog.listing;
  if (listing === undefined) {
    listing = client.listAllTools().finally(() => {
      if (catalog.listing === listing) catalog.listing = undefined;
    });
    catalog.listing = listing;
  }
  return listing;
}

/** The tool declares an outputSchema (or is unknown): the result is checked against what the list says now. */
async function checked(
  catalog: ToolCatalog,
  name: string,
  request: Promise<CallToolResult>,
): Promise<CallToolResult> {
  const result = await request;
  checkToolOutput(catalog.get(name)?.tool, result);
  return result;
}

function send(
  client: Client,
  name: string,
  args: JsonObject | undefined,
  options: CallOptions | undefined,
): Promise<CallToolResult> {
  const params = args === undefined ? { name } : { name, arguments: args };
  return client.connection.request('tools/call', params, options);
}

/** Listing tools before a call honours the call's signal and timeout, not its progress callback. */
function pickListOptions(options: CallOptions | undefined): CallOptions | undefined {
  if (options === undefined) return undefined;
  const { signal, timeoutMs } = options;
  return { signal, timeoutMs };
}
