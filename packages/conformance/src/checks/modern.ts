/**
 * 2026-07-28 (stateless) checks: discovery (M03), the per-request _meta fields (M01, M02), result fields
 * (M04, M13 via observers), logging opt-in (M08), capability errors (M07), legacy methods on a
 * modern-only server (M05) and cancellation (M14). The feature checks of the legacy run are reused with
 * `_meta` added by the context.
 */
import { isRevision, type JsonObject, META_CLIENT_CAPABILITIES, META_PROTOCOL_VERSION } from '@mcpwire/core';
import { errorOf, isObject, type RunContext, resultOf, withModernMeta } from '../runner/context.js';
import { note } from '../runner/recorder.js';
import { delay } from '../runner/wire.js';
import { checkIdEcho } from './id-echo.js';
import { checkMalformedJson, checkUnknownMethod, evidenceOf } from './jsonrpc.js';
import { checkCancelUnknown } from './lifecycle.js';
import { checkPrompts, checkResources } from './resources-prompts.js';
import { checkListen } from './subscriptions.js';
import { checkTools } from './tools.js';

export async function checkModern(
  ctx: RunContext,
  step: (text: string) => void,
  transportChecks?: (ctx: RunContext) => Promise<void>,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const discover = await ctx.call(
    'server/discover',
    {},
    { timeoutMs: Math.min(ctx.options.timeoutMs, 5000) },
  );
  const result = resultOf(discover);
  const versions = result?.['supportedVersions'];
  if (result === undefined || !Array.isArray(versions) || !versions.includes(ctx.revision)) {
    const why =
      result === undefined
        ? discover.timedOut
          ? 'server/discover timed out'
          : 'server/discover failed'
        : `server/discover lists ${JSON.stringify(versions)}`;
    return { ok: false, reason: `the server does not speak ${ctx.revision} (${why})` };
  }
  ctx.supportedVersions = versions;
  if (versions.some((v) => isRevision(v) && v < '2026-07-28')) ctx.dualEra = true;
  judgeDiscover(ctx, result, discover);
  const caps = result['capabilities'];
  ctx.serverCapabilities = isObject(caps) ? caps : {};

  step('per-request _meta');
  await checkMissingMeta(ctx);
  await checkUnsupportedModernVersion(ctx);
  await checkUnknownMethod(ctx);
  await checkIdEcho(ctx);
  await checkCancelUnknown(ctx);
  await checkLegacyMethodsRefused(ctx, versions);
  step('features');
  const tools = await checkTools(ctx);
  await checkResources(ctx);
  await checkPrompts(ctx);
  await checkLoggingOptIn(ctx, tools);
  await checkMissingCapability(ctx, tools);
  await checkCancelStops(ctx, tools);
  ctx.rec.skip('M11', 'needs knowledge of what requestState protects; not judged black-box');
  await checkListen(ctx);
  if (transportChecks !== undefined) {
    step('transport');
    await transportChecks(ctx);
  }
  step('malformed input');
  await checkMalformedJson(ctx);
  return { ok: true };
}

function judgeDiscover(
  ctx: RunContext,
  result: JsonObject,
  exchange: Parameters<typeof evidenceOf>[0],
): void {
  const problems: string[] = [];
  if (result['resultType'] !== 'complete')
    problems.push(`resultType ${JSON.stringify(result['resultType'])} (expected "complete")`);
  if (!Array.isArray(result['supportedVersions'])) problems.push('supportedVersions missing');
  if (!isObject(result['capabilities'])) problems.push('capabilities missing');
  const ttl = result['ttlMs'];
  if (typeof ttl !== 'number' || ttl < 0)
    problems.push(`ttlMs ${JSON.stringify(ttl)} (expected a number >= 0)`);
  if (result['cacheScope'] !== 'public' && result['cacheScope'] !== 'private')
    problems.push(`cacheScope ${JSON.stringify(result['cacheScope'])}`);
  if (problems.length > 0)
    ctx.rec.fail(
      'M03',
      `expected a complete DiscoverResult, received: ${problems.join('; ')}`,
      evidenceOf(exchange),
    );
  else ctx.rec.pass('M03', `server/discover lists ${JSON.stringify(result['supportedVersions'])}`);
}

/** A method every modern server answers; discover is mandatory, so it always exists. */
const PROBE_METHOD = 'server/discover';

async function checkMissingMeta(ctx: RunContext): Promise<void> {
  if (!ctx.rec.wants('M01')) return;
  // protocolVersion present (so the request is unmistakably modern) but clientCapabilities missing.
  const exchange = await ctx.wire.request(
    PROBE_METHOD,
    { _meta: { [META_PROTOCOL_VERSION]: ctx.revision } },
    { timeoutMs: ctx.options.timeoutMs },
  );
  judgeStatusAndCode(ctx, 'M01', exchange, -32602, 400, 'a request without _meta clientCapabilities');
}

async function checkUnsupportedModernVersion(ctx: RunContext): Promise<void> {
  if (!ctx.rec.wants('M02')) return;
  const bogus = '1900-01-01';
  const exchange = await ctx.wire.request(
    PROBE_METHOD,
    { _meta: { [META_PROTOCOL_VERSION]: bogus, [META_CLIENT_CAPABILITIES]: {} } },
    { timeoutMs: ctx.options.timeoutMs, headers: { 'mcp-protocol-version': bogus } },
  );
  if (!judgeStatusAndCode(ctx, 'M02', exchange, -32022, 400, `protocol version ${bogus}`)) return;
  const data = errorOf(exchange)?.data;
  if (!isObject(data) || !Array.isArray(data['supported']) || data['requested'] !== bogus) {
    ctx.rec.fail(
      'M02',
      `expected data.supported[] and data.requested "${bogus}" in the -32022 error, received ${JSON.stringify(data)}`,
      evidenceOf(exchange),
    );
  }
}

