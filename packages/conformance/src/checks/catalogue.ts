/**
 * Every check the runner knows, keyed by the ids of ../shared/CONFORMANCE-CHECKS.md. Items the checklist
 * marks SHOULD or "derived" are SHOULD here, so their failures are warnings. A MUST item may still report a
 * warning for a SHOULD sub-part (the recorder's `warn`).
 */
import type { CheckDefinition } from '../runner/types.js';
import { CLIENT_DEFINITIONS } from './catalogue-client.js';
import { B, def, LC, M, TR } from './definition.js';

const SERVER_DEFINITIONS: readonly CheckDefinition[] = [
  def(
    'V01',
    'MUST',
    'schema',
    "Every message the server sends validates against the negotiated revision's schema",
    'schema.json of the negotiated revision',
  ),
  def(
    'J01',
    'MUST',
    'jsonrpc',
    'Responses echo the request id exactly and carry result or error, never both',
    `${B} §Responses`,
  ),
  def('J02', 'MUST', 'jsonrpc', 'Notifications never get a response', `${B} §Notifications`),
  def(
    'J03',
    'MUST',
    'jsonrpc',
    'An unknown method gets error -32601',
    `${B} §Error Responses; ${M} streamable-http §Protocol Version Header`,
  ),
  def(
    'J04',
    'MUST',
    'jsonrpc',
    'error.code is an integer and error.message a string',
    `${B} §Error Responses`,
  ),
  def('J05', 'MUST', 'jsonrpc', 'Request ids are never null and unique per session', `${B} §Requests`),
  def(
    'J06',
    'MUST',
    'jsonrpc',
    'A 2025-03-26 batch is answered request by request',
    '2025-03-26 basic/index §Batching',
  ),
  def(
    'J07',
    'SHOULD',
    'jsonrpc',
    'A batch array is not processed as a batch after 2025-03-26 (derived)',
    '2025-06-18 basic/transports §Sending Messages',
  ),
  def(
    'J08',
    'SHOULD',
    'jsonrpc',
    'Malformed JSON gets -32700 and the connection survives (derived)',
    'JSON-RPC 2.0 §5.1; schema PARSE_ERROR',
  ),
  def(
    'L01',
    'MUST',
    'lifecycle',
    'initialize is answered with the requested supported version, capabilities and serverInfo',
    `${LC} §Version Negotiation`,
  ),
  def(
    'L02',
    'MUST',
    'lifecycle',
    'An unsupported initialize version gets a supported version or -32602',
    `${LC} §Version Negotiation, §Error Handling`,
  ),
  def(
    'L05',
    'MUST',
    'lifecycle',
    'The server sends no request the client declared no capability for',
    `${LC} §Operation; client/sampling, client/elicitation, client/roots §Capabilities`,
  ),
  def(
    'L06',
    'SHOULD',
    'lifecycle',
    'A method of a capability the server did not advertise gets -32601',
    '2025-11-25 server/utilities/completion §Error Handling',
  ),
  def(
    'L07',
    'MUST',
    'lifecycle',
    'ping is answered promptly with {} (also before initialized)',
    '2025-11-25 basic/utilities/ping §Behavior Requirements',
  ),
  def(
    'L09',
    'MUST',
    'lifecycle',
    'A cancellation for an unknown request id causes no error and no crash',
    '2025-11-25 basic/utilities/cancellation §Timing Considerations',
  ),
  def(
    'L10',
    'MUST',
    'lifecycle',
    'Progress carries the token, increases, and stops at the response',
    '2025-11-25 basic/utilities/progress §Behavior Requirements',
  ),
  def(
    'F01',
    'MUST',
    'features',
    'Every tool has a name and an inputSchema of type object',
    '2025-11-25 server/tools §Tool',
  ),
  def(
    'F02',
    'MUST',
    'features',
    "structuredContent validates against the tool's outputSchema",
    '2025-11-25 server/tools §Output Schema',
  ),
  def(
    'F03',
    'MUST',
    'features',
    'tools/call results have content; unknown tools get a JSON-RPC error',
    '2025-11-25 server/tools §Error Handling',
  ),
  def(
    'F04',
    'MUST',
    'features',
    'Content blocks are well-formed (base64 data + mimeType, resource uri + text|blob)',
    '2025-11-25 server/tools §Tool Result',
  ),
  def(
    'F05',
    'MUST',
    'features',
    'resources/read of a missing URI gets an error, never empty contents',
    `${M} server/resources §Error Handling; 2025-11-25 server/resources §Error Handling`,
  ),
  def(
    'F06',
    'MUST',
    'features',
    'resources/subscribe is accepted only when resources.subscribe is advertised',
    '2025-11-25 server/resources §Subscriptions',
  ),
  def(
    'F07',
    'MUST',
    'features',
    'logging/setLevel returns {} and no message below that level follows',
    '2025-11-25 server/utilities/logging',
  ),
  def('F08', 'MUST', 'features', 'completion/complete returns at most 100 values', 'schema CompleteResult'),
  def(
    'F09',
    'SHOULD',
    'features',
    'prompts/get with an unknown name or missing argument gets -32602; messages are valid',
    '2025-11-25 server/prompts §Error Handling',
  ),
  def(
    'F11',
    'MUST',
    'features',
    'No list_changed notification for a capability without listChanged',
    `${LC} §Operation`,
  ),
  def('T01', 'MUST', 'transport', 'Every stdout line is exactly one JSON-RPC message', `${TR} §stdio`),
  def('T04', 'SHOULD', 'transport', 'The server exits after stdin is closed', `${LC} §Shutdown`),
  def(
    'H01',
    'MUST',
    'transport',
    'POST of a notification or response gets 202 with an empty body',
    `${TR} §Sending Messages to the Server`,
  ),
  def(
    'H02',
    'MUST',
    'transport',
    'POST of a request gets application/json or text/event-stream',
    `${TR} §Sending Messages to the Server`,
  ),
  def(
    'H04',
    'MUST',
    'transport',
    'GET gets text/event-stream or 405',
    `${TR} §Listening for Messages from the Server`,
  ),
  def(
    'H05',
    'MUST',
    'transport',
    'The GET stream carries no JSON-RPC response',
    `${TR} §Listening for Messages from the Server`,
  ),
  def(
    'H06',
    'MUST',
    'transport',
    'A session id is visible ASCII and comes with the InitializeResult',
    `${TR} §Session Management`,
  ),
  def('H08', 'MUST', 'transport', 'An unknown session id gets 404', `${TR} §Session Management`),
  def(
    'H10',
    'SHOULD',
    'transport',
    'A request without a required session id gets 400',
    `${TR} §Session Management`,
  ),
  def(
    'H11',
    'MUST',
    'transport',
    'DELETE ends the session (then 404) or gets 405',
    `${TR} §Session Management`,
  ),
  def(
    'H13',
    'MUST',
    'transport',
    'An invalid MCP-Protocol-Version header gets 400',
    `${TR} §Protocol Version Header`,
  ),
  def(
    'H14',
    'MUST',
    'transport',
    'A foreign Origin gets 403 and a localhost Origin is accepted',
    `${TR} §Security Warning`,
  ),
  def(
    'H15',
    'MUST',
    'transport',
    'SSE event ids are unique across the streams of a session',
    `${TR} §Resumability and Redelivery`,
  ),
  def(
    'E01',
    'MUST',
    'transport',
    'The SSE stream starts with an endpoint event; responses arrive as message events',
    '2024-11-05 basic/transports §HTTP with SSE',
  ),
  def(
    'M01',
    'MUST',
    'modern',
    'A request without the per-request _meta fields gets -32602 (HTTP 400)',
    `${M} basic/index §_meta`,
  ),
  def(
    'M02',
    'MUST',
    'modern',
    'An unsupported version gets -32022 with data.supported and data.requested',
    `${M} basic/versioning §Protocol Version Negotiation`,
  ),
  def(
    'M03',
    'MUST',
    'modern',
    'server/discover returns resultType, supportedVersions, capabilities, ttlMs, cacheScope',
    `${M} server/discover`,
  ),
  def('M04', 'MUST', 'modern', 'Every result carries resultType', `${M} basic/index §ResultType`),
  def(
    'M05',
    'MUST',
    'modern',
    'A modern-only server answers legacy-only methods with -32601 (HTTP 404)',
    `${M} streamable-http §Protocol Version Header`,
  ),
  def(
    'M06',
    'MUST',
    'modern',
    'Mismatched Mcp-Method / MCP-Protocol-Version headers get 400 + -32020',
    `${M} streamable-http §Server Validation`,
  ),
  def(
    'M07',
    'MUST',
    'modern',
    'A request needing an undeclared client capability gets -32021',
    `${M} basic/index §_meta`,
  ),
  def(
    'M08',
    'MUST',
    'modern',
    'No notifications/message for a request without a logLevel',
    `${M} server/utilities/logging`,
  ),
  def(
    'M09',
    'MUST',
    'modern',
    'InputRequiredResult has inputRequests or requestState, only where allowed',
    `${M} basic/patterns/mrtr §Server Requirements`,
  ),
  def(
    'M11',
    'SHOULD',
    'modern',
    'A tampered requestState is rejected',
    `${M} basic/patterns/mrtr §Error Handling`,
  ),
  def(
    'M12',
    'MUST',
    'modern',
    'subscriptions/listen is acknowledged first and every message carries the subscription id',
    `${M} basic/patterns/subscriptions §Acknowledgment`,
  ),
  def(
    'M13',
    'MUST',
    'modern',
    'List and read results carry ttlMs >= 0 and cacheScope',
    `${M} server/utilities/caching`,
  ),
  def(
    'M14',
    'MUST',
    'modern',
    'Nothing more is sent for a cancelled request',
    `${M} basic/patterns/cancellation §Transport-Specific Cancellation`,
  ),
  def(
    'M17',
    'SHOULD',
    'modern',
    'A modern-only server answers GET and DELETE with 405 and mints no session',
    `${M} streamable-http §Earlier Streamable HTTP Revisions`,
  ),
];

export const CHECKS: ReadonlyMap<string, CheckDefinition> = new Map(
  [...SERVER_DEFINITIONS, ...CLIENT_DEFINITIONS].map((d) => [d.id, d]),
);

/** The ids check-server can report (what `--only` accepts). */
export const SERVER_CHECK_IDS: ReadonlySet<string> = new Set(SERVER_DEFINITIONS.map((d) => d.id));
/** The ids check-client can report (M04 is judged on both sides). */
export const CLIENT_CHECK_IDS: ReadonlySet<string> = new Set([...CLIENT_DEFINITIONS.map((d) => d.id), 'M04']);

export function definitionOf(id: string): CheckDefinition {
  const found = CHECKS.get(id);
  if (found === undefined) throw new Error(`Unknown check id: expected one of the catalogue, received ${id}`);
  return found;
}
