/**
 * The engine's telemetry hooks on the OpenTelemetry API: a CLIENT span and an `mcp.client.operation.duration`
 * point per request sent, a SERVER span and an `mcp.server.operation.duration` point per request handled,
 * trace context carried in `_meta` both ways, and the session duration metrics.
 *
 * The API module is handed in (see ./setup.ts), never imported here, so this file loads without it. Each
 * request asks the API whether a tracer provider or meter provider is registered (registration may come
 * after the server or client was made); while neither is, the hooks return undefined and the request
 * costs a few property reads. A failure inside OpenTelemetry is reported to its diag logger and never
 * reaches the request.
 */
import type * as Otel from '@opentelemetry/api';
import { ProtocolError, type WireError } from '../errors.js';
import type { JSONRPCRequest, JsonObject, RequestId } from '../jsonrpc/types.js';
import { withMember } from '../objects.js';
import type { IncomingSpan, OutgoingSpan, SessionTelemetry } from '../protocol/telemetry.js';
import type { Revision } from '../revisions.js';
import type { Transport } from '../transport.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_PROTOCOL_VERSION,
  ATTR_STATUS_CODE,
  type AttributeMap,
  addNetworkAttributes,
  DURATION_BUCKETS,
  declaredVersion,
  errorTypeOf,
  METRIC_CLIENT_OPERATION,
  METRIC_CLIENT_SESSION,
  METRIC_SERVER_OPERATION,
  METRIC_SERVER_SESSION,
  metricAttributes,
  type RequestTarget,
  spanAttributes,
  spanName,
  TOOL_ERROR,
  targetOf,
} from './semconv.js';
import { extractW3c, injectW3c, type TraceCarrier } from './w3c.js';

type Api = typeof Otel;

/** The instrumentation scope spans and metrics are reported under. */
export interface TelemetryScope {
  name: string;
  version?: string;
}

interface Instruments {
  clientOperation: Otel.Histogram;
  serverOperation: Otel.Histogram;
  clientSession: Otel.Histogram;
  serverSession: Otel.Histogram;
}

const metaGetter: Otel.TextMapGetter<JsonObject> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    return typeof value === 'string' ? value : undefined;
  },
};

const carrierSetter: Otel.TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

export class OpenTelemetryHooks implements SessionTelemetry {
  private readonly noopTracerProvider: Otel.TracerProvider;
  private readonly noopMeter: Otel.Meter;
  private tracerProvider: Otel.TracerProvider | undefined = undefined;
  private tracer: Otel.Tracer | undefined = undefined;
  private meterProvider: Otel.MeterProvider | undefined = undefined;
  private instruments: Instruments | undefined = undefined;

  constructor(
    readonly api: Api,
    private readonly scope: TelemetryScope,
  ) {
    // The API's stand-ins for "nothing registered", obtained through its public surface.
    this.noopTracerProvider = new api.ProxyTracerProvider().getDelegate();
    this.noopMeter = api.createNoopMeter();
  }

  /** The tracer of the registered tracer provider, or undefined while none is registered. */
  activeTracer(): Otel.Tracer | undefined {
    const provider = this.api.trace.getTracerProvider() as Otel.TracerProvider & {
      getDelegate?: () => Otel.TracerProvider;
    };
    const real = typeof provider.getDelegate === 'function' ? provider.getDelegate() : provider;
    if (real === this.noopTracerProvider) return undefined;
    if (real !== this.tracerProvider) {
      this.tracerProvider = real;
      this.tracer = real.getTracer(this.scope.name, this.scope.version);
    }
    return this.tracer;
  }

  /** The duration histograms of the registered meter provider, or undefined while none is registered. */
  activeInstruments(): Instruments | undefined {
    const provider = this.api.metrics.getMeterProvider();
    if (provider !== this.meterProvider) {
      this.meterProvider = provider;
      const meter = provider.getMeter(this.scope.name, this.scope.version);
      this.instruments = meter === this.noopMeter ? undefined : createInstruments(meter);
    }
    return this.instruments;
  }

  startOutgoing(
    transport: Transport | undefined,
    method: string,
    id: RequestId,
    params: JsonObject | undefined,
    revision: Revision | undefined,
  ): OutgoingSpan | undefined {
    try {
      const tracer = this.activeTracer();
      const instruments = this.activeInstruments();
      if (tracer === undefined && instruments === undefined) return undefined;
      return new OutgoingRecord(this, tracer, instruments, transport, method, id, params, revision);
    } catch (error) {
      this.fault(error);
      return undefined;
    }
  }

