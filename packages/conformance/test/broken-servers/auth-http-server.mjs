// The mini server over Streamable HTTP behind bearer tokens, for the security checks:
// `node auth-http-server.mjs [--break <kind>]`, prints `listening <port>`. Tokens: token-a (alice) and
// token-b (bob). Correct, a session belongs to the token that opened it: any other token gets 404 for it,
// as an unknown session would. Requests are answered as SSE events with ids, kept for Last-Event-ID.
// Kinds: session-not-bound (no owner check at all), resume-not-bound (Last-Event-ID replays whoever asks),
// resume-by-event-id (the caller's own session, but the events of whichever session the id names),
// delete-not-bound (anyone may DELETE), no-resource-metadata (401 without it, no metadata served),
// no-auth (no token needed).
import { createServer } from 'node:http';
import { createDispatcher, parse, SUPPORTED } from './mini-server.mjs';

const breakKind = process.argv[2] === '--break' ? process.argv[3] : undefined;
const PRINCIPALS = new Map([
  ['token-a', 'alice'],
  ['token-b', 'bob'],
]);
const PRM_PATH = '/.well-known/oauth-protected-resource/mcp';
const sessions = new Map();
const events = new Map(); // event id → { session, data }
let counter = 0;
let base = '';

function json(res, status, body, headers = {}) {
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(body === undefined ? '' : JSON.stringify(body));
}

function principalOf(req) {
  if (breakKind === 'no-auth') return 'anyone';
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  return match ? PRINCIPALS.get(match[1]) : undefined;
}

function challenge(res) {
  const value =
    breakKind === 'no-resource-metadata'
      ? 'Bearer realm="mini"'
      : `Bearer resource_metadata="${base}${PRM_PATH}"`;
  json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': value });
}

/** The caller's session, or undefined (and 404 sent) when it is unknown or not the caller's. */
function sessionFor(req, res, principal, bound) {
  const session = sessions.get(req.headers['mcp-session-id']);
  if (session === undefined || (bound && session.owner !== principal)) {
    json(res, 404, { jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' } });
    return undefined;
  }
  return session;
}

function sendEvents(res, list) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [id, data] of list) res.write(`id: ${id}\ndata: ${data}\n\n`);
  res.end();
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url, base).pathname;
  if (path === PRM_PATH && breakKind !== 'no-resource-metadata')
    return json(res, 200, { resource: `${base}/mcp`, authorization_servers: ['https://auth.example.com'] });
  if (path !== '/mcp') return json(res, 404, { error: 'not found' });
  const origin = req.headers.origin;
  if (origin !== undefined && !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(origin).hostname))
    return json(res, 403, { jsonrpc: '2.0', error: { code: -32600, message: 'Forbidden origin' } });
  const principal = principalOf(req);
  if (principal === undefined) {
    req.resume();
    return challenge(res);
  }
  const bound = breakKind !== 'session-not-bound';
  if (req.method === 'DELETE') {
    const session = sessionFor(req, res, principal, bound && breakKind !== 'delete-not-bound');
    if (session === undefined) return;
    sessions.delete(session.id);
    return json(res, 200, undefined);
  }
  if (req.method === 'GET') {
    const last = req.headers['last-event-id'];
    if (last !== undefined && breakKind === 'resume-not-bound') {
      const from = events.get(last);
      if (from === undefined) return json(res, 404, undefined);
      return sendEvents(
        res,
        [...events]
          .filter(([, e]) => e.session === from.session && e.seq > from.seq)
          .map(([id, e]) => [id, e.data]),
      );
    }
    const session = sessionFor(req, res, principal, bound);
    if (session === undefined) return;
    if (last === undefined) return sendEvents(res, []);
    const from = events.get(last);
    const foreign = from !== undefined && from.session !== session.id;
    if (from === undefined || (foreign && breakKind !== 'resume-by-event-id'))
      return json(res, 404, undefined);
    return sendEvents(
      res,
      [...events]
        .filter(([, e]) => e.session === from.session && e.seq > from.seq)
        .map(([id, e]) => [id, e.data]),
    );
  }
  let text = '';
  for await (const chunk of req) text += chunk;
  const parsed = parse(text);
  if (!parsed.ok) return json(res, 400, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } });
  const message = parsed.value;
  if (Array.isArray(message))
    return json(res, 400, { jsonrpc: '2.0', error: { code: -32600, message: 'Batches are not supported' } });
  let session;
  if (message.method === 'initialize') {
    session = {
      id: `s-${++counter}-${Math.random().toString(36).slice(2)}`,
      owner: principal,
      seq: 0,
      dispatcher: createDispatcher(undefined),
    };
    sessions.set(session.id, session);
  } else {
    if (req.headers['mcp-session-id'] === undefined)
      return json(res, 400, {
        jsonrpc: '2.0',
        id: message.id ?? null,
        error: { code: -32600, message: 'Missing session' },
      });
    session = sessionFor(req, res, principal, bound);
    if (session === undefined) return;
    const version = req.headers['mcp-protocol-version'];
    if (version !== undefined && !SUPPORTED.includes(version))
      return json(res, 400, {
        jsonrpc: '2.0',
        id: message.id ?? null,
        error: { code: -32600, message: `Unsupported MCP-Protocol-Version ${version}` },
      });
  }
  const out = session.dispatcher.dispatch(message);
  const headers = message.method === 'initialize' ? { 'mcp-session-id': session.id } : {};
  if (message.id === undefined || message.method === undefined) return json(res, 202, undefined, headers);
  if (message.method === 'initialize') return json(res, 200, out[0], headers);
  const id = `${session.id}:${++session.seq}`;
  const data = JSON.stringify(out[0]);
  events.set(id, { session: session.id, seq: session.seq, data });
  sendEvents(res, [[id, data]]);
});

server.listen(0, '127.0.0.1', () => {
  base = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
