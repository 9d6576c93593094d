/** Shared helpers for the engine and lifecycle tests: a raw peer that speaks JSON-RPC by hand. */
import {
  createInMemoryPair,
  type InMemoryTransport,
  type JSONRPCPayload,
  type ProtocolEngine,
} from '@mcpwire/core';

export type Wire = Record<string, unknown> & { id?: string | number | null; method?: string };

/** The far end of an in-memory pair, driven by hand: records what it receives, sends what the test says. */
export class RawPeer {
  readonly received: JSONRPCPayload[] = [];
  private waiters: { test: (m: JSONRPCPayload) => boolean; resolve: (m: JSONRPCPayload) => void }[] = [];

  constructor(readonly transport: InMemoryTransport) {
    transport.onmessage = (message) => {
      this.received.push(message);
      const index = this.waiters.findIndex((w) => w.test(message));
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(message);
    };
  }

  send(message: unknown): Promise<void> {
    return this.transport.send(message as JSONRPCPayload);
  }

  /** Resolves with the first message (already received or future) that matches. */
  waitFor(test: (m: Wire) => boolean, timeoutMs = 2000): Promise<Wire> {
    const seen = this.received.find((m) => test(m as unknown as Wire));
    if (seen !== undefined) return Promise.resolve(seen as unknown as Wire);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('RawPeer.waitFor: no matching message')), timeoutMs);
      this.waiters.push({
        test: (m) => test(m as unknown as Wire),
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as unknown as Wire);
        },
      });
    });
  }

  method(name: string): Promise<Wire> {
    return this.waitFor((m) => m.method === name);
  }

  response(id: string | number | null): Promise<Wire> {
    return this.waitFor((m) => m.method === undefined && m.id === id);
  }

  messages(): Wire[] {
    return this.received as unknown as Wire[];
  }
}

/** An engine connected to a raw peer. */
export async function engineWithPeer<E extends ProtocolEngine>(
  engine: E,
  options: Parameters<typeof createInMemoryPair>[0] = {},
): Promise<{ engine: E; peer: RawPeer; transport: InMemoryTransport; errors: Error[] }> {
  const [transport, peerTransport] = createInMemoryPair(options);
  const peer = new RawPeer(peerTransport);
  await peerTransport.start();
  const errors: Error[] = [];
  engine.onerror = (error) => errors.push(error);
  await engine.connect(transport);
  return { engine, peer, transport, errors };
}

/** Two engines linked over an in-memory pair. */
export async function linkedEngines<A extends ProtocolEngine, B extends ProtocolEngine>(
  a: A,
  b: B,
): Promise<[A, B]> {
  const [ta, tb] = createInMemoryPair();
  await Promise.all([a.connect(ta), b.connect(tb)]);
  return [a, b];
}

/** Lets queued microtasks and in-memory deliveries run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
