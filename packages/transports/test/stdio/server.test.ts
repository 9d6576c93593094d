import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import { ConnectionClosedError, type JSONRPCPayload, ProtocolError, TransportError } from '@mcpwire/core';
import { StdioServerTransport } from '@mcpwire/transports/stdio';
import { describe, expect, it } from 'vitest';
import { eventually, fixture, next, repoRoot } from './helpers.js';

/** A server transport on in-memory streams, with everything it wrote and reported. */
function inMemory(options: { maxMessageBytes?: number; allowBatches?: boolean; endGraceMs?: number } = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const transport = new StdioServerTransport({ stdin, stdout, ...options });
  const received: JSONRPCPayload[] = [];
  const errors: Error[] = [];
  const written: unknown[] = [];
  let closed = 0;
  transport.onmessage = (message) => received.push(message);
  transport.onerror = (error) => errors.push(error);
  transport.onclose = () => closed++;
  createInterface({ input: stdout }).on('line', (line) => written.push(JSON.parse(line)));
  return { stdin, stdout, transport, received, errors, written, closes: () => closed };
}

describe('StdioServerTransport (in-memory streams)', () => {
  it('delivers messages and writes one line per sent message', async () => {
    const s = inMemory();
    await s.transport.start();
    s.stdin.write(
      '{"jsonrpc":"2.0","id":1,"method":"ping"}\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n',
    );
    expect(await eventually(() => s.received.length === 2)).toBe(true);
    await s.transport.send({ jsonrpc: '2.0', id: 1, result: { text: 'multi\nline' } });
    expect(await eventually(() => s.written.length === 1)).toBe(true);
    expect(s.written[0]).toEqual({ jsonrpc: '2.0', id: 1, result: { text: 'multi\nline' } });
  });

  it('answers malformed lines itself and keeps serving', async () => {
    const s = inMemory({ maxMessageBytes: 1024 });
    await s.transport.start();
    s.stdin.write('{not json\n');
    s.stdin.write('{"jsonrpc":"2.0","id":7,"method":42}\n');
    s.stdin.write(`{"jsonrpc":"2.0","id":8,"method":"x","params":"${'z'.repeat(2000)}"}\n`);
    s.stdin.write('[{"jsonrpc":"2.0","id":9,"method":"x"}]\n');
    s.stdin.write('{"jsonrpc":"2.0","id":10,"method":"ping"}\n');
    expect(await eventually(() => s.received.length === 1 && s.written.length === 4)).toBe(true);
    expect(s.written).toEqual([
      { jsonrpc: '2.0', error: { code: -32700, message: expect.stringContaining('Parse error') } },
      {
        jsonrpc: '2.0',
        id: 7,
        error: { code: -32600, message: expect.stringContaining('"method" must be a string') },
      },
      {
        jsonrpc: '2.0',
        error: { code: -32600, message: expect.stringContaining('expected at most 1024 bytes') },
      },
      { jsonrpc: '2.0', error: { code: -32600, message: expect.stringContaining('2025-03-26') } },
    ]);
    expect(s.received).toEqual([{ jsonrpc: '2.0', id: 10, method: 'ping' }]);
    expect(s.errors).toHaveLength(4);
    expect(s.errors[0]).toBeInstanceOf(ProtocolError);
  });

  it('accepts batches once 2025-03-26 is negotiated, answering bad members individually', async () => {
    const s = inMemory();
    await s.transport.start();
    s.transport.setProtocolVersion('2025-03-26');
    s.stdin.write('[{"jsonrpc":"2.0","id":1,"method":"a"},{"jsonrpc":"2.0","id":2,"method":false}]\n');
    expect(await eventually(() => s.received.length === 1 && s.written.length === 1)).toBe(true);
    expect(s.received[0]).toEqual([{ jsonrpc: '2.0', id: 1, method: 'a' }]);
    expect(s.written[0]).toMatchObject({ id: 2, error: { code: -32600 } });
  });

  it('closes on stdin EOF, once, after delivering a final line without newline', async () => {
    const s = inMemory();
    await s.transport.start();
    s.stdin.end('{"jsonrpc":"2.0","method":"last"}');
    expect(await eventually(() => s.closes() === 1)).toBe(true);
    expect(s.received).toEqual([{ jsonrpc: '2.0', method: 'last' }]);
    await s.transport.close();
    expect(s.closes()).toBe(1);
    await expect(s.transport.send({ jsonrpc: '2.0', method: 'x' })).rejects.toBeInstanceOf(
      ConnectionClosedError,
    );
  });

  it('on stdin EOF with an engine attached, hands over to it and still sends; closes after endGraceMs', async () => {
    const s = inMemory({ endGraceMs: 100 });
    let inputEnded = 0;
    s.transport.oninputend = () => inputEnded++;
    await s.transport.start();
    s.stdin.end('{"jsonrpc":"2.0","id":1,"method":"a"}\n{"jsonrpc":"2.0","id":2,"method":"b"}');
    expect(await eventually(() => inputEnded === 1)).toBe(true);
    // The last line, without its newline, was delivered before the engine was told.
    expect(s.received).toHaveLength(2);
    expect(s.closes()).toBe(0);
    await s.transport.send({ jsonrpc: '2.0', id: 1, result: {} });
    expect(await eventually(() => s.written.length === 1)).toBe(true);
    // The engine never closes it (request 2 hangs): the transport closes itself after the grace period.
    expect(await eventually(() => s.closes() === 1)).toBe(true);
    expect(s.written).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }]);
  });

  it('survives a throwing onmessage handler', async () => {
    const s = inMemory();
    s.transport.onmessage = (message) => {
      if (!Array.isArray(message) && 'id' in message && message.id === 1) throw new Error('handler bug');
      s.received.push(message);
    };
    await s.transport.start();
    s.stdin.write('{"jsonrpc":"2.0","id":1,"method":"a"}\n{"jsonrpc":"2.0","id":2,"method":"b"}\n');
    expect(await eventually(() => s.received.length === 1)).toBe(true);
    expect(s.errors.map((e) => e.message)).toEqual(['handler bug']);
  });

  it('waits for drain under backpressure and keeps message order', async () => {
    const chunks: string[] = [];
    let release: (() => void) | undefined;
    const slow = new Writable({
      highWaterMark: 64,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        release = callback;
      },
    });
    const transport = new StdioServerTransport({ stdin: new PassThrough(), stdout: slow });
    await transport.start();
    const first = transport.send({ jsonrpc: '2.0', method: 'a', params: { pad: 'x'.repeat(100) } });
    let settled = false;
    void first.then(() => {
      settled = true;
    });
    const second = transport.send({ jsonrpc: '2.0', method: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toBe(false);
    for (let i = 0; i < 5 && release; i++) {
      const callback = release;
      release = undefined;
      callback();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([first, second]);
    // Lines sent in the same tick may share one chunk (the writer coalesces them): compare lines.
    const lines = chunks
      .join('')
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.map((line) => JSON.parse(line).method)).toEqual(['a', 'b']);
  });

  it('turns a stdout EPIPE into onerror + close instead of a crash', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        const error: NodeJS.ErrnoException = new Error('write EPIPE');
        error.code = 'EPIPE';
        callback(error);
      },
    });
    const transport = new StdioServerTransport({ stdin: new PassThrough(), stdout: broken });
    const errors: Error[] = [];
    let closed = false;
    transport.onerror = (error) => errors.push(error);
    transport.onclose = () => {
      closed = true;
    };
    await transport.start();
    await transport.send({ jsonrpc: '2.0', method: 'a' }).catch(() => undefined);
    expect(await eventually(() => closed)).toBe(true);
    expect(errors[0]).toBeInstanceOf(TransportError);
    expect(errors[0]!.message).toContain('EPIPE');
    await expect(transport.send({ jsonrpc: '2.0', method: 'b' })).rejects.toBeInstanceOf(
      ConnectionClosedError,
    );
  });

  it('refuses to start twice', async () => {
    const s = inMemory();
    await s.transport.start();
    await expect(s.transport.start()).rejects.toThrow(/never started/);
  });
});

