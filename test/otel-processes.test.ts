/**
 * One trace across two processes: our Client here (real OpenTelemetry SDK registered in this process)
 * and our McpServer in a child process with its own SDK (test/fixtures/otel-server.ts, spans written to
 * a file), over stdio and over Streamable HTTP in both eras. The only link between the two processes is
 * the trace context in `_meta`. The official SDK client, which sends none, still gets answers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@mcpwire/client';
import type { Revision } from '@mcpwire/core';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { StdioClientTransport } from '@mcpwire/transports/stdio';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as SdkHttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SpanKind, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { byName, parentOf, type RegisteredSdk, registerSdk } from './otel-sdk.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = ['--import', 'tsx', 'test/fixtures/otel-server.ts'];

interface FileSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

let sdk: RegisteredSdk;
let dir: string;
let spansFile: string;

function serverSpans(): FileSpan[] {
  let text = '';
  try {
    text = readFileSync(spansFile, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as FileSpan);
}

/** Calls echo under a root span; returns the root's context and the client's tools/call span. */
async function tracedEcho(client: Client) {
  const tracer = trace.getTracer('otel-processes-test');
  const root = await tracer.startActiveSpan('root', async (span) => {
    const result = await client.callTool('echo', { text: 'across processes' });
    expect(result.content).toEqual([{ type: 'text', text: 'across processes' }]);
    span.end();
    return span.spanContext();
  });
  const clientSpan = byName(sdk.spans(), 'tools/call echo').find(
    (span) => span.kind === SpanKind.CLIENT && span.spanContext().traceId === root.traceId,
  );
  expect(clientSpan, 'the client span of this call').toBeDefined();
  expect(parentOf(clientSpan!)).toBe(root.spanId);
  return { root, clientSpan: clientSpan! };
}

/** The server's span for the call whose client span is `clientSpanId`. */
function serverSpanUnder(clientSpanId: string): FileSpan {
  const found = serverSpans().filter(
    (span) => span.name === 'tools/call echo' && span.parentSpanId === clientSpanId,
  );
  expect(found, 'one server span whose parent is the client span').toHaveLength(1);
  return found[0]!;
}

beforeAll(() => {
  sdk = registerSdk({ metrics: false });
  dir = mkdtempSync(join(tmpdir(), 'mcpwire-otel-'));
  spansFile = join(dir, 'server-spans.jsonl');
});
afterAll(async () => {
  await sdk.shutdown();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sdk.exporter.reset();
});

describe('stdio: client here, server in a child process', () => {
  it.each(['2025-11-25', '2026-07-28'] as const)(
    'one trace, the server span a child of the client span (%s)',
    async (revision) => {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: FIXTURE,
        cwd: ROOT,
        env: { OTEL_SPANS_FILE: spansFile },
        stderr: 'ignore',
      });
      const client = new Client({ name: 'otel-test', version: '1.0.0' }, { revision });
      await client.connect(transport);
      const { root, clientSpan } = await tracedEcho(client);
      const serverSpan = serverSpanUnder(clientSpan.spanContext().spanId);
      expect(serverSpan.traceId).toBe(root.traceId);
      expect(serverSpan.kind).toBe(SpanKind.SERVER);
      expect(serverSpan.attributes).toMatchObject({
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'echo',
        'mcp.protocol.version': revision,
        'network.transport': 'pipe',
      });
      expect(clientSpan.attributes['network.transport']).toBe('pipe');
      await client.close();
    },
  );
});

describe('Streamable HTTP: client here, server in a child process', () => {
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    child = spawn(process.execPath, [...FIXTURE, '--http'], {
      cwd: ROOT,
      env: { ...process.env, OTEL_SPANS_FILE: spansFile },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        out += chunk;
        const match = /^ready (\S+)/m.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`the HTTP fixture exited with ${code}`)));
    });
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin!.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });

  it.each(['2025-11-25', '2026-07-28'] as const)('one trace over HTTP (%s)', async (revision: Revision) => {
    const transport = new StreamableHttpClientTransport(url);
    const client = new Client({ name: 'otel-test', version: '1.0.0' }, { revision });
    await client.connect(transport);
    const { root, clientSpan } = await tracedEcho(client);
    const serverSpan = serverSpanUnder(clientSpan.spanContext().spanId);
    expect(serverSpan.traceId).toBe(root.traceId);
    expect(serverSpan.attributes).toMatchObject({
      'mcp.protocol.version': revision,
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
    });
    if (revision === '2025-11-25') {
      // A legacy HTTP session: both sides name it.
      expect(serverSpan.attributes['mcp.session.id']).toBe(transport.sessionId);
      expect(clientSpan.attributes['mcp.session.id']).toBe(transport.sessionId);
    }
    await client.close();
  });

  it('the official SDK client sends no trace context and is served; the server span is a root', async () => {
    const before = serverSpans().length;
    const client = new SdkClient({ name: 'sdk-client', version: '1.0.0' });
    await client.connect(new SdkHttpTransport(new URL(url)));
    const result = await client.callTool({ name: 'echo', arguments: { text: 'no context' } });
    expect(result.content).toEqual([{ type: 'text', text: 'no context' }]);
    await client.close();
    const call = serverSpans()
      .slice(before)
      .find((span) => span.name === 'tools/call echo');
    expect(call, 'the server traced the call').toBeDefined();
    expect(call!.parentSpanId).toBeUndefined();
  });
});
