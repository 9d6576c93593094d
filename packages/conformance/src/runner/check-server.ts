/**
 * check-server: chooses the runs (eras × revisions) for a target and merges their results into a Report.
 */
import {
  ConfigError,
  isRevision,
  LATEST_LEGACY_REVISION,
  MODERN_REVISIONS,
  type Revision,
} from '@mcpwire/core';
import { SERVER_CHECK_IDS } from '../checks/catalogue.js';
import { runLegacy, runModern, type WireFactory } from './server-run.js';
import { preflightStdio } from './stdio-preflight.js';
import { StdioWire } from './stdio-wire.js';
import { type CheckResult, type Report, summarize } from './types.js';

export interface CheckServerOptions {
  readonly stdio?: string | undefined;
  readonly url?: string | undefined;
  /** HTTP: sent as `Authorization: Bearer <token>` on every request. */
  readonly token?: string | undefined;
  /** HTTP: a second principal's token, for the session-binding checks (Z05). */
  readonly tokenB?: string | undefined;
  /** Revisions to run; default: the latest legacy revision and, when the server speaks it, 2026-07-28. */
  readonly revisions?: readonly string[] | undefined;
  readonly era?: 'legacy' | 'modern' | 'both' | undefined;
  readonly only?: readonly string[] | undefined;
  readonly callTools?: readonly string[] | undefined;
  readonly timeoutMs?: number | undefined;
  readonly onProgress?: ((text: string) => void) | undefined;
  /** Extra environment for a stdio server. */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

function stdioFactory(command: string, env: NodeJS.ProcessEnv | undefined): WireFactory {
  const open = () => StdioWire.start({ command, ...(env ? { env: { ...process.env, ...env } } : {}) });
  return { transport: 'stdio', open };
}

/** `--only`: every id must be a check-server id, spelled exactly (upper case), or nothing would run. */
export function validateOnly(only: readonly string[] | undefined): void {
  if (only === undefined) return;
  if (only.length === 0) throw new ConfigError('--only: expected check ids such as J01,L02, received none');
  const unknown = only.filter((id) => !SERVER_CHECK_IDS.has(id));
  if (unknown.length === 0) return;
  const hints = unknown.map((id) =>
    SERVER_CHECK_IDS.has(id.toUpperCase())
      ? `${JSON.stringify(id)} (ids are upper case: ${id.toUpperCase()})`
      : JSON.stringify(id),
  );
  throw new ConfigError(
    `--only: expected check-server ids of the catalogue (${[...SERVER_CHECK_IDS].join(', ')}), received ${hints.join(', ')}`,
  );
}

function planRevisions(options: CheckServerOptions): { legacy: Revision[]; modern: Revision[] } {
  const era = options.era ?? 'both';
  const requested = options.revisions ?? [];
  for (const r of requested) {
    if (!isRevision(r))
      throw new ConfigError(`--revision: expected one of the MCP revisions, received ${JSON.stringify(r)}`);
  }
  const chosen = requested as Revision[];
  const legacy = chosen.length > 0 ? chosen.filter((r) => r < '2026-07-28') : [LATEST_LEGACY_REVISION];
  const modern = chosen.length > 0 ? chosen.filter((r) => r >= '2026-07-28') : [...MODERN_REVISIONS];
  return { legacy: era === 'modern' ? [] : legacy, modern: era === 'legacy' ? [] : modern };
}

export async function checkServer(options: CheckServerOptions): Promise<Report> {
  const started = Date.now();
  if ((options.stdio === undefined) === (options.url === undefined)) {
    throw new ConfigError(
      'check-server: expected exactly one of --stdio "<command line>" and --url <url>, received ' +
        (options.stdio ? 'both' : 'neither'),
    );
  }
  validateOnly(options.only);
  const plan = planRevisions(options);
  const timeoutMs = options.timeoutMs ?? 10_000;
  let factory: WireFactory;
  if (options.stdio !== undefined) {
    factory = stdioFactory(options.stdio, options.env);
    options.onProgress?.('starting the server');
    await preflightStdio(factory.open as () => Promise<StdioWire>, plan.legacy.length === 0, timeoutMs);
  } else {
    // Loaded on demand, so stdio-only use never loads undici. (A side-effect import that registered it
    // was dropped by the bundler: the package is marked sideEffects:false.)
    const { httpFactory } = await import('./http-factory.js');
    factory = await httpFactory(options);
  }
  const notes: string[] = [];
  if (factory.transport === 'sse' && plan.modern.length > 0) {
    // HTTP+SSE is a 2024-11-05 transport; 2026-07-28 exists only on Streamable HTTP and stdio.
    notes.push('2026-07-28 is not run over the HTTP+SSE transport (it has no modern era)');
    plan.modern.length = 0;
  }
  const spec = {
    only: options.only === undefined ? undefined : new Set(options.only),
    options: { callTools: options.callTools ?? [], timeoutMs },
    onProgress: options.onProgress,
  };
  const checks: CheckResult[] = [];
  const revisions: string[] = [];
  let spokeLegacy = false;
  for (const revision of plan.legacy) {
    const run = await runLegacy(factory, { ...spec, revision });
    checks.push(...run.results);
    revisions.push(run.revision);
    spokeLegacy ||= run.negotiated === true;
  }
  for (const revision of plan.modern) {
    const run = await runModern(factory, { ...spec, revision, spokeLegacy });
    if ('unsupported' in run) {
      notes.push(run.unsupported);
      if (plan.legacy.length === 0 || (options.revisions ?? []).includes(revision)) {
        checks.push({
          id: 'M03',
          title: 'server/discover returns resultType, supportedVersions, capabilities, ttlMs, cacheScope',
          level: 'MUST',
          status: 'skip',
          message: run.unsupported,
          spec: '2026-07-28 server/discover',
          area: 'modern',
          run: `modern ${revision} over ${factory.transport}`,
        });
      }
      continue;
    }
    checks.push(...run.results);
    revisions.push(run.revision);
  }
  return {
    kind: 'server',
    target: options.stdio ?? options.url ?? '',
    revision: revisions[0] ?? null,
    revisions,
    transport: factory.transport,
    checks,
    summary: summarize(checks),
    durationMs: Date.now() - started,
    ...(notes.length > 0 ? { notes } : {}),
  };
}
