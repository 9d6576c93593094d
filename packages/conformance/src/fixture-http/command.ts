/**
 * `fixture-server` with the HTTP option: `fixture-server --http --port N [--host 127.0.0.1]
 * [--allowed-host NAME]... [--retry-ms N] [--page-size N] [--redis URL]` (`--allowed-host` names the Host
 * clients use, needed for a non-loopback `--host`; `--redis` keeps every piece of state in that Redis, so
 * several fixture servers behind one load balancer act as one). Without `--http` it hands over to the stdio command unchanged.
 *
 * Once listening it prints one line on stdout, `mcpwire fixture server listening on <url>/mcp` (the last
 * word is the Streamable HTTP URL; legacy HTTP+SSE is at <url>/sse), and stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { FIXTURE_SERVER_USAGE, runFixtureServer, UsageError, wantsHelp } from '../fixture/command.js';
import { RedisUnreachableError, serveFixtureHttp } from './serve.js';

export const FIXTURE_SERVER_HTTP_USAGE = FIXTURE_SERVER_USAGE;

function nonNegativeInteger(name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!(raw.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= max)) {
    throw new UsageError(
      `--${name}: expected an integer from 0 to ${max}, received ${JSON.stringify(raw)}`,
      FIXTURE_SERVER_HTTP_USAGE,
    );
  }
  return value;
}

export async function runFixtureServerCommand(argv: readonly string[]): Promise<number> {
  if (!argv.includes('--http') || wantsHelp(argv)) return runFixtureServer(argv);
  let values: {
    http?: boolean;
    port?: string;
    host?: string;
    'allowed-host'?: string[];
    'retry-ms'?: string;
    'page-size'?: string;
    redis?: string;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        http: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        'retry-ms': { type: 'string' },
        'page-size': { type: 'string' },
        redis: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message, FIXTURE_SERVER_HTTP_USAGE);
  }
  if (values.port === undefined) {
    throw new UsageError(
      'fixture-server --http: expected --port N (0 picks a free port), received none',
      FIXTURE_SERVER_HTTP_USAGE,
    );
  }
  const port = nonNegativeInteger('port', values.port, 65_535)!;
  const retryMs = nonNegativeInteger('retry-ms', values['retry-ms'], 3_600_000);
  const pageSize = nonNegativeInteger('page-size', values['page-size'], Number.MAX_SAFE_INTEGER);
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') {
    throw new UsageError('--host: expected an interface address, received ""', FIXTURE_SERVER_HTTP_USAGE);
  }
  const redis = values.redis;
  if (redis !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redis)) {
    throw new UsageError(
      `--redis: expected a URL redis://HOST:PORT (or rediss://), received ${JSON.stringify(redis)}`,
      FIXTURE_SERVER_HTTP_USAGE,
    );
  }

  let server: Awaited<ReturnType<typeof serveFixtureHttp>>;
  try {
    server = await serveFixtureHttp({
      port,
      host,
      ...(values['allowed-host'] === undefined ? {} : { allowedHosts: values['allowed-host'] }),
      ...(retryMs === undefined ? {} : { retryMs }),
      ...(pageSize === undefined ? {} : { server: { pageSize } }),
      ...(redis === undefined ? {} : { redis }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what =
      error instanceof RedisUnreachableError ? `to reach ${redis}` : `to listen on ${host}:${port}`;
    process.stderr.write(
      `fixture-server: expected ${what}, but it failed${code ? ` (${code})` : ''}: ${(error as Error).message}\n`,
    );
    return 1;
  }
  process.stderr.write(`legacy HTTP+SSE at ${server.sseUrl}\n`);
  process.stdout.write(`mcpwire fixture server listening on ${server.mcpUrl}\n`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(received);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  // A bounded shutdown: open SSE streams are ended by close(); a stuck peer cannot keep us alive.
  const timer = setTimeout(() => process.exit(1), 5000);
  timer.unref();
  await server.close();
  process.stderr.write(`fixture-server: stopped on ${signal}\n`);
  return 0;
}