  startIncoming(
    transport: Transport | undefined,
    request: JSONRPCRequest,
    sessionId: string | undefined,
    revision: Revision | undefined,
  ): IncomingSpan | undefined {
    try {
      const tracer = this.activeTracer();
      const instruments = this.activeInstruments();
      if (tracer === undefined && instruments === undefined) return undefined;
      return new IncomingRecord(this, tracer, instruments, transport, request, sessionId, revision);
    } catch (error) {
      this.fault(error);
      return undefined;
    }
  }

  /** Records `mcp.{client,server}.session.duration` for a session that began at `startedAt` (performance.now()). */
  sessionEnded(
    side: 'client' | 'server',
    transport: Transport | undefined,
    startedAt: number,
    revision: Revision | undefined,
  ): void {
    try {
      const instruments = this.activeInstruments();
      if (instruments === undefined) return;
      const attributes: AttributeMap = {};
      if (revision !== undefined) attributes[ATTR_PROTOCOL_VERSION] = revision;
      addNetworkAttributes(attributes, transport?.transportKind);
      const histogram = side === 'client' ? instruments.clientSession : instruments.serverSession;
      histogram.record((performance.now() - startedAt) / 1000, attributes);
    } catch (error) {
      this.fault(error);
    }
  }

  /** `params` with the trace context of `context` in `_meta` (the configured propagator, else W3C). */
  inject(context: Otel.Context, params: JsonObject | undefined): JsonObject | undefined {
    const carrier: Record<string, string> & TraceCarrier = {};
    const propagation = this.api.propagation;
    if (propagation.fields().length > 0) propagation.inject(context, carrier, carrierSetter);
    else injectW3c(this.api, context, carrier);
    const keys = Object.keys(carrier);
    if (keys.length === 0) return params;
    const existing = params?._meta;
    const meta: JsonObject = {
      [keys[0]!]: carrier[keys[0]!],
      ...(typeof existing === 'object' && existing !== null ? (existing as JsonObject) : undefined),
    };
    for (const key of keys) meta[key] = carrier[key];
    return withMember(params, '_meta', meta);
  }

  /** `ambient` with the remote parent (and baggage) that `meta` carries. */
  extract(ambient: Otel.Context, meta: JsonObject): Otel.Context {
    const propagation = this.api.propagation;
    if (propagation.fields().length > 0) return propagation.extract(ambient, meta, metaGetter);
    return extractW3c(this.api, ambient, meta);
  }

  fault(error: unknown): void {
    try {
      this.api.diag.error('mcpwire telemetry failed', error);
    } catch {
      // diag itself failing must not reach the request either
    }
  }
}

function createInstruments(meter: Otel.Meter): Instruments {
  const histogram = (name: string, description: string): Otel.Histogram =>
    meter.createHistogram(name, {
      unit: 's',
      description,
      advice: { explicitBucketBoundaries: [...DURATION_BUCKETS] },
    });
  return {
    clientOperation: histogram(
      METRIC_CLIENT_OPERATION,
      'The duration of the MCP request or notification as observed on the sender from the time it was sent until the response or ack is received.',
    ),
    serverOperation: histogram(
      METRIC_SERVER_OPERATION,
      'MCP request or notification duration as observed on the receiver from the time it was received until the result or ack is sent.',
    ),
    clientSession: histogram(
      METRIC_CLIENT_SESSION,
      'The duration of the MCP session as observed on the MCP client.',
    ),
    serverSession: histogram(
      METRIC_SERVER_SESSION,
      'The duration of the MCP session as observed on the MCP server.',
    ),
  };
}

/** What both directions share: the attributes, the duration, and ending with an outcome. */
abstract class RequestRecord {
  protected span: Otel.Span | undefined = undefined;
  protected readonly attributes: AttributeMap;
  protected readonly target: RequestTarget;
  private readonly startedAt: number;

  constructor(
    protected readonly hooks: OpenTelemetryHooks,
    private readonly histogram: Otel.Histogram | undefined,
    transport: Transport | undefined,
    private readonly method: string,
    params: JsonObject | undefined,
    revision: Revision | undefined,
  ) {
    this.target = targetOf(method, params);
    const attributes = metricAttributes(method, this.target, transport?.transportKind);
    const version = revision ?? declaredVersion(method, params);
    if (version !== undefined) attributes[ATTR_PROTOCOL_VERSION] = version;
    this.attributes = attributes;
    this.startedAt = histogram === undefined ? 0 : performance.now();
  }

