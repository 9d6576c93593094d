/**
 * C02/C03 in the legacy era: once, when the client declared elicitation and the transport can carry a
 * server request (stdio, or the SSE stream of an HTTP tools/call), the scripted server sends
 * elicitation/create without `mode` (form mode expected, with a valid action), then, for 2025-11-25 clients
 * that did not declare `elicitation.url`, a url-mode request that must be refused with -32602
 * (2025-11-25 client/elicitation §Error Handling).
 */
import type { JsonObject } from '@mcpwire/core';
import { isObject } from '../runner/context.js';
import { note, received, sent } from '../runner/recorder.js';
import type { ScriptedServer, SendToClient } from './scripted-server.js';

export async function judgeLegacyElicitation(server: ScriptedServer, send: SendToClient): Promise<void> {
  const form = {
    message: 'conformance: please confirm',
    requestedSchema: { type: 'object', properties: { ok: { type: 'boolean', default: true } } },
  };
  const response = await server.request('elicitation/create', form, 5000, send);
  const result = response?.['result'];
  if (response === undefined)
    server.rec.fail(
      'C02',
      'expected an answer to elicitation/create without mode (form mode), received none',
      [sent(form)],
    );
  else if (!isObject(result))
    server.rec.fail(
      'C02',
      'expected elicitation/create without mode to be handled as form mode, received an error',
      [sent(form), received(response)],
    );
  else {
    server.rec.pass('C02', 'elicitation/create without mode is handled as form mode');
    const action = result['action'];
    if (action === 'accept' || action === 'decline' || action === 'cancel')
      server.rec.pass('C03', `the elicitation result action is ${action}`);
    else
      server.rec.fail(
        'C03',
        `expected action accept, decline or cancel, received ${JSON.stringify(action)}`,
        [received(response)],
      );
  }
  const elicitation = server.clientCapabilities['elicitation'] as JsonObject;
  if (server.revision >= '2025-11-25' && !('url' in elicitation)) {
    const urlRequest = {
      mode: 'url',
      message: 'conformance',
      url: 'https://example.com/consent',
      elicitationId: 'conformance-1',
    };
    const refused = await server.request('elicitation/create', urlRequest, 5000, send);
    const error = refused?.['error'];
    if (isObject(error) && error['code'] === -32602)
      server.rec.pass('C02', 'an undeclared elicitation mode gets -32602');
    else
      server.rec.fail(
        'C02',
        `expected -32602 for url-mode elicitation without elicitation.url, received ${refused === undefined ? 'nothing' : JSON.stringify(refused).slice(0, 200)}`,
        [sent(urlRequest), ...(refused ? [received(refused)] : [note('no response')])],
      );
  }
}
