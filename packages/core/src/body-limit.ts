/**
 * Reading a web-standard body (a Request's or a Response's) with a byte limit, never buffering more than
 * the limit: a declared Content-Length over it is refused unread, a stream that goes past it is cancelled.
 * Shared by every HTTP-facing package; it uses only web-standard streams, so core stays runtime-neutral.
 */

export type LimitedBody =
  | { ok: true; text: string }
  /** `received` is the declared Content-Length when `declared`, else the bytes read when reading stopped. */
  | { ok: false; received: number; declared: boolean };

interface BodyCarrier {
  readonly headers: Headers;
  readonly body: ReadableStream<Uint8Array> | null;
}

const decoder = new TextDecoder();

/**
 * Reads a request's or response's body as text, stopping at `limit` bytes (a larger declared Content-Length
 * is refused unread).
 */
export async function readBodyWithin(message: BodyCarrier, limit: number): Promise<LimitedBody> {
  const declared = Number(message.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await message.body?.cancel().catch(() => {});
    return { ok: false, received: declared, declared: true };
  }
  if (message.body === null) return { ok: true, text: '' };
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, received: total, declared: false };
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return { ok: true, text: decoder.decode(chunks[0]) };
  // One copy at the end, not one concatenation per chunk.
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, text: decoder.decode(all) };
}
