// A small server written with tmcp (an MCP implementation independent of the official SDK), for the
// real-server verdicts of the conformance runner: `node tmcp-server.mjs stdio` or `node tmcp-server.mjs
// http` (Streamable HTTP at /mcp on 127.0.0.1, a free port; prints `listening <port>`). Tools, a
// resource, a template with completion and a prompt, so the runner has something of each to judge.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { ZodJsonSchemaAdapter } from '@tmcp/adapter-zod';
import { HttpTransport } from '@tmcp/transport-http';
import { StdioTransport } from '@tmcp/transport-stdio';
import { McpServer } from 'tmcp';
import { complete, prompt, resource, tool } from 'tmcp/utils';
import { z } from 'zod';

const server = new McpServer(
  { name: 'tmcp-fixture', version: '1.0.0', description: 'The conformance runner’s tmcp target' },
  {
    adapter: new ZodJsonSchemaAdapter(),
    capabilities: { tools: {}, prompts: {}, resources: {}, completions: {} },
  },
);

server.tool(
  {
    name: 'echo',
    description: 'Returns its text',
    schema: z.object({ text: z.string() }),
    annotations: { readOnlyHint: true },
  },
  async ({ text }) => tool.text(text),
);
server.tool(
  {
    name: 'add',
    description: 'Adds two numbers, with structured output',
    schema: z.object({ a: z.number(), b: z.number() }),
    outputSchema: z.object({ sum: z.number() }),
    annotations: { readOnlyHint: true },
  },
  async ({ a, b }) => tool.structured({ sum: a + b }),
);
server.resource(
  { name: 'greeting', description: 'A fixed text', uri: 'memo://greeting', mimeType: 'text/plain' },
  async (uri) => resource.text(uri, 'hello from tmcp', 'text/plain'),
);
server.template(
  {
    name: 'user',
    description: 'A user by id',
    uri: 'users://{id}',
    complete: {
      id: async (arg) =>
        complete.values(
          ['1', '2', '3'].filter((id) => id.startsWith(arg)),
          false,
        ),
    },
  },
  async (uri) => resource.text(uri, `user ${uri}`, 'text/plain'),
);
server.prompt(
  { name: 'explain', description: 'Explains a topic', schema: z.object({ topic: z.string() }) },
  async ({ topic }) => prompt.message(`Explain ${topic} simply.`),
);

if (process.argv[2] === 'http') {
  const transport = new HttpTransport(server);
  const http = createServer(async (req, res) => {
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'DELETE';
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers))
      for (const v of Array.isArray(value) ? value : [value ?? '']) headers.append(key, v);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      ...(hasBody ? { body: Readable.toWeb(req), duplex: 'half' } : {}),
    });
    const response = (await transport.respond(request)) ?? new Response(null, { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body === null) return res.end();
    const body = Readable.fromWeb(response.body);
    res.once('close', () => body.destroy());
    body.on('error', () => res.destroy());
    body.pipe(res);
  });
  http.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${http.address().port}\n`));
  // The test owns this process through stdin: when it closes, stop.
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
} else {
  new StdioTransport(server).listen();
}
