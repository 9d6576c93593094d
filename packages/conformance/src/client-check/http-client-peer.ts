/**
 * The client under test over Streamable HTTP: a node:http endpoint on 127.0.0.1 whose URL is appended to
 * the command (like the official suite). It judges the headers of every request (H03, H07, H12), answers
 * with JSON, and once the client is working it expires the session with a 404 to see whether the client
 * starts over with a new initialize and no session id (H09). A legacy tools/call that elicits is answered
 * over SSE, which carries the elicitation/create request (C02/C03). A 2026-07-28 client is served
 * statelessly (no session) and its Mcp-* headers are judged (M15).
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonObject } from '@mcpwire/core';
import { splitCommandLine } from '../runner/command-line.js';
import { isObject } from '../runner/context.js';
import { note, type Recorder, received } from '../runner/recorder.js';
import { collectStderr, waitForExit } from './client-process.js';
import { judgeModernHeaders } from './modern-headers.js';
import { ScriptedServer, type SendToClient } from './scripted-server.js';
import type { ClientRunOutcome, PeerOptions } from './stdio-client-peer.js';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

interface SessionState {
  current: string | undefined;
  expired: string | undefined;
  count: number;
  /** Requests answered on the current session after initialized; the 404 comes after the first. */
  answered: number;
  reinitExpected: boolean;
}

