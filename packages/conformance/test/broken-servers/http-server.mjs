// The mini server over Streamable HTTP (JSON responses, sessions): `node http-server.mjs [--break <kind>]`.
// Prints `listening <port>` on stdout. Kinds (besides the stdio ones): unknown-session-200, no-origin-check.
import { createServer } from 'node:http';
import { createDispatcher, parse, SUPPORTED } from './mini-server.mjs';

const breakKind = process.argv[2] === '--break' ? process.argv[3] : undefined;
const sessions = new Map();
let counter = 0;

function send(res, status, body, headers = {}) {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

const server = createServer(async (req, res) => {
  const origin = req.headers.origin;
  if (origin !== undefined && breakKind !== 'no-origin-check') {
    const host = new URL(origin).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]')
      return send(res, 403, { jsonrpc: '2.0', error: { code: -32600, message: 'Forbidden origin' } });
  }
  const sessionId = req.headers['mcp-session-id'];
  if (req.method === 'GET') return send(res, 405, undefined, { allow: 'POST, DELETE' });
  if (req.method === 'DELETE') {
    if (!sessions.has(sessionId)) return send(res, 404, undefined);
    sessions.delete(sessionId);
    return send(res, 200, undefined);
  }
  let text = '';
  for await (const chunk of req) text += chunk;
  const parsed = parse(text);
  if (!parsed.ok) return send(res, 400, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } });
  const message = parsed.value;
  if (Array.isArray(message))
    return send(res, 400, { jsonrpc: '2.0', error: { code: -32600, message: 'Batches are not supported' } });
  let session;
  if (message.method === 'initialize') {
    session = {
      id: `s-${++counter}-${Math.random().toString(36).slice(2)}`,
      dispatcher: createDispatcher(breakKind),
    };
    sessions.set(session.id, session);
  } else {
    if (sessionId === undefined)
      return send(res, 400, {
        jsonrpc: '2.0',
        id: message.id ?? null,
        error: { code: -32600, message: 'Missing session' },
      });
    session = sessions.get(sessionId);
    if (session === undefined) {
      if (breakKind !== 'unknown-session-200')
        return send(res, 404, {
          jsonrpc: '2.0',
          id: message.id ?? null,
          error: { code: -32001, message: 'Session not found' },
        });
      session = { id: sessionId, dispatcher: createDispatcher(breakKind) };
    }
    const version = req.headers['mcp-protocol-version'];
    if (version !== undefined && !SUPPORTED.includes(version)) {
      return send(res, 400, {
        jsonrpc: '2.0',
        id: message.id ?? null,
        error: { code: -32600, message: `Unsupported MCP-Protocol-Version ${version}` },
      });
    }
  }
  const out = session.dispatcher.dispatch(message);
  const headers = message.method === 'initialize' ? { 'mcp-session-id': session.id } : {};
  if (message.id === undefined || message.method === undefined) return send(res, 202, undefined, headers);
  send(res, 200, out[0], headers);
});

server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
