// A raw newline-JSON MCP server for client benchmarks: it answers initialize, tools/list and tools/call
// with the least work possible, so a benchmark measures the client, not the server.
let buffer = '';
const TOOL = { name: 'echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } };
const out = [];
let scheduled = false;
function flush() {
  scheduled = false;
  process.stdout.write(out.join(''));
  out.length = 0;
}
function reply(id, result) {
  out.push(`${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}
function fail(id, code, message) {
  out.push(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let newline = buffer.indexOf('\n');
  while (newline >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    newline = buffer.indexOf('\n');
    if (line.length === 0) continue;
    const message = JSON.parse(line);
    if (message.id === undefined) continue;
    switch (message.method) {
      case 'initialize':
        reply(message.id, {
          protocolVersion: message.params.protocolVersion,
          capabilities: { tools: {} },
          serverInfo: { name: 'raw-echo', version: '1.0.0' },
        });
        break;
      case 'tools/list':
        reply(message.id, { tools: [TOOL] });
        break;
      case 'tools/call':
        reply(message.id, { content: [{ type: 'text', text: message.params.arguments.text }] });
        break;
      case 'ping':
        reply(message.id, {});
        break;
      default:
        fail(message.id, -32601, `Method not found: ${message.method}`);
    }
  }
});
process.stdin.on('end', () => process.exit(0));
