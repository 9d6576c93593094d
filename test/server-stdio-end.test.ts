/**
 * The fixture server as a real child process over stdio, at the end of its input and with a client that
 * does not read (issue 13 items 6 and 3): requests in flight when stdin closes are answered before the
 * process exits, a last line without a newline is answered too, and while stdout is not read the server
 * stops reading stdin instead of growing without bound.
 */
import { describe, expect, it } from 'vitest';
import { settled } from '../packages/transports/test/stdio/helpers.js';
import { type Json, StdioPeer } from './server-stdio-peer.js';

async function initialized(): Promise<StdioPeer> {
  const peer = new StdioPeer();
  // The first answer waits for the process to start, which a loaded machine makes slow.
  await peer.initialize('2025-11-25', {}, 25_000);
  return peer;
}

describe('fixture server over stdio, end of input', () => {
  it('answers a request in flight when stdin closes and a last line without a newline, then exits', async () => {
    const peer = await initialized();
    // test_tool_with_progress takes about 150 ms: stdin ends while it runs.
    const slow = peer.waitFor(2);
    const last = peer.waitFor(3);
    peer.write({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'test_tool_with_progress' } });
    peer.child.stdin.write(
      '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"text":"last words"}}}',
    );
    expect(await peer.end()).toBe(0);
    expect(((await slow).result as Json).content).toEqual([
      { type: 'text', text: expect.stringContaining('progress') },
    ]);
    expect(((await last).result as Json).content).toEqual([{ type: 'text', text: 'last words' }]);
  });
});

describe('fixture server over stdio, a client that does not read', () => {
  it('stops reading requests while its answers are not read, and serves them all once they are', async () => {
    const peer = await initialized();
    // Each answer is about 8 KB (an echo of 8 KB): 3000 of them are 24 MB, far beyond the pipe's buffer.
    const COUNT = 3000;
    const text = 'y'.repeat(8000);
    peer.child.stdout.pause();
    let total = 0;
    for (let id = 100; id < 100 + COUNT; id++) {
      // One write per line: the stream counts a chunk as unread until all of it is taken.
      const line = `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"text":"${text}"}}}\n`;
      peer.child.stdin.write(line);
      total += line.length;
    }
    // The server took what its own buffers hold, then stopped: most of our 24 MB waits on our side.
    // Quiet for a whole second: a server still reading never pauses that long.
    expect(await settled(() => peer.child.stdin.writableLength, 1000)).toBeGreaterThan(total / 2);
    const last = peer.waitFor(100 + COUNT - 1, 30_000);
    peer.child.stdout.resume();
    expect(((await last).result as Json).content).toEqual([{ type: 'text', text }]);
    expect(await peer.end()).toBe(0);
  });
});
