import { LocalErrorCode, type TextContent } from '@mcpwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE, type FakeServer, MODERN_ONLY, startFake } from './fake-server.js';

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.client.close();
  fake = undefined;
});

const form = {
  mode: 'form',
  message: 'Who are you?',
  requestedSchema: {
    type: 'object',
    properties: {
      name: { type: 'string', default: 'John Doe' },
      age: { type: 'integer', default: 30 },
      status: { type: 'string', enum: ['active', 'inactive'], default: 'active' },
      verified: { type: 'boolean', default: true },
      nickname: { type: 'string' },
    },
  },
};

describe('Client handlers: legacy server→client requests', () => {
  it('answers elicitation with the schema defaults filled in for fields the user left out (SEP-1034)', async () => {
    fake = await startFake(
      (s) =>
        s.setRequestHandler('tools/call', async (_p, context) => {
          const answer = await context.sendRequest('elicitation/create', form as never);
          return { content: [{ type: 'text', text: JSON.stringify(answer) }] } as never;
        }),
      {
        client: {
          validateToolOutput: false,
          handlers: {
            elicitation: async () => ({ action: 'accept', content: { name: 'Ada', nickname: 'ada' } }),
          },
        },
      },
    );
    const result = await fake.client.callTool('ask');
    const answer = JSON.parse((result.content[0] as { text: string }).text);
    expect(answer).toEqual({
      action: 'accept',
      content: { name: 'Ada', age: 30, status: 'active', verified: true, nickname: 'ada' },
    });
  });

  it('never accepts a URL elicitation without the user: the handler sees the URL and its answer is sent as is', async () => {
    const seen: string[] = [];
    let consent: 'accept' | 'decline' = 'decline';
    fake = await startFake(
      (s) =>
        s.setRequestHandler('tools/call', async (_p, context) => {
          const answer = await context.sendRequest('elicitation/create', {
            mode: 'url',
            message: 'Authorize',
            url: 'https://example.com/authorize?x=1',
            elicitationId: 'e-1',
          } as never);
          return { content: [{ type: 'text', text: JSON.stringify(answer) }] } as never;
        }),
      {
        client: {
          validateToolOutput: false,
          handlers: {
            urlElicitation: async (params) => {
              seen.push(params.url);
              return consent;
            },
          },
        },
      },
    );
    expect(JSON.parse(((await fake.client.callTool('x')).content[0] as TextContent).text)).toEqual({
      action: 'decline',
    });
    consent = 'accept';
    expect(JSON.parse(((await fake.client.callTool('x')).content[0] as TextContent).text)).toEqual({
      action: 'accept',
    });
    expect(seen).toEqual(['https://example.com/authorize?x=1', 'https://example.com/authorize?x=1']);
  });

  it('does not declare URL elicitation without a URL handler, so a server cannot send one', async () => {
    fake = await startFake(
      (s) =>
        s.setRequestHandler('tools/call', async (_p, context) => {
          const outcome = await context
            .sendRequest('elicitation/create', {
              mode: 'url',
              message: 'm',
              url: 'https://e.com',
              elicitationId: 'e',
            } as never)
            .then(
              () => 'sent',
              (error: Error) => error.name,
            );
          return { content: [{ type: 'text', text: outcome }] } as never;
        }),
      {
        client: { validateToolOutput: false, handlers: { elicitation: async () => ({ action: 'cancel' }) } },
      },
    );
    expect(fake.client.connection.capabilities).toEqual({ elicitation: { form: {} } });
    expect((await fake.client.callTool('x')).content[0]).toMatchObject({ text: 'CapabilityError' });
  });

  it('serves roots and announces changes with notifications/roots/list_changed', async () => {
    fake = await startFake(
      (s) =>
        s.setRequestHandler('tools/call', async (_p, context) => {
          const roots = await context.sendRequest('roots/list');
          return { content: [{ type: 'text', text: roots.roots.map((r) => r.uri).join(',') }] } as never;
        }),
      { client: { validateToolOutput: false, roots: [{ uri: 'file:///a', name: 'a' }] } },
    );
    expect((await fake.client.callTool('r')).content[0]).toMatchObject({ text: 'file:///a' });
    await fake.client.setRoots([{ uri: 'file:///b' }, { uri: 'file:///c' }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(
      fake.received.some(
        (m) => !Array.isArray(m) && 'method' in m && m.method === 'notifications/roots/list_changed',
      ),
    ).toBe(true);
    expect((await fake.client.callTool('r')).content[0]).toMatchObject({ text: 'file:///b,file:///c' });
  });
});

describe('Client handlers: 2026-07-28 MRTR', () => {
  const state = 'opaque "state" \u00e9 with spaces ';

  it('answers every inputRequest, retries with a new id, echoes requestState byte for byte and keys inputResponses', async () => {
    fake = await startFake(
      (s) => {
        s.setRequestHandler(
          'tools/list',
          () => ({ tools: [{ name: 'book', inputSchema: { type: 'object' } }], ...CACHE }) as never,
        );
        s.setRequestHandler('tools/call', (params) => {
          if (params.inputResponses === undefined) {
            return {
              resultType: 'input_required',
              inputRequests: {
                who: { method: 'elicitation/create', params: form },
                draft: {
                  method: 'sampling/createMessage',
                  params: {
                    messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }],
                    maxTokens: 5,
                  },
                },
              },
              requestState: state,
            } as never;
          }
          return { resultType: 'complete', content: [{ type: 'text', text: 'booked' }] } as never;
        });
      },
      {
        revisions: MODERN_ONLY,
        client: {
          handlers: {
            elicitation: async () => ({ action: 'accept', content: { name: 'Ada' } }),
            sampling: async () => ({
              role: 'assistant',
              content: { type: 'text', text: 'ok' },
              model: 'test',
            }),
          },
        },
      },
    );
    const result = await fake.client.callTool('book', { when: 'now' });
    expect(result.content[0]).toMatchObject({ text: 'booked' });
    const calls = fake.requests('tools/call');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.id).not.toEqual(calls[0]!.id);
    expect(calls[0]!.params!.requestState).toBeUndefined();
    expect(calls[1]!.params!.requestState).toBe(state);
    expect(calls[1]!.params!.arguments).toEqual({ when: 'now' });
    const responses = calls[1]!.params!.inputResponses as Record<string, Record<string, unknown>>;
    expect(Object.keys(responses).sort()).toEqual(['draft', 'who']);
    expect(responses.who).toMatchObject({
      action: 'accept',
      content: { name: 'Ada', age: 30, verified: true },
    });
    expect(responses.draft).toMatchObject({ model: 'test', role: 'assistant' });
  });

  it('stops after the configured number of rounds with a clear error', async () => {
    fake = await startFake(
      (s) => {
        s.setRequestHandler('tools/list', () => ({ tools: [], ...CACHE }) as never);
        s.setRequestHandler(
          'tools/call',
          () =>
            ({
              resultType: 'input_required',
              inputRequests: { again: { method: 'elicitation/create', params: form } },
            }) as never,
        );
      },
      {
        revisions: MODERN_ONLY,
        client: { maxInputRounds: 2, handlers: { elicitation: async () => ({ action: 'decline' }) } },
      },
    );
    const error = await fake.client.callTool('loop').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: LocalErrorCode.InvalidState,
      message: expect.stringMatching(/after 2 rounds/),
    });
    expect(fake.requests('tools/call')).toHaveLength(3);
  });
});
