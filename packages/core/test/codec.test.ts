import {
  classifyMessage,
  ErrorCode,
  isErrorResponse,
  isNotification,
  isRequest,
  isResponse,
  isResultResponse,
  LocalError,
  makeErrorResponse,
  ProtocolError,
  parseMessage,
  serializeMessage,
} from '@mcpwire/core';
import { describe, expect, it } from 'vitest';

const encoder = new TextEncoder();

function expectFailure(
  input: string | Uint8Array,
  code: number,
  fragment: string,
  options?: { allowBatch?: boolean },
) {
  const result = parseMessage(input, options);
  if (result.ok) throw new Error(`expected a failure, got kind ${result.kind}`);
  expect(result.error).toBeInstanceOf(ProtocolError);
  expect(result.error.code).toBe(code);
  expect(result.error.message).toContain(fragment);
  return result;
}

describe('parseMessage: classification', () => {
  it('classifies request, notification, result and error responses', () => {
    const request = parseMessage('{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}');
    expect(request).toMatchObject({ ok: true, kind: 'request', message: { id: 1, method: 'tools/list' } });
    const notification = parseMessage('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    expect(notification).toMatchObject({ ok: true, kind: 'notification' });
    const result = parseMessage('{"jsonrpc":"2.0","id":"a","result":{"tools":[]}}');
    expect(result).toMatchObject({ ok: true, kind: 'result', message: { id: 'a' } });
    const error = parseMessage('{"jsonrpc":"2.0","id":7,"error":{"code":-32601,"message":"nope"}}');
    expect(error).toMatchObject({ ok: true, kind: 'error', message: { error: { code: -32601 } } });
  });

  it('accepts bytes, including multibyte UTF-8', () => {
    const result = parseMessage(encoder.encode('{"jsonrpc":"2.0","method":"x","params":{"t":"日本🐕"}}'));
    expect(result).toMatchObject({ ok: true, kind: 'notification', message: { params: { t: '日本🐕' } } });
  });

  it('keeps unknown top-level members', () => {
    const result = parseMessage('{"jsonrpc":"2.0","id":1,"method":"ping","extra":true}');
    expect(result.ok && result.message).toMatchObject({ extra: true });
  });

  it('accepts error responses without id or with id null (a peer that could not read our id)', () => {
    expect(parseMessage('{"jsonrpc":"2.0","error":{"code":-32700,"message":"bad"}}')).toMatchObject({
      ok: true,
      kind: 'error',
    });
    expect(parseMessage('{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}')).toMatchObject(
      {
        ok: true,
        kind: 'error',
      },
    );
  });

  it('accepts negative and zero integer ids and empty-string ids', () => {
    for (const id of ['0', '-5', '""']) {
      expect(parseMessage(`{"jsonrpc":"2.0","id":${id},"method":"ping"}`)).toMatchObject({
        ok: true,
        kind: 'request',
      });
    }
  });
});

describe('parseMessage: failures', () => {
  it('maps non-JSON to -32700 and says so', () => {
    expectFailure('{"jsonrpc":', ErrorCode.ParseError, 'invalid JSON');
    expectFailure('hello', ErrorCode.ParseError, 'Parse error');
    expectFailure('', ErrorCode.ParseError, 'invalid JSON');
  });

  it('maps invalid UTF-8 bytes to -32700', () => {
    expectFailure(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), ErrorCode.ParseError, 'not valid UTF-8');
  });

  it('rejects null and fractional ids with the id named', () => {
    const nullId = expectFailure(
      '{"jsonrpc":"2.0","id":null,"method":"ping"}',
      ErrorCode.InvalidRequest,
      '"id"',
    );
    expect(nullId.error.message).toBe('Invalid request: "id" must be a string or integer, received null');
    expect(nullId.id).toBeUndefined();
    expectFailure(
      '{"jsonrpc":"2.0","id":1.5,"method":"ping"}',
      ErrorCode.InvalidRequest,
      'received the number 1.5',
    );
    expectFailure(
      '{"jsonrpc":"2.0","id":{},"method":"ping"}',
      ErrorCode.InvalidRequest,
      'received an object',
    );
  });

  it('requires jsonrpc to be exactly "2.0" and echoes a readable id', () => {
    const missing = expectFailure('{"id":3,"method":"ping"}', ErrorCode.InvalidRequest, 'member missing');
    expect(missing.id).toBe(3);
    const wrong = expectFailure(
      '{"jsonrpc":"1.0","id":"x","method":"ping"}',
      ErrorCode.InvalidRequest,
      '"1.0"',
    );
    expect(wrong.id).toBe('x');
    expectFailure('{"jsonrpc":2,"id":1,"method":"ping"}', ErrorCode.InvalidRequest, 'the integer 2');
  });

  it('requires method to be a string and params to be an object', () => {
    const method = expectFailure(
      '{"jsonrpc":"2.0","id":4,"method":12}',
      ErrorCode.InvalidRequest,
      '"method"',
    );
    expect(method.id).toBe(4);
    const params = expectFailure(
      '{"jsonrpc":"2.0","id":5,"method":"x","params":[1]}',
      ErrorCode.InvalidRequest,
      'array',
    );
    expect(params.id).toBe(5);
    expect(params.notification).toBeUndefined();
    const notification = expectFailure(
      '{"jsonrpc":"2.0","method":"x","params":null}',
      ErrorCode.InvalidRequest,
      '"params" must be an object',
    );
    // No id: a notification MCP cannot use, flagged so transports drop it instead of answering.
    expect(notification.notification).toBe(true);
    expect(
      expectFailure('{"jsonrpc":"2.0","method":12}', ErrorCode.InvalidRequest, '"method"').notification,
    ).toBeUndefined();
  });

  it('rejects messages with both result and error, and does not echo a response id', () => {
    const both = expectFailure(
      '{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"m"}}',
      ErrorCode.InvalidRequest,
      'received both',
    );
    expect(both.id).toBeUndefined();
    expectFailure(
      '{"jsonrpc":"2.0","id":1,"method":"x","result":{}}',
      ErrorCode.InvalidRequest,
      'must not carry',
    );
  });

  it('requires result to be an object and error to have integer code and string message', () => {
    expectFailure(
      '{"jsonrpc":"2.0","id":1,"result":3}',
      ErrorCode.InvalidRequest,
      '"result" must be an object',
    );
    expectFailure(
      '{"jsonrpc":"2.0","result":{}}',
      ErrorCode.InvalidRequest,
      '"id" must be a string or integer',
    );
    expectFailure(
      '{"jsonrpc":"2.0","id":1,"error":{"code":1.5,"message":"m"}}',
      ErrorCode.InvalidRequest,
      'error.code',
    );
    expectFailure('{"jsonrpc":"2.0","id":1,"error":{"code":1}}', ErrorCode.InvalidRequest, 'error.message');
    expectFailure(
      '{"jsonrpc":"2.0","id":1,"error":"boom"}',
      ErrorCode.InvalidRequest,
      '"error" must be an object',
    );
  });

  it('rejects non-objects and objects that are no message kind', () => {
    expectFailure('42', ErrorCode.InvalidRequest, 'received the integer 42');
    expectFailure('null', ErrorCode.InvalidRequest, 'received null');
    const none = expectFailure('{"jsonrpc":"2.0","id":9}', ErrorCode.InvalidRequest, 'none of them');
    expect(none.id).toBe(9);
  });

  it('truncates long values in messages', () => {
    const long = 'x'.repeat(10_000);
    const result = expectFailure(`{"jsonrpc":"${long}","id":1,"method":"a"}`, ErrorCode.InvalidRequest, '…');
    expect(result.error.message.length).toBeLessThan(200);
  });
});