describe('StdioServerTransport in a real process under hostile input', () => {
  it('answers every bad line with the right error, keeps serving, and exits on stdin EOF', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', fixture('echo-server.ts')], {
      cwd: repoRoot,
      env: { ...process.env, MAX_MESSAGE_BYTES: String(256 * 1024) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    let stderr = '';
    server.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    const lines: string[] = [];
    createInterface({ input: server.stdout }).on('line', (line) => lines.push(line));
    await next<void>(
      (deliver) => server.stderr.on('data', () => stderr.includes('ready') && deliver()),
      15_000,
    );

    const depth = 100_000;
    const hostile = [
      '{"jsonrpc":"2.0","id":1,"method":"tools/call"', // truncated JSON
      'garbage \u0000\u0001',
      '{"jsonrpc":"2.0","id":null,"method":"ping"}', // null id
      '{"jsonrpc":"2.0","id":2,"method":"ping","params":[1,2]}', // positional params
      '{"jsonrpc":"1.0","id":3,"method":"ping"}',
      `{"jsonrpc":"2.0","id":4,"method":"big","params":{"s":"${'a'.repeat(300 * 1024)}"}}`, // too long
      `{"jsonrpc":"2.0","id":5,"method":"deep","params":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
      '{"jsonrpc":"2.0","id":6,"method":"ping"}',
    ];
    server.stdin.write(hostile.join('\n') + '\n');
    expect(await eventually(() => lines.length >= 8, 15_000)).toBe(true);

    const replies = lines.map((line) => JSON.parse(line));
    expect(replies[0]).toMatchObject({ error: { code: -32700 } });
    expect(replies[0]).not.toHaveProperty('id');
    expect(replies[1]).toMatchObject({ error: { code: -32700 } });
    expect(replies[2]).toMatchObject({
      error: { code: -32600, message: expect.stringContaining('received null') },
    });
    expect(replies[3]).toMatchObject({ id: 2, error: { code: -32600 } });
    expect(replies[4]).toMatchObject({ id: 3, error: { code: -32600 } });
    expect(replies[5]).toMatchObject({
      error: { code: -32600, message: expect.stringContaining('Line too long') },
    });
    // The deep request is accepted; echoing it cannot be serialized, so the handler answers with an error.
    // (its error goes out after the handler's failed send, so it may follow the next answer.)
    const rest = replies.slice(6).sort((a, b) => a.id - b.id);
    expect(rest[0]).toMatchObject({
      id: 5,
      error: { code: -32603, message: expect.stringContaining('serialize') },
    });
    expect(rest[1]).toEqual({ jsonrpc: '2.0', id: 6, result: { echo: null } });

    server.stdin.end();
    expect(await exited).toBe(0);
    expect(stderr).toContain('closed');
    // stdout carried nothing but JSON-RPC messages.
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('jsonrpc', '2.0');
  });
});
