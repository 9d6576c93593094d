import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineWriter } from '../../src/stdio/line-writer.js';

/** A Writable that records each chunk it is handed; `hold` keeps the callbacks so its buffer fills. */
function recorder(options: { highWaterMark?: number; hold?: boolean } = {}) {
  const chunks: string[] = [];
  const callbacks: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark: options.highWaterMark ?? 16_384,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      if (options.hold === true) callbacks.push(callback);
      else callback();
    },
  });
  const release = () => {
    for (const callback of callbacks.splice(0)) callback();
  };
  return { stream, chunks, release };
}

const message = (id: number) => ({ jsonrpc: '2.0' as const, id, method: 'ping' });

describe('LineWriter', () => {
  it('coalesces the lines of one tick into one write by default', async () => {
    const { stream, chunks } = recorder();
    const writer = new LineWriter(stream, () => undefined);
    const sent = [writer.write(message(1)), writer.write(message(2)), writer.write(message(3))];
    expect(chunks).toEqual([]);
    await Promise.all(sent);
    expect(chunks).toHaveLength(1);
    expect(
      chunks[0]!
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).id),
    ).toEqual([1, 2, 3]);
  });

  it('with maxLinesPerWrite 1 hands every line to the stream at once (the peer can start before the tick ends)', async () => {
    const { stream, chunks } = recorder();
    const writer = new LineWriter(stream, () => undefined, undefined, 1);
    const first = writer.write(message(1));
    expect(chunks.map((chunk) => JSON.parse(chunk).id)).toEqual([1]);
    const second = writer.write(message(2));
    expect(chunks.map((chunk) => JSON.parse(chunk).id)).toEqual([1, 2]);
    await Promise.all([first, second]);
  });

  it('with maxLinesPerWrite 2 writes every second line at once and the rest at the end of the tick', async () => {
    const { stream, chunks } = recorder();
    const writer = new LineWriter(stream, () => undefined, undefined, 2);
    const sent = [writer.write(message(1)), writer.write(message(2)), writer.write(message(3))];
    expect(chunks).toHaveLength(1);
    await Promise.all(sent);
    expect(chunks.map((chunk) => chunk.split('\n').filter(Boolean).length)).toEqual([2, 1]);
  });

  it('with maxLinesPerWrite 1 still makes senders wait for drain when the reader does not keep up', async () => {
    const { stream, chunks, release } = recorder({ highWaterMark: 64, hold: true });
    const congestion: boolean[] = [];
    const writer = new LineWriter(
      stream,
      () => undefined,
      (congested) => congestion.push(congested),
      1,
    );
    const big = { jsonrpc: '2.0' as const, method: 'x', params: { pad: 'x'.repeat(100) } };
    let settled = 0;
    const sent = [writer.write(big), writer.write(message(2))];
    for (const promise of sent) void promise.then(() => settled++);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(0);
    expect(congestion).toEqual([true]);
    for (let i = 0; i < 5; i++) {
      release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(sent);
    expect(settled).toBe(2);
    expect(congestion).toEqual([true, false]);
    const lines = chunks.join('').split('\n').filter(Boolean);
    expect(lines.map((line) => JSON.parse(line).id ?? JSON.parse(line).method)).toEqual(['x', 2]);
  });
});
