// A tiny client built with the official SDK, for check-client tests. Transport: its own stdin/stdout
// (`stdio`), or Streamable HTTP to the URL appended as the last argument (`http`). It lists every tool page,
// calls echo, and closes. `--elicitation` declares elicitation and accepts with the schema defaults.
// `--bad-cursor` mangles the cursor it passes back (a deliberate F10 violation).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const args = process.argv.slice(2);
const mode = args[0];
const elicitation = args.includes('--elicitation');
const badCursor = args.includes('--bad-cursor');

function makeClient() {
  const client = new Client(
    { name: 'sdk-test-client', version: '1.0.0' },
    { capabilities: elicitation ? { elicitation: { form: {} } } : {} },
  );
  if (elicitation) {
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { ok: true } }));
  }
  return client;
}

async function connect() {
  const client = makeClient();
  const transport =
    mode === 'http' ? new StreamableHTTPClientTransport(new URL(args.at(-1))) : new StdioServerTransport();
  await client.connect(transport);
  return client;
}

async function work(client) {
  let cursor;
  let pages = 0;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor });
    cursor = page.nextCursor === undefined ? undefined : badCursor ? page.nextCursor.trim() : page.nextCursor;
    pages++;
  } while (cursor !== undefined && pages < 10);
  await client.callTool({ name: 'echo', arguments: { text: 'hello' } });
}

let client = await connect();
try {
  await work(client);
} catch (error) {
  // A 404 for our session means it is gone: start over with a new initialize (basic/transports §Session Management).
  if (mode !== 'http' || error?.code !== 404) throw error;
  await client.close().catch(() => undefined);
  client = await connect();
  await work(client);
}
await client.close();
process.exit(0);
