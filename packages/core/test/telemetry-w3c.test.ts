/**
 * mcpwire's own W3C Trace Context and Baggage propagation in `_meta` (used when the application registered
 * no propagator): round trips with the real OpenTelemetry API, and malformed values from the wire ignored.
 */
import * as api from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { extractW3c, injectW3c, type TraceCarrier } from '../src/telemetry/w3c.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = '00f067aa0ba902b7';

function contextWith(spanContext: api.SpanContext): api.Context {
  return api.trace.setSpanContext(api.ROOT_CONTEXT, spanContext);
}

describe('W3C trace context in _meta', () => {
  it('round trips traceparent, tracestate and baggage', () => {
    let context = contextWith({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: api.TraceFlags.SAMPLED,
      traceState: api.createTraceState('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'),
    });
    context = api.propagation.setBaggage(
      context,
      api.propagation.createBaggage({
        userId: { value: 'alice' },
        note: { value: 'a b,c;d', metadata: api.baggageEntryMetadataFromString('prop=1') },
      }),
    );
    const carrier: TraceCarrier = {};
    injectW3c(api, context, carrier);
    expect(carrier.traceparent).toBe(`00-${TRACE_ID}-${SPAN_ID}-01`);
    expect(carrier.tracestate).toBe('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE');
    expect(carrier.baggage).toBe('userId=alice,note=a%20b%2Cc%3Bd;prop=1');

    const extracted = extractW3c(api, api.ROOT_CONTEXT, { ...carrier });
    const remote = api.trace.getSpanContext(extracted)!;
    expect(remote).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, isRemote: true });
    expect(remote.traceState?.get('congo')).toBe('t61rcWkgMzE');
    const baggage = api.propagation.getBaggage(extracted)!;
    expect(baggage.getEntry('userId')?.value).toBe('alice');
    expect(baggage.getEntry('note')?.value).toBe('a b,c;d');
  });

  it('writes nothing for a context without a valid span or baggage', () => {
    const carrier: TraceCarrier = {};
    injectW3c(api, api.ROOT_CONTEXT, carrier);
    expect(carrier).toEqual({});
  });

  it.each([
    ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['all-zero span id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE_ID}-${SPAN_ID}-01`],
    ['version 00 with a fifth field', `00-${TRACE_ID}-${SPAN_ID}-01-extra`],
    ['too short', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`],
    ['a number', 42],
    ['an object', { traceId: TRACE_ID }],
  ])('ignores a traceparent that is %s', (_label, traceparent) => {
    const extracted = extractW3c(api, api.ROOT_CONTEXT, { traceparent: traceparent as never });
    expect(api.trace.getSpanContext(extracted)).toBeUndefined();
  });

  it('accepts a later version with more fields (forward compatibility)', () => {
    const extracted = extractW3c(api, api.ROOT_CONTEXT, { traceparent: `01-${TRACE_ID}-${SPAN_ID}-00-more` });
    expect(api.trace.getSpanContext(extracted)?.traceFlags).toBe(0);
  });

  it('drops malformed baggage members and keeps the rest; __proto__ stays a plain entry', () => {
    const extracted = extractW3c(api, api.ROOT_CONTEXT, {
      baggage: 'good=1,bad=%E0%A4%A,no-equals,=empty-key,__proto__=x',
    });
    const baggage = api.propagation.getBaggage(extracted)!;
    expect(baggage.getAllEntries().map(([key, entry]) => [key, entry.value])).toEqual([
      ['good', '1'],
      ['__proto__', 'x'],
    ]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('ignores an oversized tracestate but keeps the parent', () => {
    const extracted = extractW3c(api, api.ROOT_CONTEXT, {
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      tracestate: `a=${'x'.repeat(600)}`,
    });
    const remote = api.trace.getSpanContext(extracted)!;
    expect(remote.spanId).toBe(SPAN_ID);
    expect(remote.traceState).toBeUndefined();
  });
});
