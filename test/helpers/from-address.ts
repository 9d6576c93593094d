/**
 * HTTP requests from a chosen loopback source address (127.0.0.1, 127.0.0.2, …): two "clients" on one
 * machine that a server counting sessions per remote address tells apart. Keep-alive agents per address,
 * so a flood of requests does not open a socket each.
 */
import { Agent, request } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const agents = new Map<string, Agent>();

function where(target: URL): { host: string; port: string; path: string } {
  return { host: target.hostname, port: target.port, path: target.pathname + target.search };
}

function agentFor(localAddress: string): Agent {
  let agent = agents.get(localAddress);
  if (agent === undefined) {
    agent = new Agent({ keepAlive: true, maxSockets: 64, localAddress });
    agents.set(localAddress, agent);
  }
  return agent;
}

/** POSTs a JSON body from `localAddress` and reads the whole answer (JSON or a short SSE body). */
export function postFrom(
  localAddress: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...where(target),
        method: 'POST',
        agent: agentFor(localAddress),
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** GET from `localAddress`; resolves with the status once the headers arrive (the body is left open). */
export function openGetFrom(
  localAddress: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; close(): void; firstChunk: Promise<string> }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { ...where(target), method: 'GET', localAddress, headers: { accept: 'text/event-stream', ...headers } },
      (res) => {
        res.setEncoding('utf8');
        const firstChunk = new Promise<string>((chunk) => res.once('data', chunk));
        resolve({ status: res.statusCode ?? 0, close: () => req.destroy(), firstChunk });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export function closeAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

export const initializeBody = (protocolVersion = '2025-06-18') => ({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 'flood', version: '1' } },
});
