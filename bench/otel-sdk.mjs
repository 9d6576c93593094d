// Registers the OpenTelemetry SDK as a production service would: the AsyncLocalStorage context manager,
// a tracer provider with a batch span processor, and a meter provider with a periodic reader. The
// exporters discard what they get, so a benchmark measures mcpwire's instrumentation and the SDK, not a
// collector. Import it before creating servers or clients (bench/server-echo-mcpwire.mjs and
// bench/http-server-target.mjs do when BENCH_OTEL=1).
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

const discardSpans = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => undefined,
};
const discardMetrics = {
  export: (_metrics, done) => done({ code: 0 }),
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(discardSpans)] }),
);
metrics.setGlobalMeterProvider(
  new MeterProvider({
    readers: [new PeriodicExportingMetricReader({ exporter: discardMetrics, exportIntervalMillis: 10_000 })],
  }),
);