/** True when the code (and the HTTP status, on HTTP) matched; records the verdict either way. */
function judgeStatusAndCode(
  ctx: RunContext,
  id: string,
  exchange: Parameters<typeof evidenceOf>[0],
  code: number,
  status: number,
  what: string,
): boolean {
  const error = errorOf(exchange);
  if (error?.code !== code) {
    ctx.rec.fail(
      id,
      `expected error ${code} for ${what}, received ${error ? `error ${JSON.stringify(error.code)}` : exchange.response ? 'a result' : 'no response'}`,
      evidenceOf(exchange),
    );
    return false;
  }
  if (exchange.http !== undefined && exchange.http.status !== status) {
    ctx.rec.fail(
      id,
      `expected HTTP ${status} with error ${code} for ${what}, received HTTP ${exchange.http.status}`,
      evidenceOf(exchange),
    );
    return false;
  }
  ctx.rec.pass(id, `${what} gets ${code}${exchange.http ? ` with HTTP ${status}` : ''}`);
  return true;
}

async function checkLegacyMethodsRefused(ctx: RunContext, versions: readonly unknown[]): Promise<void> {
  if (ctx.dualEra) {
    ctx.rec.skip(
      'M05',
      `the server is dual-era (it serves legacy clients; server/discover lists ${JSON.stringify(versions)}); only modern-only servers refuse initialize`,
    );
    return;
  }
  const exchange = await ctx.wire.request(
    'initialize',
    { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'probe', version: '0' } },
    { timeoutMs: ctx.options.timeoutMs },
  );
  if (resultOf(exchange) !== undefined) {
    // It answers initialize, so it is not modern-only, whatever supportedVersions lists (2026-07-28
    // basic/versioning: a dual-era server selects legacy semantics when a client opens with initialize).
    ctx.dualEra = true;
    ctx.rec.skip(
      'M05',
      `the server answers initialize, so it is dual-era (server/discover lists only ${JSON.stringify(versions)}); only modern-only servers refuse it`,
    );
    return;
  }
  if (ctx.rec.wants('M05'))
    judgeStatusAndCode(ctx, 'M05', exchange, -32601, 404, 'initialize on a modern-only server');
}

async function checkLoggingOptIn(ctx: RunContext, tools: ReadonlySet<string>): Promise<void> {
  if (!tools.has('test_tool_with_logging')) {
    ctx.rec.skip(
      'M08',
      'no test_tool_with_logging tool; only unsolicited log messages seen elsewhere are judged',
    );
    return;
  }
  await ctx.call('tools/call', { name: 'test_tool_with_logging', arguments: {} });
  await delay(200);
}

async function checkMissingCapability(ctx: RunContext, tools: ReadonlySet<string>): Promise<void> {
  if (!tools.has('test_sampling')) {
    ctx.rec.skip('M07', 'no test_sampling tool (a tool known to need a client capability)');
    return;
  }
  const exchange = await ctx.call('tools/call', {
    name: 'test_sampling',
    arguments: { prompt: 'conformance' },
  });
  if (
    judgeStatusAndCode(ctx, 'M07', exchange, -32021, 400, 'test_sampling without the sampling capability')
  ) {
    const data = errorOf(exchange)?.data;
    if (!isObject(data) || !isObject(data['requiredCapabilities'])) {
      ctx.rec.fail(
        'M07',
        `expected data.requiredCapabilities in the -32021 error, received ${JSON.stringify(data)}`,
        evidenceOf(exchange),
      );
    }
  }
}

async function checkCancelStops(ctx: RunContext, tools: ReadonlySet<string>): Promise<void> {
  if (!ctx.rec.wants('M14')) return;
  if (ctx.wire.transport !== 'stdio') {
    ctx.rec.skip('M14', 'judged on stdio only (closing an HTTP stream mid-request is not exercised)');
    return;
  }
  if (!tools.has('test_tool_with_progress')) {
    ctx.rec.skip('M14', 'no test_tool_with_progress tool (a slow tool to cancel)');
    return;
  }
  const id = ctx.wire.nextId();
  const token = `cancel-${id}`;
  const params = withModernMeta(
    { name: 'test_tool_with_progress', arguments: {}, _meta: { progressToken: token } },
    ctx.revision,
    ctx.clientCapabilities,
  );
  const from = ctx.wire.log.length;
  void ctx.wire.request('tools/call', params, { id, timeoutMs: 2000 });
  const first = await ctx.wire.waitFor(
    (m) => isObject(m.value) && (m.value['method'] === 'notifications/progress' || m.value['id'] === id),
    3000,
    from,
  );
  if (first === undefined || (isObject(first.value) && first.value['id'] === id)) {
    ctx.rec.skip('M14', 'the tool answered before it could be cancelled');
    return;
  }
  await ctx.wire.notify(
    'notifications/cancelled',
    withModernMeta({ requestId: id, reason: 'conformance' }, ctx.revision, ctx.clientCapabilities),
    { quietMs: 0 },
  );
  const cancelledAt = ctx.wire.log.length;
  await delay(600);
  const after = ctx.wire.log.slice(cancelledAt).filter((m) => {
    if (!isObject(m.value)) return false;
    const p = m.value['params'];
    return m.value['id'] === id || (isObject(p) && p['progressToken'] === token);
  });
  if (after.length > 0)
    ctx.rec.fail(
      'M14',
      `expected nothing more for request ${id} after notifications/cancelled, received ${after.length} message(s)`,
      [note(`cancelled request ${id}`), ...after.slice(0, 3).map((m) => note(m.raw))],
    );
  else ctx.rec.pass('M14', 'nothing more was sent for a cancelled request');
}