  /** Ends the span (status ERROR when `errorType` is set) and records the duration. */
  protected finish(
    result: JsonObject | undefined,
    errorType: string | undefined,
    statusCode: string | undefined,
    message: string | undefined,
  ): void {
    try {
      const attributes = this.attributes;
      if (errorType === undefined && this.method === 'tools/call' && result?.isError === true) {
        errorType = TOOL_ERROR;
      }
      if (errorType !== undefined) attributes[ATTR_ERROR_TYPE] = errorType;
      if (statusCode !== undefined) attributes[ATTR_STATUS_CODE] = statusCode;
      const span = this.span;
      if (span !== undefined) {
        span.setAttributes(attributes);
        if (errorType !== undefined) {
          const status: Otel.SpanStatus = { code: this.hooks.api.SpanStatusCode.ERROR };
          if (message !== undefined) status.message = message;
          span.setStatus(status);
        }
        span.end();
      }
      this.histogram?.record((performance.now() - this.startedAt) / 1000, attributes);
    } catch (thrown) {
      this.hooks.fault(thrown);
    }
  }
}

/** A request this side sent: a CLIENT span, its trace context injected into the request's `_meta`. */
class OutgoingRecord extends RequestRecord implements OutgoingSpan {
  readonly params: JsonObject | undefined;

  constructor(
    hooks: OpenTelemetryHooks,
    tracer: Otel.Tracer | undefined,
    instruments: Instruments | undefined,
    transport: Transport | undefined,
    method: string,
    id: RequestId,
    params: JsonObject | undefined,
    revision: Revision | undefined,
  ) {
    super(hooks, instruments?.clientOperation, transport, method, params, revision);
    if (tracer === undefined) {
      this.params = params;
      return;
    }
    const api = hooks.api;
    const parent = api.context.active();
    const span = tracer.startSpan(
      spanName(method, this.target),
      {
        kind: api.SpanKind.CLIENT,
        attributes: spanAttributes(this.attributes, id, transport?.sessionId, this.target),
      },
      parent,
    );
    this.span = span;
    this.params = hooks.inject(api.trace.setSpan(parent, span), params);
  }

  end(result: JsonObject | undefined, error: unknown): void {
    if (error === undefined) this.finish(result, undefined, undefined, undefined);
    else {
      this.finish(
        undefined,
        errorTypeOf(error),
        error instanceof ProtocolError ? String(error.code) : undefined,
        error instanceof Error ? error.message : String(error),
      );
    }
  }
}

/** A request this side handles: a SERVER span whose parent is the caller's span (from `_meta`). */
class IncomingRecord extends RequestRecord implements IncomingSpan {
  private readonly context: Otel.Context | undefined;

  constructor(
    hooks: OpenTelemetryHooks,
    tracer: Otel.Tracer | undefined,
    instruments: Instruments | undefined,
    transport: Transport | undefined,
    request: JSONRPCRequest,
    sessionId: string | undefined,
    revision: Revision | undefined,
  ) {
    const params = request.params;
    super(hooks, instruments?.serverOperation, transport, request.method, params, revision);
    if (tracer === undefined) {
      this.context = undefined;
      return;
    }
    const api = hooks.api;
    const ambient = api.context.active();
    const meta = params?._meta;
    const parent =
      typeof meta === 'object' && meta !== null ? hooks.extract(ambient, meta as JsonObject) : ambient;
    const options: Otel.SpanOptions = {
      kind: api.SpanKind.SERVER,
      attributes: spanAttributes(this.attributes, request.id, sessionId, this.target),
    };
    // The caller's span is the parent; the span current here (e.g. an HTTP server span) becomes a link.
    const ambientSpan = api.trace.getSpanContext(ambient);
    if (parent !== ambient && ambientSpan !== undefined && api.trace.isSpanContextValid(ambientSpan)) {
      options.links = [{ context: ambientSpan }];
    }
    const span = tracer.startSpan(spanName(request.method, this.target), options, parent);
    this.span = span;
    this.context = api.trace.setSpan(parent, span);
  }

  inject(params: JsonObject | undefined): JsonObject | undefined {
    const own = this.context;
    if (own === undefined) return params;
    try {
      const api = this.hooks.api;
      const active = api.context.active();
      return this.hooks.inject(api.trace.getSpan(active) === undefined ? own : active, params);
    } catch (error) {
      this.hooks.fault(error);
      return params;
    }
  }

  run<A, B, R>(handler: (a: A, b: B) => R, a: A, b: B): R {
    const context = this.context;
    if (context === undefined) return handler(a, b);
    return this.hooks.api.context.with(context, handler, undefined, a, b);
  }

  end(
    result: JsonObject | undefined,
    error: WireError | undefined,
    revision: Revision | undefined,
    cancelled: boolean,
  ): void {
    if (revision !== undefined) this.attributes[ATTR_PROTOCOL_VERSION] = revision;
    if (cancelled) this.finish(undefined, 'cancelled', undefined, undefined);
    else if (error !== undefined) {
      const code = String(error.code);
      this.finish(undefined, code, code, error.message);
    } else this.finish(result, undefined, undefined, undefined);
  }
}
