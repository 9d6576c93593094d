// A small server written with FastMCP (a framework over the official SDK), for the real-server verdicts
// of the conformance runner: `node fastmcp-server.mjs stdio` or `node fastmcp-server.mjs http <port>`
// (httpStream at /mcp on 127.0.0.1; prints `listening <port>`).
import { FastMCP } from 'fastmcp';
import { z } from 'zod';

const server = new FastMCP({ name: 'fastmcp-fixture', version: '1.0.0' });

server.addTool({
  name: 'echo',
  description: 'Returns its text',
  parameters: z.object({ text: z.string() }),
  annotations: { readOnlyHint: true },
  execute: async ({ text }) => text,
});
server.addResource({
  uri: 'memo://greeting',
  name: 'greeting',
  mimeType: 'text/plain',
  load: async () => ({ text: 'hello from fastmcp' }),
});
server.addPrompt({
  name: 'explain',
  description: 'Explains a topic',
  arguments: [{ name: 'topic', description: 'What to explain', required: true }],
  load: async ({ topic }) => `Explain ${topic} simply.`,
});

if (process.argv[2] === 'http') {
  const port = Number(process.argv[3]);
  await server.start({
    transportType: 'httpStream',
    httpStream: { port, host: '127.0.0.1', endpoint: '/mcp' },
  });
  process.stdout.write(`listening ${port}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
} else {
  await server.start({ transportType: 'stdio' });
}
