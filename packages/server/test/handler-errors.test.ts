/**
 * Handler failures behave alike for tools, resources, prompts and completions: the server's onerror hears
 * about each (method, name, error), the client gets the message; deliberate ProtocolErrors go out as is
 * and are not reported.
 */
import type { Revision } from '@mcpwire/core';
import {
  ErrorCode,
  type FailedRequest,
  failureLine,
  McpServer,
  ProtocolError,
  ResourceNotFoundError,
} from '@mcpwire/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { connectClient, failure } from './helpers.js';

interface Heard {
  error: Error;
  request: FailedRequest;
}

function failingServer(heard: Heard[]): McpServer {
  const server = new McpServer({
    name: 'failing',
    version: '1.0.0',
    onerror: (error, request) => heard.push({ error, request }),
  });
  server.tool('explode', { inputSchema: { why: z.string() } }, ({ why }) => {
    throw new Error(`tool broke: ${why}`);
  });
  server.tool('refuse', {}, () => {
    throw new ProtocolError(ErrorCode.InvalidParams, 'not today');
  });
  server.tool('bad-return', {}, () => ({ temperature: 3 }) as never);
  server.resource('broken', 'file:///broken', {}, () => {
    throw new Error('disk on fire');
  });
  server.resourceTemplate('rows', 'db://rows/{id}', {}, (uri, { id }) => {
    if (id === 'missing') throw new ResourceNotFoundError(uri);
    return `row ${id}`;
  });
  server.prompt(
    'flaky',
    {
      arguments: { topic: z.string() },
      complete: { topic: () => Promise.reject(new TypeError('no index')) },
    },
    () => {
      throw new Error('prompt broke');
    },
  );
  return server;
}

describe.each(['2025-06-18', '2026-07-28'] as Revision[])('handler failures over %s', (revision) => {
  const heard: Heard[] = [];
  afterEach(() => {
    heard.length = 0;
  });

  it('a tool that throws answers isError with the message and reports the failure', async () => {
    const client = await connectClient(failingServer(heard), { revision });
    const result = await client.request('tools/call', { name: 'explode', arguments: { why: 'fuse' } });
    expect(result).toMatchObject({ isError: true, content: [{ type: 'text', text: 'tool broke: fuse' }] });
    expect(heard).toHaveLength(1);
    expect(heard[0]!.error.message).toBe('tool broke: fuse');
    expect(heard[0]!.request).toMatchObject({ method: 'tools/call', name: 'explode' });
    await client.close();
  });

  it('a resource reader that throws answers -32603 with the message and reports the failure', async () => {
    const client = await connectClient(failingServer(heard), { revision });
    const error = await failure(client.request('resources/read', { uri: 'file:///broken' }));
    expect(error.code).toBe(ErrorCode.InternalError);
    expect(error.message).toBe('disk on fire');
    expect(heard.map((h) => [h.request.method, h.request.name, h.error.message])).toEqual([
      ['resources/read', 'file:///broken', 'disk on fire'],
    ]);
    await client.close();
  });

  it('a prompt handler and a completion callback that throw answer -32603 and are reported', async () => {
    const client = await connectClient(failingServer(heard), { revision });
    const prompt = await failure(client.request('prompts/get', { name: 'flaky', arguments: { topic: 'x' } }));
    expect([prompt.code, prompt.message]).toEqual([ErrorCode.InternalError, 'prompt broke']);
    const completion = await failure(
      client.request('completion/complete', {
        ref: { type: 'ref/prompt', name: 'flaky' },
        argument: { name: 'topic', value: 'a' },
      }),
    );
    expect([completion.code, completion.message]).toEqual([ErrorCode.InternalError, 'no index']);
    expect(heard.map((h) => [h.request.method, h.request.name, h.error.name])).toEqual([
      ['prompts/get', 'flaky', 'Error'],
      ['completion/complete', undefined, 'TypeError'],
    ]);
    await client.close();
  });

  it('a deliberate ProtocolError goes out as is and is not reported; a broken result is', async () => {
    const client = await connectClient(failingServer(heard), { revision });
    const refused = await failure(client.request('tools/call', { name: 'refuse' }));
    expect([refused.code, refused.message]).toEqual([ErrorCode.InvalidParams, 'not today']);
    expect(heard).toEqual([]);
    const broken = await failure(client.request('tools/call', { name: 'bad-return' }));
    expect(broken.code).toBe(ErrorCode.InternalError);
    expect(heard.map((h) => h.request.name)).toEqual(['bad-return']);
    await client.close();
  });

  it('ResourceNotFoundError answers with the code of the revision and is not reported', async () => {
    const client = await connectClient(failingServer(heard), { revision });
    expect(await client.request('resources/read', { uri: 'db://rows/7' })).toMatchObject({
      contents: [{ uri: 'db://rows/7', text: 'row 7' }],
    });
    const error = await failure(client.request('resources/read', { uri: 'db://rows/missing' }));
    // server/resources §Error Handling: -32002 up to 2025-11-25, -32602 (Invalid Params) in 2026-07-28.
    expect(error.code).toBe(revision === '2026-07-28' ? ErrorCode.InvalidParams : ErrorCode.ResourceNotFound);
    expect(error.data).toEqual({ uri: 'db://rows/missing' });
    expect(heard).toEqual([]);
    await client.close();
  });
});

describe('the default onerror', () => {
  it('prints one line naming the method, the name and the error to stderr', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const server = failingServer([]);
      server.onerror = new McpServer({ name: 'default', version: '1' }).onerror;
      const client = await connectClient(server, { revision: '2025-11-25' });
      await failure(client.request('resources/read', { uri: 'file:///broken' }));
      expect(printed).toHaveBeenCalledTimes(1);
      const line = String(printed.mock.calls[0]![0]);
      expect(line).not.toContain('\n');
      expect(line).toMatch(
        /^\[mcpwire\] resources\/read file:\/\/\/broken failed: Error: disk on fire \(at .+\)$/,
      );
      await client.close();
    } finally {
      printed.mockRestore();
    }
  });

  it('keeps a multi-line message on one line', () => {
    const error = new Error('first\n  second');
    error.stack = undefined;
    expect(failureLine(error, { method: 'prompts/get', name: 'p', requestId: 1 })).toBe(
      '[mcpwire] prompts/get p failed: Error: first second',
    );
  });

  it('a throwing onerror does not change the answer', async () => {
    const server = failingServer([]);
    server.onerror = () => {
      throw new Error('logger down');
    };
    const client = await connectClient(server, { revision: '2025-11-25' });
    const error = await failure(client.request('resources/read', { uri: 'file:///broken' }));
    expect([error.code, error.message]).toEqual([ErrorCode.InternalError, 'disk on fire']);
    await client.close();
  });
});

describe('handler time limits', () => {
  it('report a timed-out tool once, not again when its aborted handler throws', async () => {
    const heard: Heard[] = [];
    const server = new McpServer({
      name: 'slow',
      version: '1',
      handlerTimeoutMs: 20,
      onerror: (error, request) => heard.push({ error, request }),
    });
    server.tool('slow', {}, (_args, ctx) => {
      return new Promise((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => reject(new Error('aborted by the time limit')));
      });
    });
    const client = await connectClient(server, { revision: '2025-11-25' });
    const result = await client.request('tools/call', { name: 'slow' });
    expect(result).toMatchObject({ isError: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard.map((h) => [h.request.name, h.error.name])).toEqual([['slow', 'TimeoutError']]);
    await client.close();
  });
});
