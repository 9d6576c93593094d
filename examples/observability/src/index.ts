// OpenTelemetry with mcpwire, printed to the console: an MCP client and server (in one process, over the
// in-memory transport) report spans and duration metrics through the OpenTelemetry SDK you register.
// mcpwire itself depends only on @opentelemetry/api; the SDK and exporters are your choice.
// Run: `npm run build && npm start` (or `node --import tsx src/index.ts`). See docs/observability.md.
import { Client } from '@mcpwire/client';
import { createInMemoryPair } from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  ConsoleMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';

// 1. Register the SDK: a context manager (so spans nest across `await`), a tracer provider and a meter
//    provider. With nothing registered, mcpwire records nothing and sends no trace context.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
});
trace.setGlobalTracerProvider(tracerProvider);
const metricReader = new PeriodicExportingMetricReader({
  exporter: new ConsoleMetricExporter({ temporalitySelector: () => AggregationTemporality.CUMULATIVE }),
  exportIntervalMillis: 60_000,
});
const meterProvider = new MeterProvider({ readers: [metricReader] });
metrics.setGlobalMeterProvider(meterProvider);

// 2. An ordinary server and client: no tracing code in them.
const server = new McpServer({ name: 'calculator', version: '1.0.0' });
server.tool('add', { inputSchema: { a: z.number(), b: z.number() } }, ({ a, b }) => `${a + b}`);
const [clientSide, serverSide] = createInMemoryPair();
await server.connect(serverSide);
const client = new Client({ name: 'calculator-client', version: '1.0.0' });
await client.connect(clientSide);

// 3. Calls made inside your own span join its trace: the client's "tools/call add" span is its child,
//    and the server's span is the child of the client's (trace context travels in the request's _meta).
await trace.getTracer('example').startActiveSpan('answer a question', async (span) => {
  const result = await client.callTool('add', { a: 2, b: 3 });
  console.log('2 + 3 =', (result.content[0] as { text: string }).text);
  span.end();
});

// 4. Flush before exiting: spans were printed as they ended; the metrics print now.
await client.close();
await meterProvider.forceFlush();
await meterProvider.shutdown();
await tracerProvider.shutdown();
