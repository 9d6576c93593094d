/**
 * Serialises SSE events as text. Writers take text: Node writes it straight to the socket, and the
 * web-standard body encodes it once on the way out. JSON text from JSON.stringify has no raw line breaks,
 * so it needs no splitting.
 */

const LINE_BREAK = /\r\n|\r|\n/;

export interface SseEventFields {
  event?: string;
  id?: string;
  retry?: number;
}

/** Formats one event. `data` may contain line breaks: each line becomes its own `data:` field. */
export function formatSseEvent(data: string, fields?: SseEventFields): string {
  let out = '';
  if (fields?.event !== undefined) out += 'event: ' + fields.event + '\n';
  if (fields?.id !== undefined) out += 'id: ' + fields.id + '\n';
  if (fields?.retry !== undefined) out += 'retry: ' + fields.retry + '\n';
  if (data.includes('\n') || data.includes('\r')) {
    for (const line of data.split(LINE_BREAK)) out += 'data: ' + line + '\n';
  } else {
    out += 'data: ' + data + '\n';
  }
  return out + '\n';
}

/** A `retry:` field on its own: tells the client how long to wait before it reconnects. */
export function formatSseRetry(retryMs: number): string {
  return 'retry: ' + Math.max(0, Math.floor(retryMs)) + '\n\n';
}

/** An SSE comment line, used as a keep-alive; clients ignore it. */
export const SSE_KEEPALIVE = ':\n\n';

/** The comment a GET stream opens with when nothing else is ready (distinct from keep-alives on purpose). */
export const SSE_OPENING = ': open\n\n';
