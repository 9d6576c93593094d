import { readBodyWithin } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';

/** A body delivered in the given chunks; records whether the reader cancelled it. */
function streamed(chunks: Uint8Array[]): { body: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let index = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body, cancelled: () => cancelled };
}

describe('readBodyWithin', () => {
  it('joins chunks before decoding, so a character split across chunks survives', async () => {
    const bytes = new TextEncoder().encode('café ☕');
    const { body } = streamed([bytes.slice(0, 4), bytes.slice(4, 6), bytes.slice(6)]);
    const read = await readBodyWithin(new Response(body), 64);
    expect(read).toEqual({ ok: true, text: 'café ☕' });
  });

  it('reads a body of exactly the limit, and an absent body as empty text', async () => {
    expect(await readBodyWithin(new Request('http://x/', { method: 'POST', body: 'abcd' }), 4)).toEqual({
      ok: true,
      text: 'abcd',
    });
    expect(await readBodyWithin(new Request('http://x/'), 4)).toEqual({ ok: true, text: '' });
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const { body, cancelled } = streamed([new Uint8Array(10)]);
    const response = new Response(body, { headers: { 'content-length': '5000' } });
    expect(await readBodyWithin(response, 100)).toEqual({ ok: false, received: 5000, declared: true });
    expect(cancelled()).toBe(true);
  });

  it('stops and cancels a stream that goes past the limit, reporting the bytes read', async () => {
    const { body, cancelled } = streamed([new Uint8Array(60), new Uint8Array(60), new Uint8Array(60)]);
    expect(await readBodyWithin(new Response(body), 100)).toEqual({
      ok: false,
      received: 120,
      declared: false,
    });
    expect(cancelled()).toBe(true);
  });
});
