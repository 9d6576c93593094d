/** The (revision, method) lookup, whole-message validation and its error messages, `_meta` key helpers. */
import {
  type ClientRequestMap,
  getMethodSpec,
  isReservedMetaKey,
  isValidMetaKey,
  methodsOf,
  REVISIONS,
  type ServerNotificationMap,
  validateMessage,
} from '@mcpwire/core';
import { describe, expect, it } from 'vitest';

const modernMeta = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

describe('lookup', () => {
  it('lists the methods each revision has, and only those', () => {
    const has = (r: (typeof REVISIONS)[number], m: string) => getMethodSpec(r, m) !== undefined;
    expect(has('2024-11-05', 'initialize')).toBe(true);
    expect(has('2024-11-05', 'elicitation/create')).toBe(false);
    expect(has('2025-06-18', 'elicitation/create')).toBe(true);
    expect(has('2025-06-18', 'tasks/get')).toBe(false);
    expect(has('2025-11-25', 'tasks/get')).toBe(true);
    for (const removed of [
      'initialize',
      'ping',
      'logging/setLevel',
      'resources/subscribe',
      'sampling/createMessage',
    ]) {
      expect(has('2026-07-28', removed), removed).toBe(false);
    }
    expect(has('2026-07-28', 'server/discover')).toBe(true);
    expect(has('2026-07-28', 'subscriptions/listen')).toBe(true);
    expect(has('2025-11-25', 'server/discover')).toBe(false);
  });

  it('records who sends each method', () => {
    expect(getMethodSpec('2025-06-18', 'ping')?.senders).toEqual(['client', 'server']);
    expect(getMethodSpec('2025-06-18', 'sampling/createMessage')?.senders).toEqual(['server']);
    expect(getMethodSpec('2025-06-18', 'tools/call')?.senders).toEqual(['client']);
    expect(getMethodSpec('2026-07-28', 'notifications/cancelled')?.senders).toEqual(['client', 'server']);
  });

  it('returns the same spec objects on every call (built once)', () => {
    expect(getMethodSpec('2025-11-25', 'tools/call')).toBe(getMethodSpec('2025-11-25', 'tools/call'));
    expect(methodsOf('2025-11-25')).toBe(methodsOf('2025-11-25'));
    expect(Object.isFrozen(methodsOf('2026-07-28'))).toBe(true);
  });

  it('allows omitted params exactly where the revision does', () => {
    expect(getMethodSpec('2025-06-18', 'tools/list')?.params.safeParse(undefined).success).toBe(true);
    expect(getMethodSpec('2025-06-18', 'tools/call')?.params.safeParse(undefined).success).toBe(false);
    expect(getMethodSpec('2026-07-28', 'tools/list')?.params.safeParse(undefined).success).toBe(false);
    expect(getMethodSpec('2026-07-28', 'tools/list')?.params.safeParse({ _meta: modernMeta }).success).toBe(
      true,
    );
  });

  it('accepts a task instead of the result for task-augmentable requests in 2025-11-25 only', () => {
    const task = { taskId: 't', status: 'working', createdAt: 'x', lastUpdatedAt: 'x', ttl: null };
    expect(getMethodSpec('2025-11-25', 'tools/call')?.result?.safeParse({ task }).success).toBe(true);
    expect(getMethodSpec('2025-06-18', 'tools/call')?.result?.safeParse({ task }).success).toBe(false);
  });
});

