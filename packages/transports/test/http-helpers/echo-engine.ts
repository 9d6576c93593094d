/**
 * A tiny stand-in for the protocol engine, at the Transport level: it answers a handful of methods
 * directly from onmessage/send so the HTTP transports can be tested before (and independently of) the
 * real engine. Tools: echo, progress (streams notifications before its result), ask (makes a
 * server→client request first), slow (waits for cancellation), poll (server closes its stream early).
 */
import type {
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCPayload,
  JSONRPCRequest,
  MessageContext,
  RequestId,
  Transport,
} from '@mcpwire/core';

export interface EchoEngineRecord {
  notifications: JSONRPCNotification[];
  cancelled: RequestId[];
  contexts: MessageContext[];
}

export interface EchoEngineOptions {
  /** Called for the `poll` tool: the test closes the request stream (server-side polling). */
  onPoll?: (transport: Transport, id: RequestId) => void;
}

export function attachEchoEngine(transport: Transport, options: EchoEngineOptions = {}): EchoEngineRecord {
  const record: EchoEngineRecord = { notifications: [], cancelled: [], contexts: [] };
  const waiting = new Map<RequestId, (message: JSONRPCMessage) => void>();
  let nextId = 0;

  const reply = (id: RequestId, result: Record<string, unknown>): Promise<void> =>
    transport.send({ jsonrpc: '2.0', id, result }, { relatedRequestId: id });

  async function onRequest(request: JSONRPCRequest, context: MessageContext | undefined): Promise<void> {
    const id = request.id;
    const params = request.params ?? {};
    switch (request.method) {
      case 'initialize': {
        const version = typeof params.protocolVersion === 'string' ? params.protocolVersion : '2025-06-18';
        transport.setProtocolVersion?.(version);
        await reply(id, {
          protocolVersion: version,
          capabilities: { tools: {}, logging: {} },
          serverInfo: { name: 'echo-engine', version: '1.0.0' },
        });
        return;
      }
      case 'ping':
        await reply(id, {});
        return;
      case 'tools/list':
        await reply(id, {
          tools: ['echo', 'progress', 'ask', 'slow', 'poll'].map((name) => ({
            name,
            inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
          })),
        });
        return;
      case 'tools/call':
        await callTool(id, String(params.name), (params.arguments ?? {}) as Record<string, unknown>, context);
        return;
      default:
        await transport.send(
          { jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${request.method}` } },
          { relatedRequestId: id },
        );
    }
  }

  async function callTool(
    id: RequestId,
    name: string,
    args: Record<string, unknown>,
    context: MessageContext | undefined,
  ): Promise<void> {
    const text = (value: string) => ({ content: [{ type: 'text', text: value }] });
    switch (name) {
      case 'echo':
        await reply(id, text(String(args.text ?? '')));
        return;
      case 'progress': {
        const steps = typeof args.steps === 'number' ? args.steps : 3;
        const delayMs = typeof args.delayMs === 'number' ? args.delayMs : 0;
        for (let i = 1; i <= steps; i++) {
          if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
          await transport.send(
            {
              jsonrpc: '2.0',
              method: 'notifications/progress',
              params: { progressToken: String(id), progress: i, total: steps },
            },
            { relatedRequestId: id },
          );
        }
        await transport.send(
          { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'done' } },
          { relatedRequestId: id },
        );
        await reply(id, text(`progressed ${steps}`));
        return;
      }
      case 'ask': {
        const askId = `srv-${++nextId}`;
        const answer = new Promise<JSONRPCMessage>((resolve) => waiting.set(askId, resolve));
        await transport.send({ jsonrpc: '2.0', id: askId, method: 'roots/list' }, { relatedRequestId: id });
        const response = await answer;
        await reply(id, text(JSON.stringify('result' in response ? response.result : response)));
        return;
      }
      case 'slow': {
        // The transport tells of a client that left through watchCaller (2026-07-28 only).
        let gone = false;
        let stopWatching = (): void => {};
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Number(args.ms ?? 5000));
          stopWatching =
            context?.watchCaller?.({
              handleEvent: () => {
                gone = true;
                clearTimeout(timer);
                record.cancelled.push(id);
                resolve();
              },
            }) ?? stopWatching;
        });
        stopWatching();
        if (!gone) await reply(id, text('slow done'));
        else await reply(id, text('too late')).catch(() => {});
        return;
      }
      case 'poll': {
        await transport.send(
          {
            jsonrpc: '2.0',
            method: 'notifications/message',
            params: { level: 'info', data: 'before close' },
          },
          { relatedRequestId: id },
        );
        options.onPoll?.(transport, id);
        await new Promise((resolve) => setTimeout(resolve, Number(args.ms ?? 100)));
        await transport.send(
          { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'after close' } },
          { relatedRequestId: id },
        );
        await reply(id, text('polled'));
        return;
      }
      default:
        await transport.send(
          { jsonrpc: '2.0', id, error: { code: -32602, message: `Unknown tool: ${name}` } },
          { relatedRequestId: id },
        );
    }
  }

  transport.onmessage = (payload: JSONRPCPayload, context?: MessageContext) => {
    const messages = Array.isArray(payload) ? payload : [payload];
    if (context) record.contexts.push(context);
    for (const message of messages) {
      if ('method' in message && 'id' in message) {
        void onRequest(message, context).catch(() => {});
      } else if ('method' in message) {
        record.notifications.push(message);
      } else if (message.id !== undefined && message.id !== null) {
        waiting.get(message.id)?.(message);
        waiting.delete(message.id);
      }
    }
  };
  void transport.start();
  return record;
}