export async function serveHttpClient(
  command: string,
  rec: Recorder,
  timeoutMs: number,
  peer: PeerOptions,
): Promise<{ server: ScriptedServer; outcome: ClientRunOutcome }> {
  const server = new ScriptedServer({ ...peer, rec, send: undefined });
  const session: SessionState = {
    current: undefined,
    expired: undefined,
    count: 0,
    answered: 0,
    reinitExpected: false,
  };
  const http = createServer((req, res) => {
    handle(req, res, server, session, rec).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, { jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' } });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  const [file, ...args] = splitCommandLine(command);
  const child = spawn(file!, [...args, url], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stderr = collectStderr(child);
  child.stdout.resume();
  const { exitCode, timedOut, spawnError } = await waitForExit(child, timeoutMs);
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  if (session.reinitExpected)
    rec.fail(
      'H09',
      'expected a new initialize without a session id after the 404, received none before the client exited',
    );
  else if (server.modern !== undefined && server.initializeCount === 0)
    rec.skip('H09', 'sessions do not exist in 2026-07-28');
  else if (session.expired === undefined)
    rec.skip('H09', 'the client made too few requests to expire its session');
  rec.pass('H03', 'every POST accepts application/json and text/event-stream');
  if (server.initializeCount > 0)
    rec.pass('H07', 'the session id was sent on every request after it was issued');
  else rec.skip('H07', 'no session was issued (2026-07-28 is stateless)');
  rec.pass('H12', 'MCP-Protocol-Version was sent on every request that needed it');
  return { server, outcome: { exitCode, timedOut, stderr: stderr.text, spawnError } };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  server: ScriptedServer,
  session: SessionState,
  rec: Recorder,
): Promise<void> {
  const sessionHeader = req.headers['mcp-session-id'];
  const sessionId = typeof sessionHeader === 'string' ? sessionHeader : undefined;
  if (req.method === 'GET') {
    res.writeHead(405, { allow: 'POST, DELETE' }).end();
    return;
  }
  if (req.method === 'DELETE') {
    res.writeHead(sessionId !== undefined && sessionId === session.current ? 200 : 404).end();
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST, GET, DELETE' }).end();
    return;
  }
  const accept = String(req.headers['accept'] ?? '');
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
    rec.fail(
      'H03',
      `expected Accept to list application/json and text/event-stream, received ${JSON.stringify(accept)}`,
    );
  }
  const body = await readBody(req);
  let value: unknown;
  try {
    value = body === undefined ? undefined : JSON.parse(body);
  } catch {
    value = undefined;
  }
  if (!isObject(value)) {
    sendJson(res, 400, {
      jsonrpc: '2.0',
      error: { code: -32700, message: 'Parse error: expected one JSON-RPC message object' },
    });
    return;
  }
  const method = value['method'];
  if (server.modern !== undefined || server.isModernProbe(value)) {
    await handleModern(req, res, server, value, body!);
    return;
  }
  if (method === 'initialize') {
    if (session.reinitExpected) {
      session.reinitExpected = false;
      if (sessionId !== undefined)
        rec.fail(
          'H09',
          `expected the new initialize after a 404 to carry no session id, received ${JSON.stringify(sessionId)}`,
          [received(body)],
        );
      else rec.pass('H09', 'after a 404 the client started over with initialize and no session id');
    }
    const response = await server.handle(value, body!);
    session.current = `conformance-session-${++session.count}`;
    session.answered = 0;
    sendJson(res, 200, response, { 'mcp-session-id': session.current });
    return;
  }
  if (session.current !== undefined) {
    if (sessionId === undefined) {
      rec.fail(
        'H07',
        `expected Mcp-Session-Id on every request after it was issued, received none on ${String(method ?? 'a response')}`,
        [received(body)],
      );
      sendJson(res, 400, {
        jsonrpc: '2.0',
        id: value['id'] ?? null,
        error: { code: -32600, message: 'Bad Request: expected an Mcp-Session-Id header' },
      });
      return;
    }
    if (sessionId === session.expired) {
      sendJson(res, 404, {
        jsonrpc: '2.0',
        id: value['id'] ?? null,
        error: { code: -32001, message: 'Session not found' },
      });
      return;
    }
    if (sessionId !== session.current) {
      rec.fail(
        'H07',
        `expected the issued session id ${session.current}, received ${JSON.stringify(sessionId)}`,
        [received(body)],
      );
    }
  }
  if (server.initializeCount > 0 && server.revision >= '2025-06-18') {
    const version = req.headers['mcp-protocol-version'];
    if (version !== server.revision) {
      rec.fail(
        'H12',
        `expected MCP-Protocol-Version: ${server.revision} after initialize, received ${JSON.stringify(version ?? null)}`,
        [received(body), note(`${String(method ?? 'response')}`)],
      );
    }
  }
  if (!('id' in value) || typeof method !== 'string') {
    await server.handle(value, body!);
    res.writeHead(202).end();
    return;
  }
  // Expire the session once, after the client's first answered request past the handshake.
  if (server.initialized && session.expired === undefined && session.answered >= 1 && method !== 'ping') {
    session.expired = session.current;
    session.reinitExpected = true;
    sendJson(res, 404, {
      jsonrpc: '2.0',
      id: value['id'] ?? null,
      error: { code: -32001, message: 'Session not found' },
    });
    return;
  }
  if (method === 'tools/call' && server.willElicit) {
    // Server→client requests travel on the SSE response of the POST they belong to.
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send: SendToClient = (message) => {
      if (!res.writableEnded) res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    };
    const response = await server.handle(value, body!, send);
    if (server.initialized) session.answered++;
    send(response ?? { jsonrpc: '2.0', id: value['id'] ?? null, result: {} });
    res.end();
    return;
  }
  const response = await server.handle(value, body!);
  if (server.initialized) session.answered++;
  sendJson(res, 200, response ?? { jsonrpc: '2.0', id: value['id'] ?? null, result: {} });
}

/** HTTP status of a modern answer (2026-07-28 streamable-http §Protocol Version Header). */
function modernStatus(response: JsonObject): number {
  const error = response['error'];
  if (!isObject(error)) return 200;
  if (error['code'] === -32601) return 404;
  return 400;
}

/**
 * A 2026-07-28 message, or a probe. When the runner plays a legacy-only server, a probe gets 400 and a
 * non-modern error body (streamable-http §Backward Compatibility) so the client falls back to initialize.
 */
async function handleModern(
  req: IncomingMessage,
  res: ServerResponse,
  server: ScriptedServer,
  value: JsonObject,
  body: string,
): Promise<void> {
  if (!server.modernAllowed) {
    const answer = await server.handle(value, body);
    sendJson(
      res,
      400,
      answer ?? {
        jsonrpc: '2.0',
        id: value['id'] ?? null,
        error: { code: -32600, message: 'Send initialize' },
      },
    );
    return;
  }
  judgeModernHeaders(server.rec, req.headers, value, body);
  const answer = await server.handle(value, body);
  if (answer === undefined) {
    res.writeHead(202).end();
    return;
  }
  sendJson(res, modernStatus(answer), answer);
}