describe('validateMessage', () => {
  it('reports the path and what was expected and received', () => {
    const v = validateMessage('2025-06-18', {
      jsonrpc: '2.0',
      id: 1,
      method: 'prompts/get',
      params: { name: 'p', arguments: { x: 5 } },
    });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.error).toBe('params.arguments.x: expected string, received number');
    expect(v.issues).toEqual([{ path: 'params.arguments.x', message: 'expected string, received number' }]);
  });

  it('names what was received where zod does not', () => {
    const error = (revision: (typeof REVISIONS)[number], message: unknown, method?: string) => {
      const v = validateMessage(revision, message, method === undefined ? {} : { method });
      return v.ok ? 'ok' : v.error;
    };
    expect(error('2025-06-18', { jsonrpc: '2.0', id: null, method: 'ping' })).toBe(
      'id: expected string | number, received null',
    );
    expect(error('2025-06-18', { jsonrpc: '1.0', id: 1, method: 'ping' })).toBe(
      'jsonrpc: expected "2.0", received "1.0"',
    );
    expect(
      error('2024-11-05', { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'audio' }] } }, 'tools/call'),
    ).toMatch(/^result\.content\[0\]\.type: .*received "audio"$/);
    expect(
      error('2025-06-18', { jsonrpc: '2.0', id: 1, method: 'logging/setLevel', params: { level: 'loud' } }),
    ).toMatch(/^params\.level: .*"debug".*received "loud"$/);
  });

  it('classifies what it validates', () => {
    expect(validateMessage('2024-11-05', { jsonrpc: '2.0', id: 'a', method: 'ping' })).toEqual({
      ok: true,
      kind: 'request',
      method: 'ping',
    });
    expect(
      validateMessage('2024-11-05', { jsonrpc: '2.0', method: 'notifications/initialized' }),
    ).toMatchObject({
      ok: true,
      kind: 'notification',
    });
    expect(
      validateMessage('2024-11-05', { jsonrpc: '2.0', id: 1, error: { code: -1, message: 'x' } }),
    ).toMatchObject({
      ok: true,
      kind: 'error',
    });
  });

  it('rejects unknown methods, wrong kinds and methods the sender may not send', () => {
    const unknown = validateMessage('2025-06-18', { jsonrpc: '2.0', id: 1, method: 'tools/run' });
    expect(unknown.ok || unknown.error).toBe(
      'method: expected a method of revision 2025-06-18, received "tools/run"',
    );
    const asNotification = validateMessage('2025-06-18', { jsonrpc: '2.0', method: 'ping' });
    expect(asNotification.ok).toBe(false);
    const fromServer = validateMessage(
      '2025-06-18',
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x' } },
      { sender: 'server' },
    );
    expect(fromServer.ok || fromServer.error).toMatch(/^method: expected a method the server may send/);
    const kind = validateMessage(
      '2025-06-18',
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { kind: 'notification' },
    );
    expect(kind.ok || kind.error).toBe('(message): expected a notification, received a request');
  });

  it('validates results against the answered method', () => {
    const msg = { jsonrpc: '2.0', id: 1, result: { tools: [{ name: 'x' }] } };
    const v = validateMessage('2025-06-18', msg, { method: 'tools/list' });
    expect(v.ok || v.error).toBe('result.tools[0].inputSchema: expected object, received undefined');
    expect(validateMessage('2025-06-18', msg).ok).toBe(true);
    expect(validateMessage('2025-06-18', msg, { method: 'nope' }).ok).toBe(false);
  });

  it('tells an input_required result from a final one in 2026-07-28 (stricter than the JSON schema)', () => {
    const answer = (result: unknown) =>
      validateMessage('2026-07-28', { jsonrpc: '2.0', id: 1, result }, { method: 'tools/call' });
    expect(answer({ resultType: 'complete' }).ok).toBe(false);
    expect(answer({ resultType: 'complete', content: [] }).ok).toBe(true);
    expect(answer({ resultType: 'input_required', requestState: 's' }).ok).toBe(true);
    expect(answer({ content: [] }).ok).toBe(false);
    expect(validateMessage('2026-07-28', { jsonrpc: '2.0', id: 1, result: {} }).ok).toBe(false);
  });

  it('accepts batches only in 2025-03-26, member by member', () => {
    const batch = [
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { jsonrpc: '2.0', id: 2, method: 'resources/read', params: {} },
    ];
    const v = validateMessage('2025-03-26', batch);
    expect(v.ok || v.error).toBe('[1].params.uri: expected string, received undefined');
    expect(validateMessage('2025-03-26', batch.slice(0, 1))).toEqual({ ok: true, kind: 'batch' });
    expect(validateMessage('2025-03-26', []).ok).toBe(false);
    const elsewhere = validateMessage('2025-06-18', batch.slice(0, 1));
    expect(elsewhere.ok || elsewhere.error).toMatch(/batches exist only in 2025-03-26/);
  });

  it('never throws on hostile input', () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 2000; i++) {
      const next: Record<string, unknown> = {};
      cursor['a'] = next;
      cursor = next;
    }
    for (const input of [null, 42, 'x', [], [[]], { jsonrpc: '2.0' }, { method: 7 }, deep]) {
      for (const revision of REVISIONS) {
        expect(() => validateMessage(revision, input)).not.toThrow();
        expect(validateMessage(revision, input).ok).toBe(false);
      }
    }
    const bigArgs = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x', arguments: deep } };
    expect(validateMessage('2025-06-18', bigArgs).ok).toBe(true);
  });
});

describe('_meta key helpers', () => {
  it('check key syntax', () => {
    for (const good of [
      '',
      'progressToken',
      'a',
      'com.example/x',
      'io.modelcontextprotocol/protocolVersion',
      'a-b.c9/n_1.2',
    ]) {
      expect(isValidMetaKey(good), good).toBe(true);
    }
    for (const bad of ['-a', 'a-', '1com/x', 'com./x', 'com.ex-/x', '/x', 'a b', 'x/y/z', 'é']) {
      expect(isValidMetaKey(bad), bad).toBe(false);
    }
  });

  it('know the reserved prefixes of each revision', () => {
    expect(isReservedMetaKey('io.modelcontextprotocol/x')).toBe(true);
    expect(isReservedMetaKey('com.mcp.tools/x')).toBe(true);
    expect(isReservedMetaKey('com.example.mcp/x')).toBe(false);
    expect(isReservedMetaKey('progressToken')).toBe(false);
    // 2025-06-18: "zero or more labels, then modelcontextprotocol or mcp, then any label"
    expect(isReservedMetaKey('modelcontextprotocol.io/x', '2025-06-18')).toBe(true);
    expect(isReservedMetaKey('api.modelcontextprotocol.org/x', '2025-06-18')).toBe(true);
    expect(isReservedMetaKey('com.example.mcp/x', '2025-06-18')).toBe(false);
    expect(isReservedMetaKey('modelcontextprotocol.io/x', '2026-07-28')).toBe(false);
  });
});

describe('type maps', () => {
  it('type requests and notifications by method', () => {
    const call: ClientRequestMap['tools/call']['params'] = { name: 'echo', arguments: { text: 'x' } };
    const listResult: ClientRequestMap['tools/list']['result'] = {
      resultType: 'complete',
      ttlMs: 0,
      cacheScope: 'public',
      tools: [],
    };
    const log: ServerNotificationMap['notifications/message'] = { level: 'info', data: 'x' };
    // @ts-expect-error: name is required
    const missing: ClientRequestMap['tools/call']['params'] = { arguments: {} };
    expect([call.name, listResult.tools.length, log.level, missing]).toEqual([
      'echo',
      0,
      'info',
      { arguments: {} },
    ]);
  });
});
