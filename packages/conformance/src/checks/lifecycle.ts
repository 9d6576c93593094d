/**
 * Legacy lifecycle checks: version negotiation (L01, L02), ping (L07), cancellation of unknown requests
 * (L09), progress (L10) and capability gating (L06).
 */
import { isRevision, type JsonObject, REVISIONS, type Revision } from '@mcpwire/core';
import { errorOf, isObject, livenessMethod, type RunContext, resultOf } from '../runner/context.js';
import type { Recorder } from '../runner/recorder.js';
import type { Exchange, Wire } from '../runner/wire.js';
import { evidenceOf } from './jsonrpc.js';

export const CLIENT_INFO = { name: 'mcpwire-conformance', version: '0.1.0' };

export function initializeParams(revision: string, capabilities: JsonObject): JsonObject {
  return { protocolVersion: revision, capabilities, clientInfo: CLIENT_INFO };
}

/** Judges the InitializeResult (L01) and returns the revision to continue with, or undefined to stop. */
export function judgeInitialize(
  rec: Recorder,
  requested: Revision,
  exchange: Exchange,
): Revision | undefined {
  const result = resultOf(exchange);
  if (result === undefined) {
    const error = errorOf(exchange);
    rec.fail(
      'L01',
      `expected an InitializeResult for ${requested}, received ${error ? `error ${JSON.stringify(error)}` : 'no response'}`,
      evidenceOf(exchange),
    );
    return undefined;
  }
  const version = result['protocolVersion'];
  const info = result['serverInfo'];
  const problems: string[] = [];
  if (!isObject(result['capabilities'])) problems.push('capabilities object missing');
  if (!isObject(info) || typeof info['name'] !== 'string' || typeof info['version'] !== 'string') {
    problems.push('serverInfo{name, version} missing or incomplete');
  }
  if (problems.length > 0) {
    rec.fail(
      'L01',
      `expected capabilities and serverInfo in the InitializeResult, received: ${problems.join('; ')}`,
      evidenceOf(exchange),
    );
  }
  if (version === requested) {
    if (problems.length === 0) rec.pass('L01', `negotiated ${requested}`);
    return requested;
  }
  if (isRevision(version) && version < requested) {
    rec.warn(
      'L01',
      `requested ${requested}, the server answered ${version}: correct only if it does not support ${requested}`,
      evidenceOf(exchange),
    );
    return version;
  }
  rec.fail(
    'L01',
    `expected the requested ${requested} or an older supported revision, received ${JSON.stringify(version)}`,
    evidenceOf(exchange),
  );
  return isRevision(version) ? version : undefined;
}

/** L02 on its own connection: an unsupported version must not be echoed back. */
export async function checkUnsupportedVersion(rec: Recorder, wire: Wire, timeoutMs: number): Promise<void> {
  const bogus = '1900-01-01';
  const exchange = await wire.request('initialize', initializeParams(bogus, {}), { timeoutMs });
  const result = resultOf(exchange);
  const error = errorOf(exchange);
  if (result !== undefined) {
    const version = result['protocolVersion'];
    if (version === bogus)
      rec.fail(
        'L02',
        `expected a version the server supports, received the unsupported ${bogus} echoed back`,
        evidenceOf(exchange),
      );
    else if (typeof version !== 'string')
      rec.fail(
        'L02',
        `expected a protocolVersion string, received ${JSON.stringify(version)}`,
        evidenceOf(exchange),
      );
    else if (!isRevision(version))
      rec.warn(
        'L02',
        `the server answered ${version}, a revision this runner does not know`,
        evidenceOf(exchange),
      );
    else {
      const latest = REVISIONS.filter((r) => r !== '2026-07-28').at(-1);
      rec.pass('L02', `an unsupported version gets ${version}${version === latest ? ' (the latest)' : ''}`);
    }
  } else if (error !== undefined) {
    if (error.code === -32602) rec.pass('L02', 'an unsupported version gets -32602');
    else
      rec.warn(
        'L02',
        `expected -32602 (or a supported version) for an unsupported version, received error ${JSON.stringify(error.code)}`,
        evidenceOf(exchange),
      );
  } else
    rec.fail('L02', `expected an answer to initialize with ${bogus}, received none`, evidenceOf(exchange));
}

export async function checkPing(ctx: RunContext, phase: string): Promise<void> {
  const started = Date.now();
  const exchange = await ctx.call('ping', undefined, { timeoutMs: 5000 });
  const result = resultOf(exchange);
  const elapsed = Date.now() - started;
  const empty =
    result !== undefined &&
    Object.keys(result).filter((k) => k !== '_meta' && k !== 'resultType').length === 0;
  if (empty) ctx.rec.pass('L07', `ping ${phase} answered with {} in ${elapsed} ms`);
  else
    ctx.rec.fail(
      'L07',
      `expected ping ${phase} to be answered with {}, received ${exchange.response ? JSON.stringify(exchange.response).slice(0, 200) : 'nothing'}`,
      evidenceOf(exchange),
    );
}

