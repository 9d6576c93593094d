import { LineDecoder, type ParseResult, parseMessage, serializeMessage } from '@mcpwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const encoder = new TextEncoder();

const message = fc.oneof(
  fc.record({
    jsonrpc: fc.constant('2.0' as const),
    id: fc.oneof(fc.integer(), fc.string()),
    method: fc.string(),
    params: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  }),
  fc.record({
    jsonrpc: fc.constant('2.0' as const),
    id: fc.oneof(fc.integer(), fc.string()),
    result: fc.dictionary(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), { maxKeys: 4 }),
  }),
);

/** Splits `bytes` at the given positions (sorted, deduplicated, in range). */
function cut(bytes: Uint8Array, positions: number[]): Uint8Array[] {
  const points = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

describe('framing properties', () => {
  it('any list of messages, framed with LF or CRLF and cut anywhere, decodes to the same messages', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.boolean(),
        (messages, positions, crlf) => {
          const text = messages.map((m) => serializeMessage(m) + (crlf ? '\r\n' : '\n')).join('');
          const results: ParseResult[] = [];
          const decoder = new LineDecoder({ onLine: (line) => results.push(parseMessage(line)) });
          for (const chunk of cut(encoder.encode(text), positions)) decoder.push(chunk);
          decoder.end();
          expect(results.map((r) => r.ok && r.message)).toEqual(
            messages.map((m) => JSON.parse(JSON.stringify(m))),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random bytes cut anywhere never throw, and the decoder keeps no more than the limit', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (bytes, positions) => {
          const decoder = new LineDecoder({ onLine: (line) => parseMessage(line), maxLineBytes: 32 });
          for (const chunk of cut(bytes, positions)) {
            decoder.push(chunk);
            expect(decoder.bufferedBytes).toBeLessThanOrEqual(32);
          }
          decoder.end();
        },
      ),
      { numRuns: 500 },
    );
  });
});
