/**
 * tools/call with the client-side checks around it: a tool rejected for invalid x-mcp-header annotations
 * is refused before sending; in 2026-07-28 the tool list is read first (once, cached) so the HTTP transport
 * can mirror x-mcp-header arguments; a successful result is checked against the tool's outputSchema.
 */
import type { ClientRequestMap, JsonObject } from '@mcpwire/core';
import type { CallOptions, Client } from './client.js';
import { RejectedToolError } from './errors.js';
import { checkToolOutput, type ToolCatalog } from './tool-catalog.js';

export type CallToolResult = ClientRequestMap['tools/call']['result'];

export async function callToolChecked(
  client: Client,
  catalog: ToolCatalog,
  name: string,
  args: JsonObject | undefined,
  options: CallOptions | undefined,
): Promise<CallToolResult> {
  const needsList = client.era === 'modern' || client.validatesOutput;
  if (needsList && !catalog.complete && catalog.get(name) === undefined) {
    await client.listAllTools(pickListOptions(options));
  }
  const rejection = catalog.rejectionOf(name);
  if (rejection !== undefined) throw new RejectedToolError(name, rejection);
  const params = args === undefined ? { name } : { name, arguments: args };
  const result = await client.connection.request('tools/call', params, options);
  if (client.validatesOutput) checkToolOutput(catalog.get(name)?.tool, result);
  return result;
}

/** Listing tools before a call honours the call's signal and timeout, not its progress callback. */
function pickListOptions(options: CallOptions | undefined): CallOptions | undefined {
  if (options === undefined) return undefined;
  const { signal, timeoutMs } = options;
  return { signal, timeoutMs };
}