export async function checkCancelUnknown(ctx: RunContext): Promise<void> {
  if (!ctx.rec.wants('L09')) return;
  if (ctx.era === 'modern' && ctx.wire.transport !== 'stdio') {
    // 2026-07-28 basic/patterns/cancellation: over HTTP a request is cancelled by closing its stream.
    ctx.rec.skip('L09', '2026-07-28 over HTTP cancels by closing the response stream, not by notification');
    return;
  }
  const cancel = await ctx.wire.notify(
    'notifications/cancelled',
    { requestId: 987654321, reason: 'conformance: unknown id' },
    { quietMs: 300 },
  );
  const alive = await ctx.call(livenessMethod(ctx), undefined, { timeoutMs: 3000 });
  const complaint = cancel.messages.find((m) => isObject(m.value) && 'error' in m.value);
  if (alive.response === undefined)
    ctx.rec.fail(
      'L09',
      'expected the server to keep working after cancelling an unknown id, received no answer to ping',
      evidenceOf(cancel),
    );
  else if (complaint !== undefined)
    ctx.rec.fail('L09', 'expected no error for cancelling an unknown id, received one', evidenceOf(cancel));
  else ctx.rec.pass('L09', 'a cancellation for an unknown id is ignored');
}

/** Capability-gated methods probed when the capability is absent (L06 is a SHOULD). */
const GATED: readonly { capability: string; method: string; params: JsonObject }[] = [
  { capability: 'prompts', method: 'prompts/list', params: {} },
  { capability: 'resources', method: 'resources/list', params: {} },
  { capability: 'tools', method: 'tools/list', params: {} },
  { capability: 'logging', method: 'logging/setLevel', params: { level: 'info' } },
  {
    capability: 'completions',
    method: 'completion/complete',
    params: { ref: { type: 'ref/prompt', name: 'none' }, argument: { name: 'a', value: '' } },
  },
];

export async function checkUngatedMethods(ctx: RunContext): Promise<void> {
  if (!ctx.rec.wants('L06') || ctx.era !== 'legacy') return;
  let probed = 0;
  for (const gate of GATED) {
    if (gate.capability in ctx.serverCapabilities) continue;
    if (gate.capability === 'completions' && ctx.revision < '2025-03-26') continue;
    probed++;
    const exchange = await ctx.call(gate.method, gate.params);
    const error = errorOf(exchange);
    if (error?.code === -32601) continue;
    ctx.rec.fail(
      'L06',
      `expected -32601 for ${gate.method} without the ${gate.capability} capability, received ${error ? `error ${JSON.stringify(error.code)}` : 'a result'}`,
      evidenceOf(exchange),
    );
  }
  if (probed === 0) ctx.rec.skip('L06', 'the server advertises every capability that gates a method');
  else ctx.rec.pass('L06', `${probed} unadvertised capabilities answer -32601`);
}

/** L10 with the fixture's `test_tool_with_progress` (the only tool known to report progress). */
export async function checkProgress(ctx: RunContext, toolNames: ReadonlySet<string>): Promise<void> {
  if (!ctx.rec.wants('L10')) return;
  if (!toolNames.has('test_tool_with_progress')) {
    ctx.rec.skip('L10', 'no test_tool_with_progress tool (the only tool known to report progress)');
    return;
  }
  const token = `progress-${ctx.wire.nextId()}`;
  const exchange = await ctx.call('tools/call', {
    name: 'test_tool_with_progress',
    arguments: {},
    _meta: { progressToken: token },
  });
  await new Promise((r) => setTimeout(r, 300));
  const progress = ctx.wire.log.filter(
    (m) => isObject(m.value) && m.value['method'] === 'notifications/progress',
  );
  const responseSeq =
    exchange.messages.find((m) => m.value === exchange.response)?.seq ?? Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const mine = progress.filter((m) => {
    const params = (m.value as JsonObject)['params'];
    return isObject(params) && params['progressToken'] === token;
  });
  if (mine.length === 0) {
    ctx.rec.fail(
      'L10',
      `expected progress notifications with progressToken ${token}, received none`,
      evidenceOf(exchange),
    );
    return;
  }
  for (const m of mine) {
    const value = ((m.value as JsonObject)['params'] as JsonObject)['progress'];
    if (typeof value !== 'number' || value <= last) {
      ctx.rec.fail(
        'L10',
        `expected strictly increasing progress, received ${JSON.stringify(value)} after ${last}`,
        evidenceOf(exchange),
      );
      return;
    }
    last = value;
    if (m.seq > responseSeq) {
      ctx.rec.fail(
        'L10',
        'expected no progress after the final response, received some',
        evidenceOf(exchange),
      );
      return;
    }
  }
  ctx.rec.pass('L10', `${mine.length} progress notifications carry the token and increase`);
}