describe('parseMessage: batches', () => {
  it('rejects arrays unless batches are allowed', () => {
    expectFailure('[{"jsonrpc":"2.0","method":"a"}]', ErrorCode.InvalidRequest, '2025-03-26');
  });

  it('rejects an empty batch', () => {
    expectFailure('[]', ErrorCode.InvalidRequest, 'empty array', { allowBatch: true });
  });

  it('keeps valid members and reports each invalid one with its index and id', () => {
    const result = parseMessage(
      '[{"jsonrpc":"2.0","id":1,"method":"a"},1,{"jsonrpc":"2.0","id":2,"method":3},[],{"jsonrpc":"2.0","method":"n"}]',
      { allowBatch: true },
    );
    if (!result.ok || result.kind !== 'batch') throw new Error('expected a batch');
    expect(result.message).toHaveLength(2);
    expect(result.failures).toHaveLength(3);
    expect(result.failures[0]!.error.message).toContain('batch[1]');
    expect(result.failures[1]!.id).toBe(2);
    expect(result.failures[1]!.error.message).toContain('"batch[2].method"');
    expect(result.failures[2]!.error.message).toContain('nested array');
  });
});

describe('deep nesting and huge inputs (Node 20 limits)', () => {
  it('parses 100,000-deep arrays without crashing', () => {
    const depth = 100_000;
    const deep = `{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const result = parseMessage(deep);
    expect(result).toMatchObject({ ok: true, kind: 'request' });
  });

  it('turns an unserializable (too deep) message into a LocalError, not a RangeError', () => {
    let nested: unknown[] = [];
    const root = nested;
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = [];
      nested.push(next);
      nested = next;
    }
    const message = { jsonrpc: '2.0' as const, id: 1, result: { root } };
    expect(() => serializeMessage(message)).toThrow(LocalError);
    expect(() => serializeMessage(message)).toThrow(/Cannot serialize message.*RangeError/);
  });

  it('parses a 50 MB string', () => {
    const size = 50 * 1024 * 1024;
    const big = `{"jsonrpc":"2.0","method":"n","params":{"s":"${'y'.repeat(size)}"}}`;
    const result = parseMessage(big);
    expect(result.ok && result.kind === 'notification' && String(result.message.params?.['s']).length).toBe(
      size,
    );
  });
});

describe('classifyMessage, serialize, guards', () => {
  it('classifies parsed values without re-parsing', () => {
    expect(classifyMessage({ jsonrpc: '2.0', id: 1, method: 'ping' })).toMatchObject({
      ok: true,
      kind: 'request',
    });
    expect(classifyMessage(undefined)).toMatchObject({ ok: false });
  });

  it('serializes to one line even with newlines in values', () => {
    const line = serializeMessage({ jsonrpc: '2.0', method: 'n', params: { text: 'a\nb\r\nc\u2028' } });
    expect(line).not.toMatch(/[\n\r]/);
    expect(parseMessage(line)).toMatchObject({ ok: true, message: { params: { text: 'a\nb\r\nc\u2028' } } });
  });

  it('makes error responses, omitting an unknown id instead of sending null', () => {
    expect(makeErrorResponse(3, -32601, 'Method not found')).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: { code: -32601, message: 'Method not found' },
    });
    const withoutId = makeErrorResponse(undefined, -32700, 'Parse error', { at: 1 });
    expect('id' in withoutId).toBe(false);
    expect(withoutId.error.data).toEqual({ at: 1 });
    expect('id' in makeErrorResponse(null, -32700, 'x')).toBe(false);
  });

  it('type guards agree with the codec classification', () => {
    const request = { jsonrpc: '2.0' as const, id: 1, method: 'a' };
    const notification = { jsonrpc: '2.0' as const, method: 'a' };
    const result = { jsonrpc: '2.0' as const, id: 1, result: {} };
    const error = makeErrorResponse(1, 1, 'm');
    expect([isRequest(request), isNotification(request), isResponse(request)]).toEqual([true, false, false]);
    expect([isRequest(notification), isNotification(notification)]).toEqual([false, true]);
    expect([isResponse(result), isResultResponse(result), isErrorResponse(result)]).toEqual([
      true,
      true,
      false,
    ]);
    expect([isResponse(error), isResultResponse(error), isErrorResponse(error)]).toEqual([true, false, true]);
    expect(isRequest([request])).toBe(false);
  });
});
