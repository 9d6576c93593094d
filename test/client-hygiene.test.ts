/**
 * Process hygiene of the client over stdio: no server process survives close(), a crashed server fails
 * pending calls with a clear error (not a hang), and the client reports the close.
 */
import { ConnectionClosedError, LocalError, TransportError } from '@mcpwire/core';
import { describe, expect, it } from 'vitest';
import { connectNode, EVERYTHING_BIN, isAlive, waitFor } from '../packages/client/test/helpers.js';

describe('client process hygiene', () => {
  it('leaves no child after close()', async () => {
    const { client, transport } = await connectNode([EVERYTHING_BIN]);
    const pid = transport.pid!;
    expect(isAlive(pid)).toBe(true);
    await client.close();
    expect(await waitFor(() => !isAlive(pid))).toBe(true);
  });

  it('fails a pending call when the server crashes, and closes', async () => {
    const { client, transport } = await connectNode([EVERYTHING_BIN]);
    const pid = transport.pid!;
    let closed = false;
    client.onclose = () => {
      closed = true;
    };
    const pending = client.callTool('trigger-long-running-operation', { duration: 30, steps: 30 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid, 'SIGKILL');
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalError);
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect(await waitFor(() => closed)).toBe(true);
    await expect(client.ping()).rejects.toBeInstanceOf(LocalError);
    expect(isAlive(pid)).toBe(false);
    await client.close();
  });

  it('reports a server command that cannot start, naming it', async () => {
    const error = await connectNode(['-e', 'process.exit(7)']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toContain('-e process.exit(7)" exited unexpectedly with code 7');
  });
});
