/**
 * One run of check-server: a fresh connection, the handshake of one era, every check that applies, and the
 * close. Legacy runs open a second, short connection for L02 (an unsupported version must be negotiated on
 * a connection of its own). The check order puts probes that might kill a fragile server (malformed JSON)
 * last, so one crash does not hide the other verdicts.
 */
import { type JsonObject, LATEST_LEGACY_REVISION, type Revision } from '@mcpwire/core';
import { checkIdEcho } from '../checks/id-echo.js';
import { checkBatches, checkMalformedJson, checkUnknownMethod, evidenceOf } from '../checks/jsonrpc.js';
import {
  checkCancelUnknown,
  checkPing,
  checkProgress,
  checkUngatedMethods,
  checkUnsupportedVersion,
  initializeParams,
  judgeInitialize,
} from '../checks/lifecycle.js';
import { checkModern } from '../checks/modern.js';
import { concludeObservers, installObservers } from '../checks/observers.js';
import { checkLogging, checkPrompts, checkResources } from '../checks/resources-prompts.js';
import { checkTools } from '../checks/tools.js';
import { createContext, isObject, type RunContext, resultOf, type ServerCheckOptions } from './context.js';
import { note, Recorder } from './recorder.js';
import type { StdioWire } from './stdio-wire.js';
import type { CheckResult } from './types.js';
import type { Wire } from './wire.js';

/** What a run needs to open its own connections. */
export interface WireFactory {
  readonly transport: 'stdio' | 'http' | 'sse';
  open(): Promise<Wire>;
  /** Transport checks after the common ones (HTTP status codes, sessions, Origin). */
  transportChecks?(ctx: RunContext): Promise<void>;
  /** Checks of the connection itself, right after it opened (the SSE endpoint event). */
  afterOpen?(ctx: RunContext): void;
}

export interface RunSpec {
  readonly revision: Revision;
  readonly only: ReadonlySet<string> | undefined;
  readonly options: ServerCheckOptions;
  readonly onProgress?: (text: string) => void;
  /** A legacy run of this check negotiated a revision: the server serves legacy clients too. */
  readonly spokeLegacy?: boolean;
}

/** We declare no client capabilities, so any sampling/roots/elicitation request is an L05 violation. */
const CLIENT_CAPABILITIES: JsonObject = {};

/** Opens the run's main connection and its context, with the observers every run installs. */
async function openRun(
  factory: WireFactory,
  spec: RunSpec,
  rec: Recorder,
  era: 'legacy' | 'modern',
): Promise<{ wire: Wire; ctx: RunContext }> {
  const wire = await factory.open();
  const ctx = createContext({
    wire,
    rec,
    revision: spec.revision,
    era,
    options: spec.options,
    clientCapabilities: CLIENT_CAPABILITIES,
    serverCapabilities: {},
  });
  installObservers(ctx);
  factory.afterOpen?.(ctx);
  return { wire, ctx };
}

/** A check threw: the verdicts so far stand, and V01 says where the run ended. */
function stoppedEarly(rec: Recorder, error: unknown): void {
  rec.fail('V01', `the run stopped early: ${error instanceof Error ? error.message : String(error)}`, [
    note(String(error)),
  ]);
}

