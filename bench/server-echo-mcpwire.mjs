// A tiny mcpwire McpServer with one echo tool, over stdio (used by bench/server-stdio.mjs; needs a build).
// BENCH_OTEL=1 registers the OpenTelemetry SDK first (bench/otel-sdk.mjs): every call is traced and
// measured. BENCH_OTEL=off sets telemetry: false. Unset: @opentelemetry/api is found, nothing registered.
import { McpServer } from '../packages/server/dist/index.js';
import { StdioServerTransport } from '../packages/transports/dist/stdio/index.js';
import { importZod } from './import-zod.mjs';

const { z } = await importZod(new URL('../packages/server/package.json', import.meta.url));
if (process.env.BENCH_OTEL === '1') await import('./otel-sdk.mjs');
const server = new McpServer({
  name: 'bench-echo',
  version: '1.0.0',
  ...(process.env.BENCH_OTEL === 'off' ? { telemetry: false } : {}),
});
server.tool(
  'echo',
  { description: 'Echoes the text', inputSchema: { text: z.string() } },
  ({ text }) => text,
);
await server.connect(new StdioServerTransport());
