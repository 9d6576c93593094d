/**
 * The real OpenTelemetry SDK as tests register it: a tracer provider exporting to memory, the
 * AsyncLocalStorage context manager, and a meter provider whose metrics are collected on demand. No
 * propagator is registered, so mcpwire's own W3C propagation is what carries trace context.
 */
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, type MetricData, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** Collects metrics only when asked (no timer). */
class OnDemandReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export interface RegisteredSdk {
  exporter: InMemorySpanExporter;
  spans(): ReadableSpan[];
  metrics(): Promise<MetricData[]>;
  shutdown(): Promise<void>;
}

export function registerSdk(options: { metrics?: boolean } = {}): RegisteredSdk {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  const reader = new OnDemandReader();
  const meterProvider = options.metrics === false ? undefined : new MeterProvider({ readers: [reader] });
  if (meterProvider !== undefined) metrics.setGlobalMeterProvider(meterProvider);
  return {
    exporter,
    spans: () => exporter.getFinishedSpans(),
    async metrics() {
      const { resourceMetrics } = await reader.collect();
      return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
    },
    async shutdown() {
      await provider.shutdown();
      await meterProvider?.shutdown();
      trace.disable();
      metrics.disable();
      context.disable();
    },
  };
}

/** Span ids as the links between spans: parent span id of a span (2.x moved it into parentSpanContext). */
export function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

export function byName(spans: readonly ReadableSpan[], name: string): ReadableSpan[] {
  return spans.filter((span) => span.name === name);
}
