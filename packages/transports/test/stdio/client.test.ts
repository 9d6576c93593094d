import { ConnectionClosedError, type JSONRPCPayload, ProtocolEngine, TransportError } from '@mcpwire/core';
import { StdioClientTransport, type StdioClientTransportOptions } from '@mcpwire/transports/stdio';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, fixture, isAlive } from './helpers.js';

/** A started transport plus everything it reported. */
class Harness {
  readonly messages: JSONRPCPayload[] = [];
  readonly errors: Error[] = [];
  closed = false;
  readonly transport: StdioClientTransport;

  constructor(options: StdioClientTransportOptions) {
    this.transport = new StdioClientTransport({ stderr: 'ignore', ...options });
    this.transport.onmessage = (message) => this.messages.push(message);
    this.transport.onerror = (error) => this.errors.push(error);
    this.transport.onclose = () => {
      this.closed = true;
    };
    harnesses.push(this);
  }

  async message(predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    let found: Record<string, unknown> | undefined;
    await eventually(() => {
      found = this.messages.find(
        (m) => !Array.isArray(m) && predicate(m as unknown as Record<string, unknown>),
      ) as Record<string, unknown> | undefined;
      return found !== undefined;
    }, 8000);
    if (found === undefined)
      throw new Error(`no matching message; received ${JSON.stringify(this.messages)}`);
    return found;
  }
}

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.transport.close()));
});

const node = process.execPath;
const raw = (mode: string, ...rest: string[]) => ({
  command: node,
  args: [fixture('raw-server.mjs'), mode, ...rest],
});

async function readyPid(harness: Harness, method = 'test/ready'): Promise<number> {
  const ready = await harness.message((m) => m['method'] === method);
  return (ready['params'] as { pid: number }).pid;
}

