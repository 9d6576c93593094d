/**
 * The checks of check-client (the client under test), keyed by the ids of ../shared/CONFORMANCE-CHECKS.md
 * plus CJ1 and CV1. Levels follow the same rule as ./catalogue.ts.
 */
import type { CheckDefinition } from '../runner/types.js';
import { B, def, LC, M, TR } from './definition.js';

export const CLIENT_DEFINITIONS: readonly CheckDefinition[] = [
  def(
    'L03',
    'MUST',
    'lifecycle',
    'The client opens with initialize and sends initialized before other requests',
    `${LC} §Initialization`,
  ),
  def(
    'L04',
    'MUST',
    'lifecycle',
    'The client sends no request for a capability the server did not advertise',
    `${LC} §Operation`,
  ),
  def(
    'L08',
    'MUST',
    'lifecycle',
    'The client never cancels initialize',
    '2025-11-25 basic/utilities/cancellation §Behavior Requirements',
  ),
  def(
    'CJ1',
    'MUST',
    'jsonrpc',
    'Client requests have unique, non-null ids; its responses echo ids',
    `${B} §Requests, §Responses`,
  ),
  def(
    'F10',
    'MUST',
    'features',
    'The client passes nextCursor back unmodified',
    '2026-07-28 server/utilities/pagination §Implementation Guidelines',
  ),
  def(
    'C02',
    'MUST',
    'client',
    'elicitation/create without mode is handled as form mode',
    '2025-11-25 client/elicitation §Elicitation Requests',
  ),
  def(
    'C03',
    'MUST',
    'client',
    'The elicitation result action is accept, decline or cancel',
    '2025-11-25 client/elicitation §Response Actions',
  ),
  def(
    'CV1',
    'MUST',
    'schema',
    "Every message the client sends validates against the negotiated revision's schema",
    'schema.json of the negotiated revision',
  ),
  def('T02', 'MUST', 'transport', 'The client writes only valid MCP messages, one per line', `${TR} §stdio`),
  def(
    'H03',
    'SHOULD',
    'transport',
    'Every POST accepts application/json and text/event-stream (derived)',
    `${TR} §Sending Messages to the Server`,
  ),
  def(
    'H07',
    'MUST',
    'transport',
    'The client sends MCP-Session-Id on every request after it was issued',
    `${TR} §Session Management`,
  ),
  def(
    'H09',
    'MUST',
    'transport',
    'A 404 for a session makes the client initialize again without a session id',
    `${TR} §Session Management`,
  ),
  def(
    'H12',
    'MUST',
    'transport',
    'Requests after initialize carry MCP-Protocol-Version',
    `${TR} §Protocol Version Header`,
  ),
  def(
    'M10',
    'MUST',
    'modern',
    'An MRTR retry uses a new id and echoes requestState',
    `${M} basic/patterns/mrtr §Client Requirements`,
  ),
  def(
    'M15',
    'MUST',
    'modern',
    'The client sends Mcp-Method, Mcp-Name and Mcp-Param-* headers and drops tools with invalid x-mcp-header',
    `${M} streamable-http §Standard Request Headers, §Custom Headers`,
  ),
  def(
    'M16',
    'MUST',
    'modern',
    'A network $ref in a tool schema is never dereferenced automatically',
    `${M} basic/index §$ref Resolution`,
  ),
  def(
    'M18',
    'MUST',
    'modern',
    'A dual-era client probes with server/discover and falls back to initialize on a non-modern error or a timeout',
    `${M} basic/transports/stdio §Backward Compatibility`,
  ),
];
