// A client built with @mcpwire/client for check-client tests (run with `node --import tsx`). Transport: its
// own stdin/stdout (`stdio`) or Streamable HTTP to the URL appended last (`http`). It lists every tool page,
// calls every tool with the defaults of its schema, answers elicitation with accept (the schema defaults
// fill the form) and exits 0. `--legacy` pins 2025-11-25; `--probe-timeout ms` bounds the discover probe.
import { Client } from '@mcpwire/client';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { StdioServerTransport } from '@mcpwire/transports/stdio';

const args = process.argv.slice(2);
const mode = args[0];
const probeAt = args.indexOf('--probe-timeout');
const client = new Client(
  { name: 'mcpwire-check-client-test', version: '1.0.0' },
  {
    ...(args.includes('--legacy') ? { revision: '2025-11-25' as const } : {}),
    ...(probeAt > 0 ? { probeTimeoutMs: Number(args[probeAt + 1]) } : {}),
    handlers: { elicitation: async () => ({ action: 'accept', content: {} }) },
  },
);
const transport =
  mode === 'http'
    ? new StreamableHttpClientTransport(new URL(args.at(-1)!), { paramHeaders: client.paramHeadersFor })
    : new StdioServerTransport();
await client.connect(transport);
const tools = await client.listAllTools();
for (const tool of tools) {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, { default?: unknown }>;
  const toolArgs: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties))
    if (schema.default !== undefined) toolArgs[key] = schema.default;
  try {
    await client.callTool(tool.name, toolArgs);
  } catch (error) {
    process.stderr.write(`${tool.name}: ${(error as Error).message}\n`);
  }
}
await client.close();
process.exit(0);
