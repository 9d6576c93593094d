import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHeaderValue, encodeHeaderValue, SseDecoder, type SseEvent } from '../src/http/index.js';
import { formatSseEvent } from '../src/shared-http/sse-encoder.js';

function decodeAll(chunks: Array<string | Uint8Array>): SseEvent[] {
  const events: SseEvent[] = [];
  const decoder = new SseDecoder((e) => events.push(e));
  for (const chunk of chunks) decoder.push(chunk);
  return events;
}

describe('SseDecoder', () => {
  it('handles LF, CRLF and CR line ends, comments, BOM, multi-line data and persistent ids', () => {
    const text =
      '\ufeff: comment\r\nid: 1\revent: endpoint\ndata: a\ndata: b\n\ndata: c\r\n\r\nretry: 250\n\n';
    expect(decodeAll([text])).toEqual([
      { event: 'endpoint', data: 'a\nb', id: '1', retry: undefined },
      { event: 'message', data: 'c', id: '1', retry: undefined },
      { event: '', data: '', id: '1', retry: 250 },
    ]);
  });

  it('dispatches a priming event (id + empty data) and ignores an unterminated last event', () => {
    expect(decodeAll(['id: s/1:0\ndata: \n\n', 'data: partial'])).toEqual([
      { event: 'message', data: '', id: 's/1:0', retry: undefined },
    ]);
  });

  it('gives the same events however the bytes are split (UTF-8 and CRLF across chunks)', () => {
    const messages = ['{"a":"héllo wörld ✓"}', '', 'x\ny', '{"b":1}'];
    const wire = new TextEncoder().encode(
      messages
        .map((m, i) => formatSseEvent(m, { id: String(i) }))
        .join('')
        .replaceAll('\n', '\r\n'),
    );
    const expected = decodeAll([wire]);
    expect(expected.map((e) => e.data)).toEqual(messages);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: wire.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let last = 0;
        for (const p of [...points, wire.length]) {
          chunks.push(wire.slice(last, p));
          last = p;
        }
        expect(decodeAll(chunks)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('makes an id the last event id only once its event is dispatched (not when the stream breaks first)', () => {
    const decoder = new SseDecoder(() => {}, { lastEventId: 'a' });
    decoder.push('id: b\ndata: one\n\nid: c\ndata: {"half');
    // Event c never completed: a client resuming now must ask for what follows b, not c.
    expect(decoder.lastEventId).toBe('b');
    decoder.end();
    expect(decoder.lastEventId).toBe('b');
    const events: SseEvent[] = [];
    const resumed = new SseDecoder((e) => events.push(e), { lastEventId: decoder.lastEventId });
    resumed.push('data: no id of its own\n\nid: d\n\n');
    expect(events[0]?.id).toBe('b');
    // An event without data still moves the last event id (a priming event), as the SSE standard says.
    expect(resumed.lastEventId).toBe('d');
  });

  it('refuses an event larger than the limit instead of buffering without bound', () => {
    const decoder = new SseDecoder(() => {}, { maxEventLength: 100 });
    expect(() => decoder.push(`data: ${'x'.repeat(200)}`)).toThrow(/too large/);
  });
});

describe('header value encoding (2026-07-28 base64 sentinel)', () => {
  it('matches the spec examples and round-trips', () => {
    expect(encodeHeaderValue('us-west1')).toBe('us-west1');
    expect(encodeHeaderValue('Hello, 世界')).toBe('=?base64?SGVsbG8sIOS4lueVjA==?=');
    expect(encodeHeaderValue(' padded ')).toBe('=?base64?IHBhZGRlZCA=?=');
    expect(encodeHeaderValue('line1\nline2')).toBe('=?base64?bGluZTEKbGluZTI=?=');
    expect(encodeHeaderValue('=?base64?literal?=')).toBe('=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => decodeHeaderValue(encodeHeaderValue(s)) === s),
    );
  });

  it('rejects invalid characters and broken sentinels', () => {
    expect(decodeHeaderValue('a\u0001b')).toBeUndefined();
    expect(decodeHeaderValue('=?base64?@@@?=')).toBeUndefined();
    expect(decodeHeaderValue('=?base64?/w==?=')).toBeUndefined();
  });
});
