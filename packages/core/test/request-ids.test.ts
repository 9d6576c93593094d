/**
 * A request id is echoed with its JSON type: the string "7" stays a string even while the number 7 is in
 * flight at the same time (2025-11-25 basic/index §Responses: "the same ID as the request"). Both go
 * through the text codec, so a change that keys or rebuilds ids by their text would break this test.
 */
import { type JSONRPCPayload, ProtocolEngine, parseMessage, serializeMessage } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { engineWithPeer, sleep } from './engine-fixtures.js';

function decoded(text: string): JSONRPCPayload {
  const parsed = parseMessage(text);
  if (!parsed.ok) throw new Error(`expected a valid message, received ${text}`);
  return parsed.message as JSONRPCPayload;
}

describe('request ids keep their type on the way back', () => {
  it('answers "7" with "7" and 7 with 7 while both are pending, through parse and serialize', async () => {
    const { engine, peer } = await engineWithPeer(new ProtocolEngine());
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    engine.setRequestHandler('demo/wait', async (params) => {
      await gate;
      return { seen: params as Record<string, unknown> };
    });
    await peer.send(decoded('{"jsonrpc":"2.0","id":"7","method":"demo/wait","params":{"which":"string"}}'));
    await peer.send(decoded('{"jsonrpc":"2.0","id":7,"method":"demo/wait","params":{"which":"number"}}'));
    await sleep(5);
    release();
    const asString = await peer.response('7');
    const asNumber = await peer.response(7);
    expect(asString.result).toEqual({ seen: { which: 'string' } });
    expect(asNumber.result).toEqual({ seen: { which: 'number' } });
    expect(serializeMessage(asString as unknown as JSONRPCPayload)).toContain('"id":"7"');
    expect(serializeMessage(asNumber as unknown as JSONRPCPayload)).toContain('"id":7,');
  });

  it('echoes digit strings with leading zeros, the largest exact integer and unicode strings unchanged', async () => {
    const { peer } = await engineWithPeer(new ProtocolEngine());
    const ids: (string | number)[] = ['0042', '9007199254740993', 9007199254740991, 'ñ✓-🙂', '-1', 0];
    for (const id of ids) await peer.send(decoded(JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' })));
    for (const id of ids) {
      const response = await peer.response(id);
      expect(response.result, JSON.stringify(id)).toEqual({});
      expect(typeof response.id).toBe(typeof id);
      expect(serializeMessage(response as unknown as JSONRPCPayload)).toContain(`"id":${JSON.stringify(id)}`);
    }
  });
});