describe('StdioClientTransport', () => {
  it('exchanges messages with a real child process and shuts it down on close', async () => {
    const h = new Harness({ ...raw('echo'), shutdownTimeoutMs: 10_000 });
    await h.transport.start();
    const pid = await readyPid(h);
    expect(h.transport.pid).toBe(pid);
    await h.transport.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'echo', text: '日本🐕' },
    });
    const answer = await h.message((m) => m['id'] === 1);
    expect(answer['result']).toEqual({ echo: { name: 'echo', text: '日本🐕' } });
    const started = Date.now();
    await h.transport.close();
    // Closing stdin is enough for a well-behaved server: close returns long before the SIGTERM deadline.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(h.closed).toBe(true);
    expect(isAlive(pid)).toBe(false);
    expect(h.errors).toEqual([]);
  });

  it('gives the child a safe default environment merged with the caller env', async () => {
    process.env['MCPWIRE_TEST_SECRET'] = 'do-not-leak';
    try {
      const h = new Harness({ ...raw('echo'), env: { EXTRA: 'yes', HOME: undefined } });
      await h.transport.start();
      await h.transport.send({ jsonrpc: '2.0', id: 'env', method: 'env' });
      const env = ((await h.message((m) => m['id'] === 'env'))['result'] as { env: Record<string, string> })
        .env;
      expect(env['EXTRA']).toBe('yes');
      expect(env['PATH']).toBe(process.env['PATH']);
      expect(env['MCPWIRE_TEST_SECRET']).toBeUndefined();
      expect(env['HOME']).toBeUndefined();
    } finally {
      delete process.env['MCPWIRE_TEST_SECRET'];
    }
  });

  it('hands stderr to a callback and never treats it as an error', async () => {
    const stderr: string[] = [];
    const h = new Harness({ ...raw('echo'), stderr: (text) => stderr.push(text) });
    await h.transport.start();
    await h.transport.send({ jsonrpc: '2.0', id: 2, method: 'ping' });
    await h.message((m) => m['id'] === 2);
    expect(await eventually(() => stderr.join('').includes('got ping'))).toBe(true);
    expect(h.errors).toEqual([]);
  });

  it('rejects start with a TransportError naming the command when it does not exist', async () => {
    const transport = new StdioClientTransport({ command: 'mcpwire-no-such-command-xyz', args: ['--flag'] });
    const failure = await transport.start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransportError);
    expect((failure as Error).message).toContain('"mcpwire-no-such-command-xyz --flag"');
    expect((failure as Error).message).toContain('ENOENT');
    await expect(transport.send({ jsonrpc: '2.0', method: 'x' })).rejects.toBeInstanceOf(
      ConnectionClosedError,
    );
    await transport.close();
  });

  it('reports a crash with the command and exit code, closes, and rejects later sends', async () => {
    const h = new Harness(raw('crash'));
    await h.transport.start();
    await h.transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    await h.message((m) => m['id'] === 1);
    expect(await eventually(() => h.closed, 5000)).toBe(true);
    const crash = h.errors.find((e) => e.message.includes('exited unexpectedly'));
    expect(crash).toBeInstanceOf(TransportError);
    expect(crash?.message).toContain('raw-server.mjs crash');
    expect(crash?.message).toContain('code 3');
    await expect(h.transport.send({ jsonrpc: '2.0', id: 2, method: 'ping' })).rejects.toBeInstanceOf(
      ConnectionClosedError,
    );
  });

  it('treats a stdout the server closed as a lost connection: calls in flight fail at once', async () => {
    const h = new Harness({ ...raw('mute'), shutdownTimeoutMs: 300, killTimeoutMs: 300 });
    const engine = new ProtocolEngine();
    const errors: Error[] = [];
    let pid: number | undefined;
    engine.onerror = (error) => errors.push(error);
    engine.setFallbackNotificationHandler((notification) => {
      if (notification.method === 'test/ready') pid = (notification.params as { pid: number }).pid;
    });
    await engine.connect(h.transport);
    // The server closes its stdout without answering and runs on. Before the fix this waited for the whole
    // 20 s timeout and failed with a TimeoutError.
    const error = await engine.rawRequest('close-stdout', {}, { timeoutMs: 20_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect(errors.some((e) => e instanceof TransportError && e.message.includes('closed its stdout'))).toBe(
      true,
    );
    // It did not exit by itself: the transport shut it down.
    expect(pid).toBeDefined();
    expect(await eventually(() => !isAlive(pid!), 5000)).toBe(true);
  });

  it('reports non-JSON stdout naming the command, and keeps reading', async () => {
    const h = new Harness(raw('garbage'));
    await h.transport.start();
    await readyPid(h);
    const garbage = h.errors.find((e) => e.message.includes('not a valid JSON-RPC message'));
    expect(garbage).toBeInstanceOf(TransportError);
    expect(garbage?.message).toContain('raw-server.mjs garbage');
    await h.transport.send({ jsonrpc: '2.0', id: 5, method: 'ping' });
    expect((await h.message((m) => m['id'] === 5))['result']).toEqual({ echo: null });
  });

  it('drops a line above maxMessageBytes with an error and recovers at the next line', async () => {
    const h = new Harness({ ...raw('huge', String(64 * 1024)), maxMessageBytes: 16 * 1024 });
    await h.transport.start();
    await h.message((m) => m['method'] === 'test/after-huge');
    expect(h.messages.some((m) => !Array.isArray(m) && 'method' in m && m.method === 'big')).toBe(false);
    expect(h.errors.some((e) => e.message.includes('Line too long'))).toBe(true);
  });

  it('accepts a 4 MB line under the default limit', async () => {
    const h = new Harness(raw('huge', String(3 * 1024 * 1024)));
    await h.transport.start();
    const big = await h.message((m) => m['method'] === 'big');
    expect((big['params'] as { s: string }).s.length).toBe(3 * 1024 * 1024);
  });

  it('escalates to SIGKILL for a server that ignores stdin EOF and SIGTERM', async () => {
    const h = new Harness({ ...raw('stubborn'), shutdownTimeoutMs: 200, killTimeoutMs: 300 });
    await h.transport.start();
    const pid = await readyPid(h);
    const started = Date.now();
    await h.transport.close();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(480);
    expect(elapsed).toBeLessThan(5000);
    expect(await eventually(() => !isAlive(pid))).toBe(true);
    expect(h.closed).toBe(true);
  });

  it('kills the whole process tree: a grandchild is gone after close', async () => {
    const h = new Harness({ ...raw('grandchild'), killTimeoutMs: 500 });
    await h.transport.start();
    const grandchild = await readyPid(h, 'test/grandchild');
    const pid = await readyPid(h);
    expect(isAlive(grandchild)).toBe(true);
    await h.transport.close();
    expect(isAlive(pid)).toBe(false);
    expect(await eventually(() => !isAlive(grandchild))).toBe(true);
  });

  it('close is idempotent and onclose fires once', async () => {
    const h = new Harness(raw('echo'));
    let closes = 0;
    h.transport.onclose = () => closes++;
    await h.transport.start();
    await Promise.all([h.transport.close(), h.transport.close()]);
    await h.transport.close();
    expect(closes).toBe(1);
  });
});
