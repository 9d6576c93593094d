import {
  classifyMessage,
  ErrorCode,
  type JSONRPCMessage,
  parseMessage,
  serializeMessage,
} from '@mcpwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const id = fc.oneof(fc.string(), fc.integer(), fc.maxSafeInteger(), fc.constant(-1));
const object = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 });
const method = fc.string();

/** Any valid MCP JSON-RPC message, tagged with the kind the codec must report. */
const validMessage: fc.Arbitrary<{ kind: string; message: JSONRPCMessage }> = fc.oneof(
  fc
    .record({ id, method, params: object }, { requiredKeys: ['id', 'method'] })
    .map((m) => ({ kind: 'request', message: { jsonrpc: '2.0' as const, ...m } })),
  fc
    .record({ method, params: object }, { requiredKeys: ['method'] })
    .map((m) => ({ kind: 'notification', message: { jsonrpc: '2.0' as const, ...m } })),
  fc
    .record({ id, result: object })
    .map((m) => ({ kind: 'result', message: { jsonrpc: '2.0' as const, ...m } })),
  fc
    .record({
      id,
      error: fc.record(
        { code: fc.integer(), message: fc.string(), data: fc.jsonValue() },
        { requiredKeys: ['code', 'message'] },
      ),
    })
    .map((m) => ({ kind: 'error', message: { jsonrpc: '2.0' as const, ...m } })),
);

/** What JSON can represent of a value (JSON turns -0 into 0). */
function jsonImage(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('codec properties', () => {
  it('any valid message serializes to one line and parses back equal, with its kind', () => {
    fc.assert(
      fc.property(validMessage, ({ kind, message }) => {
        const line = serializeMessage(message);
        expect(line.includes('\n') || line.includes('\r')).toBe(false);
        const result = parseMessage(line);
        expect(result.ok && result.kind).toBe(kind);
        expect(result.ok && result.message).toEqual(jsonImage(message));
      }),
      { numRuns: 500 },
    );
  });

  it('the same holds for UTF-8 bytes', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(validMessage, ({ kind, message }) => {
        const result = parseMessage(encoder.encode(serializeMessage(message)));
        expect(result.ok && result.kind).toBe(kind);
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes and strings never throw and fail with -32700 or -32600', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: 'binary' })), (input) => {
        const result = parseMessage(input, { allowBatch: true });
        if (!result.ok) expect([ErrorCode.ParseError, ErrorCode.InvalidRequest]).toContain(result.error.code);
      }),
      { numRuns: 1000 },
    );
  });

  it('random JSON values never throw, and whatever is accepted has the shape of its kind', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, allowBatch) => {
        const result = classifyMessage(value, { allowBatch });
        if (!result.ok) {
          expect(result.error.code).toBe(ErrorCode.InvalidRequest);
          return;
        }
        if (result.kind === 'batch') return;
        expect(result.message.jsonrpc).toBe('2.0');
        if (result.kind === 'request' || result.kind === 'notification') {
          expect(typeof result.message.method).toBe('string');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a valid request with its id replaced by a non-id value is rejected as -32600 naming "id"', () => {
    const badId = fc.oneof(
      fc.constant(null),
      fc.double({ noInteger: true }),
      fc.boolean(),
      fc.array(fc.integer()),
      object,
    );
    fc.assert(
      fc.property(method, badId, (name, bad) => {
        const result = classifyMessage({ jsonrpc: '2.0', id: bad, method: name });
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe(ErrorCode.InvalidRequest);
          expect(result.error.message).toContain('"id" must be a string or integer');
        }
      }),
      { numRuns: 300 },
    );
  });
});
