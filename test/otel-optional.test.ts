/**
 * `@opentelemetry/api` is an optional peer: without it the packages load and work; with it but with no
 * tracer or meter provider registered nothing is recorded and no trace context is sent; a provider
 * registered after the server and client were made is picked up by the next request; `telemetry: false`
 * turns everything off.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@mcpwire/client';
import {
  createInMemoryPair,
  importOpenTelemetryApi,
  type JSONRPCPayload,
  type JsonObject,
} from '@mcpwire/core';
import { McpServer } from '@mcpwire/server';
import { describe, expect, it } from 'vitest';
import { registerSdk } from './otel-sdk.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A resolve hook that answers "not found" for @opentelemetry/api, as if it were not installed. */
const BLOCK_OTEL = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  if (specifier === '@opentelemetry/api' || specifier.startsWith('@opentelemetry/api/')) {
    const error = new Error('Cannot find package ' + specifier);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}\`));
`)}`;

async function pair(options: { telemetry?: false } = {}) {
  const sent: JsonObject[] = [];
  const [clientSide, serverSide] = createInMemoryPair();
  const send = clientSide.send.bind(clientSide);
  clientSide.send = (message: JSONRPCPayload, sendOptions) => {
    sent.push(message as unknown as JsonObject);
    return send(message, sendOptions);
  };
  const server = new McpServer({ name: 'quiet', version: '1.0.0', ...options });
  server.tool('ping-tool', {}, () => 'pong');
  await server.connect(serverSide);
  const client = new Client(
    { name: 'quiet-client', version: '1.0.0' },
    { revision: '2025-11-25', ...options },
  );
  await client.connect(clientSide);
  const lastCall = (): JsonObject => {
    const calls = sent.filter((message) => message.method === 'tools/call');
    return calls[calls.length - 1]!;
  };
  const traceparent = () => ((lastCall().params as JsonObject)._meta as JsonObject | undefined)?.traceparent;
  return { client, traceparent };
}

describe('without @opentelemetry/api installed', () => {
  it('the server, client and core load and serve a tool call', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', BLOCK_OTEL, '--import', 'tsx', 'test/fixtures/without-otel.ts'],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.stdout.trim()).toBe('ok hello without OpenTelemetry');
    expect(run.status).toBe(0);
  });
});

describe('with the API but no provider registered', () => {
  it('sends no trace context until a provider is registered, then traces the next request', async () => {
    const { client, traceparent } = await pair();
    // Nothing was registered with OpenTelemetry, so connecting did not wait for the API: it is looked
    // for in the background, and found.
    expect(client.connection.telemetry).toBeDefined();
    expect(await importOpenTelemetryApi()).toBeDefined();
    await client.callTool('ping-tool');
    expect(traceparent()).toBeUndefined(); // with nothing registered nothing is done
    const sdk = registerSdk();
    try {
      await client.callTool('ping-tool');
      expect(traceparent()).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(sdk.spans().map((span) => span.name)).toEqual(['tools/call ping-tool', 'tools/call ping-tool']);
    } finally {
      await sdk.shutdown();
    }
    await client.callTool('ping-tool');
    expect(traceparent()).toBeUndefined(); // unregistered again: back to nothing
    await client.close();
  });

  it('telemetry: false records nothing even with a provider registered', async () => {
    const sdk = registerSdk();
    try {
      const { client, traceparent } = await pair({ telemetry: false });
      expect(client.connection.telemetry).toBeUndefined();
      await client.callTool('ping-tool');
      expect(traceparent()).toBeUndefined();
      expect(sdk.spans()).toEqual([]);
      await client.close();
    } finally {
      await sdk.shutdown();
    }
  });

  it('refuses a telemetry.api that is not the OpenTelemetry API', () => {
    expect(() => new McpServer({ name: 's', version: '1', telemetry: { api: {} as never } })).toThrow(
      /telemetry\.api: expected the @opentelemetry\/api module/,
    );
  });
});
