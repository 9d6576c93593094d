/** Raw HTTP helpers for transport tests: POST/GET with fetch and decode SSE bodies. */
import { SseDecoder, type SseEvent } from '../../src/shared-http/sse-decoder.js';

export const ACCEPT_BOTH = 'application/json, text/event-stream';

export function initializeBody(id: number | string = 1, protocolVersion = '2025-06-18') {
  return {
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw-test', version: '0' } },
  };
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: ACCEPT_BOTH, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Opens a session over raw HTTP and returns its id. */
export async function openSession(url: string, protocolVersion = '2025-06-18'): Promise<string> {
  const response = await post(url, initializeBody(1, protocolVersion));
  if (response.status !== 200)
    throw new Error(`initialize failed: ${response.status} ${await response.text()}`);
  await response.text();
  const id = response.headers.get('mcp-session-id');
  if (id === null) throw new Error('no session id');
  await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, { 'mcp-session-id': id });
  return id;
}

/** Reads SSE events until `until` says stop (or the stream ends), within a time limit. */
export async function readSse(
  response: Response,
  until: (event: SseEvent, all: SseEvent[]) => boolean = () => false,
  timeoutMs = 5000,
): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  let stop = false;
  const decoder = new SseDecoder((event) => {
    events.push(event);
    if (until(event, events)) stop = true;
  });
  const reader = response.body!.getReader();
  const timer = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    while (!stop) {
      const { done, value } = await reader.read();
      if (done) break;
      decoder.push(value);
    }
  } finally {
    clearTimeout(timer);
    if (stop) await reader.cancel().catch(() => {});
  }
  return events;
}

export function messagesOf(events: SseEvent[]): Array<Record<string, unknown>> {
  return events.filter((e) => e.data !== '').map((e) => JSON.parse(e.data) as Record<string, unknown>);
}