export async function runLegacy(
  factory: WireFactory,
  spec: RunSpec,
): Promise<{ results: CheckResult[]; revision: Revision; negotiated?: boolean }> {
  const label = `legacy ${spec.revision} over ${factory.transport}`;
  const rec = new Recorder(label, spec.only);
  const step = (text: string) => spec.onProgress?.(`${label}: ${text}`);
  if (rec.wants('L02')) {
    step('version negotiation');
    const probe = await factory.open();
    try {
      await checkUnsupportedVersion(rec, probe, spec.options.timeoutMs);
    } finally {
      await probe.dispose();
    }
  }
  const { wire, ctx } = await openRun(factory, spec, rec, 'legacy');
  try {
    step('initialize');
    const init = await wire.request('initialize', initializeParams(spec.revision, CLIENT_CAPABILITIES), {
      timeoutMs: spec.options.timeoutMs,
    });
    const negotiated = judgeInitialize(rec, spec.revision, init);
    if (negotiated === undefined) {
      rec.fail('L07', 'not checked: initialize failed', evidenceOf(init));
      return { results: finish(ctx, wire), revision: spec.revision };
    }
    ctx.revision = negotiated;
    wire.negotiated(negotiated);
    const caps = resultOf(init)?.['capabilities'];
    ctx.serverCapabilities = isObject(caps) ? caps : {};
    await checkPing(ctx, 'before initialized');
    await wire.notify('notifications/initialized');
    await checkPing(ctx, 'after initialized');
    step('JSON-RPC');
    await checkUnknownMethod(ctx);
    await checkIdEcho(ctx);
    await checkBatches(ctx);
    await checkUngatedMethods(ctx);
    await checkCancelUnknown(ctx);
    step('tools');
    const tools = await checkTools(ctx);
    await checkProgress(ctx, tools);
    step('logging, resources, prompts');
    await checkLogging(ctx, tools);
    await checkResources(ctx);
    await checkPrompts(ctx);
    if (factory.transportChecks !== undefined) {
      step('transport');
      await factory.transportChecks(ctx);
    }
    step('malformed input');
    await checkMalformedJson(ctx);
  } catch (error) {
    stoppedEarly(rec, error);
  }
  return { results: await close(ctx, wire), revision: ctx.revision, negotiated: true };
}

export async function runModern(
  factory: WireFactory,
  spec: RunSpec,
): Promise<{ results: CheckResult[]; revision: Revision } | { unsupported: string }> {
  const label = `modern ${spec.revision} over ${factory.transport}`;
  const rec = new Recorder(label, spec.only);
  spec.onProgress?.(`${label}: server/discover`);
  const { wire, ctx } = await openRun(factory, spec, rec, 'modern');
  ctx.dualEra = spec.spokeLegacy === true;
  try {
    const transportChecks = factory.transportChecks?.bind(factory);
    const supported = await checkModern(
      ctx,
      (text) => spec.onProgress?.(`${label}: ${text}`),
      transportChecks,
    );
    if (!supported.ok) {
      await wire.close();
      return { unsupported: supported.reason };
    }
  } catch (error) {
    stoppedEarly(rec, error);
  }
  return { results: await close(ctx, wire), revision: ctx.revision };
}

async function close(ctx: RunContext, wire: Wire): Promise<CheckResult[]> {
  await wire.close();
  if (wire.transport === 'stdio') {
    const stdio = wire as StdioWire;
    for (const message of stdio.framingErrors)
      ctx.rec.fail('T01', `expected lines within the framing limits, received: ${message}`);
    judgeShutdown(ctx.rec, stdio);
  }
  return finish(ctx, wire);
}

/** T04: how the server ended once we closed its stdin (a careful client's shutdown). */
function judgeShutdown(rec: Recorder, stdio: StdioWire): void {
  const outcome = stdio.shutdown;
  if (outcome === undefined) return;
  const tail = [note(`stderr tail: ${stdio.stderrTail(300)}`)];
  const exit = outcome.signal !== null ? `signal ${outcome.signal}` : `code ${outcome.code}`;
  switch (outcome.endedBy) {
    case 'before-close':
      rec.skip('T04', `the server had exited (${exit}) before the client closed stdin`);
      return;
    case 'stdin-closed':
      if (outcome.stdoutHeldOpen)
        rec.fail(
          'T04',
          `the server exited ${outcome.afterMs} ms after stdin closed, but a process it started outside its process group kept its stdout open`,
          tail,
        );
      else rec.pass('T04', `the server exited ${outcome.afterMs} ms after stdin closed (${exit})`);
      return;
    case 'sigterm':
      rec.fail('T04', 'expected the server to exit after stdin closed, it exited only on SIGTERM', tail);
      return;
    case 'sigkill':
      rec.fail(
        'T04',
        'expected the server to exit after stdin closed, it ignored that and SIGTERM and was killed with SIGKILL',
        tail,
      );
      return;
    default:
      rec.fail(
        'T04',
        'expected the server to exit after stdin closed, it was still running after SIGTERM and SIGKILL',
        tail,
      );
  }
}

function finish(ctx: RunContext, _wire: Wire): CheckResult[] {
  concludeObservers(ctx);
  return ctx.rec.results();
}

export { LATEST_LEGACY_REVISION };
