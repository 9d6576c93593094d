/**
 * W3C Trace Context (`traceparent`, `tracestate`) and W3C Baggage (`baggage`) in `_meta`, used when the
 * application registered no propagator of its own (the OpenTelemetry API's default propagator does
 * nothing). MCP reserves exactly these three `_meta` keys for it (2026-07-28 basic/index §_meta).
 * Values from the wire are checked against the W3C formats; anything malformed is ignored.
 */
import type * as Otel from '@opentelemetry/api';
import type { JsonObject } from '../jsonrpc/types.js';

type Api = typeof Otel;

/** version-traceid-parentid-flags, lower-case hex (W3C Trace Context §3.2). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const MAX_TRACESTATE_LENGTH = 512;
/** W3C Baggage §3.3.1 limits: at most 64 list members and 8192 bytes. */
const MAX_BAGGAGE_LENGTH = 8192;
const MAX_BAGGAGE_ENTRIES = 64;
const BAGGAGE_KEY = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
  baggage?: string;
}

/** The trace context of `context` as W3C strings (nothing when it holds no valid span context). */
export function injectW3c(api: Api, context: Otel.Context, carrier: TraceCarrier): void {
  const spanContext = api.trace.getSpanContext(context);
  if (spanContext !== undefined && api.trace.isSpanContextValid(spanContext)) {
    const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
    carrier.traceparent = `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
    const state = spanContext.traceState?.serialize();
    if (state !== undefined && state.length > 0) carrier.tracestate = state;
  }
  const baggage = api.propagation.getBaggage(context);
  if (baggage !== undefined) {
    const members: string[] = [];
    let length = 0;
    for (const [key, entry] of baggage.getAllEntries()) {
      if (!BAGGAGE_KEY.test(key) || members.length >= MAX_BAGGAGE_ENTRIES) continue;
      let member = `${key}=${encodeURIComponent(entry.value)}`;
      if (entry.metadata !== undefined) member += `;${entry.metadata.toString()}`;
      length += member.length + 1;
      if (length > MAX_BAGGAGE_LENGTH) break;
      members.push(member);
    }
    if (members.length > 0) carrier.baggage = members.join(',');
  }
}

/** `context` with the remote parent and baggage that `meta` carries (unchanged when it carries none). */
export function extractW3c(api: Api, context: Otel.Context, meta: JsonObject): Otel.Context {
  let result = context;
  const parent = meta.traceparent;
  const match = typeof parent === 'string' ? TRACEPARENT.exec(parent) : null;
  if (match !== null) {
    const [, version, traceId, spanId, flags, rest] = match;
    // Version ff is invalid; version 00 has exactly four fields, later versions may add more.
    const validVersion = version !== 'ff' && !(version === '00' && rest !== undefined);
    if (validVersion && api.isValidTraceId(traceId!) && api.isValidSpanId(spanId!)) {
      const spanContext: Otel.SpanContext = {
        traceId: traceId!,
        spanId: spanId!,
        traceFlags: Number.parseInt(flags!, 16) & 0x01,
        isRemote: true,
      };
      const state = meta.tracestate;
      if (typeof state === 'string' && state.length > 0 && state.length <= MAX_TRACESTATE_LENGTH) {
        spanContext.traceState = api.createTraceState(state);
      }
      result = api.trace.setSpanContext(result, spanContext);
    }
  }
  const baggage = meta.baggage;
  if (typeof baggage === 'string' && baggage.length > 0 && baggage.length <= MAX_BAGGAGE_LENGTH) {
    const entries = parseBaggage(api, baggage);
    if (entries !== undefined)
      result = api.propagation.setBaggage(result, api.propagation.createBaggage(entries));
  }
  return result;
}

function parseBaggage(api: Api, text: string): Record<string, Otel.BaggageEntry> | undefined {
  // No prototype: a member named __proto__ must stay a plain entry.
  const entries: Record<string, Otel.BaggageEntry> = Object.create(null);
  let count = 0;
  for (const member of text.split(',')) {
    if (count >= MAX_BAGGAGE_ENTRIES) break;
    const [pair, ...properties] = member.split(';');
    const equals = pair!.indexOf('=');
    if (equals <= 0) continue;
    const key = pair!.slice(0, equals).trim();
    if (!BAGGAGE_KEY.test(key)) continue;
    let value: string;
    try {
      value = decodeURIComponent(pair!.slice(equals + 1).trim());
    } catch {
      continue; // a malformed percent-encoding drops this member only
    }
    const entry: Otel.BaggageEntry = { value };
    if (properties.length > 0) entry.metadata = api.baggageEntryMetadataFromString(properties.join(';'));
    entries[key] = entry;
    count++;
  }
  return count === 0 ? undefined : entries;
}
