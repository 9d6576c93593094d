// The ceiling: a raw newline-JSON echo server with no MCP library (used by bench/server-stdio.mjs).
// It answers initialize and tools/call the way an MCP server would, and nothing else.
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let out = '';
  let newline = buffer.indexOf('\n');
  while (newline !== -1) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    newline = buffer.indexOf('\n');
    if (line === '') continue;
    const message = JSON.parse(line);
    if (message.id === undefined) continue;
    const result =
      message.method === 'initialize'
        ? {
            protocolVersion: message.params.protocolVersion,
            capabilities: { tools: {} },
            serverInfo: { name: 'raw', version: '1' },
          }
        : { content: [{ type: 'text', text: message.params.arguments.text }] };
    out += `${JSON.stringify({ jsonrpc: '2.0', id: message.id, result })}\n`;
  }
  if (out !== '') process.stdout.write(out);
});
process.stdin.on('end', () => process.exit(0));
