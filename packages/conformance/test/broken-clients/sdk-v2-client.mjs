// A client built with the official SDK v2 (@modelcontextprotocol/client, which speaks 2026-07-28) for
// check-client tests. Transport: its own stdin/stdout (`stdio`, through a minimal newline-delimited
// Transport) or Streamable HTTP to the URL appended last (`http`). With `versionNegotiation: auto` it probes
// with server/discover. It lists every tool page, calls every tool with the defaults of its schema (errors
// are written to stderr), answers elicitation with accept and the schema defaults, and exits 0.
import { createInterface } from 'node:readline';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const args = process.argv.slice(2);
const mode = args[0];

/** The SDK's Transport contract over this process's stdin/stdout. */
class ProcessStdioTransport {
  async start() {
    createInterface({ input: process.stdin }).on('line', (line) => {
      try {
        this.onmessage?.(JSON.parse(line));
      } catch (error) {
        this.onerror?.(error);
      }
    });
    process.stdin.on('end', () => this.onclose?.());
  }
  async send(message) {
    process.stdout.write(`${JSON.stringify(message)}\n`);
  }
  async close() {
    this.onclose?.();
  }
}

const client = new Client(
  { name: 'sdk-v2-check-client', version: '2.0.0' },
  { versionNegotiation: { mode: 'auto' }, capabilities: { elicitation: { form: {} } } },
);
client.setRequestHandler('elicitation/create', async (request) => {
  const properties = request.params.requestedSchema?.properties ?? {};
  const content = {};
  for (const [key, schema] of Object.entries(properties))
    if ('default' in schema) content[key] = schema.default;
  return { action: 'accept', content };
});
const transport =
  mode === 'http' ? new StreamableHTTPClientTransport(new URL(args.at(-1))) : new ProcessStdioTransport();
await client.connect(transport);
const tools = [];
let cursor;
for (let pages = 0; pages < 10; pages++) {
  const page = await client.listTools(cursor === undefined ? {} : { cursor });
  tools.push(...page.tools);
  cursor = page.nextCursor;
  if (cursor === undefined) break;
}
for (const tool of tools) {
  const toolArgs = {};
  for (const [key, schema] of Object.entries(tool.inputSchema.properties ?? {}))
    if (schema && 'default' in schema) toolArgs[key] = schema.default;
  try {
    await client.callTool({ name: tool.name, arguments: toolArgs });
  } catch (error) {
    process.stderr.write(`${tool.name}: ${error.message}\n`);
  }
}
await client.close();
process.exit(0);
