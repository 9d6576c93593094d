/** A Transport-level request/response helper for client transport tests (no engine needed). */
import type { JSONRPCMessage, JSONRPCPayload, JSONRPCRequest, Transport } from '@mcpwire/core';

export interface MiniClient {
  request(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<JSONRPCMessage>;
  notify(method: string, params?: Record<string, unknown>): Promise<void>;
  /** Every message received, in order. */
  received: JSONRPCMessage[];
  errors: Error[];
  /** Answers server→client requests. */
  onServerRequest?: (request: JSONRPCRequest) => Record<string, unknown>;
}

export function miniClient(transport: Transport): MiniClient {
  let nextId = 0;
  const waiting = new Map<string | number, (message: JSONRPCMessage) => void>();
  const client: MiniClient = {
    received: [],
    errors: [],
    async request(method, params, timeoutMs = 5000) {
      const id = ++nextId;
      const answer = new Promise<JSONRPCMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timeout waiting for ${method}`)), timeoutMs);
        waiting.set(id, (message) => {
          clearTimeout(timer);
          resolve(message);
        });
      });
      await transport.send({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
      return answer;
    },
    async notify(method, params) {
      await transport.send({ jsonrpc: '2.0', method, ...(params ? { params } : {}) });
    },
  };
  transport.onerror = (error) => client.errors.push(error);
  transport.onmessage = (payload: JSONRPCPayload) => {
    for (const message of Array.isArray(payload) ? payload : [payload]) {
      client.received.push(message);
      if ('method' in message && 'id' in message) {
        const result = client.onServerRequest?.(message) ?? {};
        void transport.send({ jsonrpc: '2.0', id: message.id, result });
      } else if (!('method' in message) && message.id !== undefined && message.id !== null) {
        waiting.get(message.id)?.(message);
        waiting.delete(message.id);
      }
    }
  };
  return client;
}

export const initParams = (protocolVersion = '2025-11-25') => ({
  protocolVersion,
  capabilities: { roots: {} },
  clientInfo: { name: 'mini', version: '0' },
});
