/**
 * Checks that hold for every message the server sends, judged as messages arrive: stdout purity (T01),
 * id echo and result/error exclusivity (J01), unsolicited responses (J02), error shape (J04), server
 * request ids (J05), undeclared-capability requests (L05), unadvertised list_changed (F11), log levels
 * (F07, M08), modern result fields (M04, M09, M13) and schema validity (V01).
 */
import { isRevision, LATEST_LEGACY_REVISION, validateMessage } from '@mcpwire/core';
import { isObject, type RunContext } from '../runner/context.js';
import { note, received, sent } from '../runner/recorder.js';
import type { Received } from '../runner/wire.js';

const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
const LIST_CHANGED: Record<string, string> = {
  'notifications/tools/list_changed': 'tools',
  'notifications/prompts/list_changed': 'prompts',
  'notifications/resources/list_changed': 'resources',
};
const CACHED_RESULTS = new Set([
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
]);
const MRTR_METHODS = new Set(['tools/call', 'resources/read', 'prompts/get']);

function has(capabilities: unknown, path: readonly string[]): boolean {
  let value: unknown = capabilities;
  for (const key of path) {
    if (!isObject(value) || !(key in value)) return false;
    value = value[key];
  }
  return value !== undefined && value !== null && value !== false;
}

/** The client capability a server→client request needs (L05), or undefined when none is needed. */
function requiredClientCapability(method: string, params: unknown): readonly string[] | undefined {
  switch (method) {
    case 'sampling/createMessage':
      return isObject(params) && Array.isArray(params['tools']) ? ['sampling', 'tools'] : ['sampling'];
    case 'roots/list':
      return ['roots'];
    case 'elicitation/create':
      return isObject(params) && params['mode'] === 'url' ? ['elicitation', 'url'] : ['elicitation'];
    default:
      return undefined;
  }
}

export function installObservers(ctx: RunContext): void {
  const { wire } = ctx;
  const serverRequestIds = new Set<string>();
  wire.observe((m) => {
    if (wire.transport === 'stdio') judgeLine(ctx, m);
    const value = m.value;
    if (!isObject(value)) return;
    if ('method' in value) judgeServerMessage(ctx, m, value, serverRequestIds);
    else judgeResponse(ctx, m, value);
  });
}

function judgeLine(ctx: RunContext, m: Received): void {
  if (m.value === undefined) {
    ctx.rec.fail(
      'T01',
      `expected every stdout line to be a JSON-RPC message, received a line that is not JSON`,
      [received(m.raw)],
    );
  } else if (!isObject(m.value) || m.value['jsonrpc'] !== '2.0') {
    const what = Array.isArray(m.value)
      ? 'a JSON array'
      : isObject(m.value)
        ? 'an object without jsonrpc "2.0"'
        : 'a JSON scalar';
    ctx.rec.fail('T01', `expected every stdout line to be one JSON-RPC message, received ${what}`, [
      received(m.raw),
    ]);
  }
}

function judgeResponse(ctx: RunContext, m: Received, value: Record<string, unknown>): void {
  const { rec, wire } = ctx;
  const id = value['id'];
  const request = wire.sentRequests.get(String(id));
  let envelopeOk = true;
  if ('result' in value && 'error' in value) {
    rec.fail('J01', 'expected a response with either result or error, received both', [received(m.raw)]);
    envelopeOk = false;
  }
  const waiting = request === undefined && id !== null && id !== undefined ? wire.pendingRequestIds() : [];
  if (waiting.length > 0) {
    // An id we never sent, while a request of ours waits: its echo was altered beyond recognition.
    rec.fail(
      'J01',
      `expected the response id echoed exactly (waiting for ${waiting.map((w) => JSON.stringify(w)).join(', ')}), received ${JSON.stringify(id)}, which matches no request`,
      [received(m.raw)],
    );
    envelopeOk = false;
  } else if (request === undefined) {
    if (!(id === null || id === undefined) || !('error' in value)) {
      rec.fail(
        'J02',
        `expected no response except to our requests, received one with id ${JSON.stringify(id)} (a reply to a notification or to nothing)`,
        [sent(wire.sentLog.at(-1) ?? ''), received(m.raw)],
      );
      envelopeOk = false;
    }
  } else if (request.id !== id) {
    rec.fail(
      'J01',
      `expected the response id ${JSON.stringify(request.id)} (${typeof request.id}) echoed exactly, received ${JSON.stringify(id)} (${typeof id})`,
      [received(m.raw)],
    );
    envelopeOk = false;
  }
  if ('error' in value) {
    const error = value['error'];
    if (!isObject(error) || !Number.isInteger(error['code']) || typeof error['message'] !== 'string') {
      rec.fail('J04', 'expected error.code to be an integer and error.message a string', [received(m.raw)]);
      envelopeOk = false;
    }
  }
  if (!envelopeOk) return;
  const method = request?.method;
  if (ctx.era === 'modern' && method === 'initialize') {
    // The M05 probe of a modern run: a dual-era server answers it as a legacy server would.
    validateLegacyInitialize(ctx, m, value['result']);
    return;
  }
  if (ctx.era === 'modern' && isObject(value['result']) && method !== undefined)
    judgeModernResult(ctx, m, method, value['result']);
  validate(ctx, m, method);
}

function judgeModernResult(
  ctx: RunContext,
  m: Received,
  method: string,
  result: Record<string, unknown>,
): void {
  const { rec } = ctx;
  const type = result['resultType'];
  if (typeof type !== 'string')
    rec.fail('M04', `expected resultType in every ${method} result, received none`, [received(m.raw)]);
  if (type === 'input_required') {
    if (!MRTR_METHODS.has(method)) {
      rec.fail(
        'M09',
        `expected an InputRequiredResult only on tools/call, resources/read or prompts/get, received one for ${method}`,
        [received(m.raw)],
      );
    } else if (!('inputRequests' in result) && !('requestState' in result)) {
      rec.fail(
        'M09',
        'expected an InputRequiredResult with inputRequests or requestState, received neither',
        [received(m.raw)],
      );
    } else rec.pass('M09', 'InputRequiredResults are well-formed');
  }
  if (CACHED_RESULTS.has(method) && type === 'complete') {
    const ttl = result['ttlMs'];
    const scope = result['cacheScope'];
    if (typeof ttl !== 'number' || ttl < 0 || (scope !== 'public' && scope !== 'private')) {
      rec.fail(
        'M13',
        `expected ${method} to carry ttlMs >= 0 and cacheScope public|private, received ttlMs ${JSON.stringify(ttl)}, cacheScope ${JSON.stringify(scope)}`,
        [received(m.raw)],
      );
    } else rec.pass('M13', 'list and read results carry ttlMs and cacheScope');
  }
}

function judgeServerMessage(
  ctx: RunContext,
  m: Received,
  value: Record<string, unknown>,
  serverRequestIds: Set<string>,
): void {
  const { rec } = ctx;
  const method = String(value['method']);
  if ('id' in value) {
    const id = value['id'];
    if (id === null || (typeof id !== 'string' && !Number.isInteger(id))) {
      rec.fail(
        'J05',
        `expected a server request id that is a string or an integer, received ${JSON.stringify(id)}`,
        [received(m.raw)],
      );
    } else if (serverRequestIds.has(`${typeof id}:${id}`)) {
      rec.fail('J05', `expected unique server request ids, received ${JSON.stringify(id)} twice`, [
        received(m.raw),
      ]);
    } else {
      serverRequestIds.add(`${typeof id}:${id}`);
      rec.pass('J05', 'server request ids are unique and not null');
    }
    const needed = requiredClientCapability(method, value['params']);
    if (needed !== undefined && !has(ctx.clientCapabilities, needed)) {
      rec.fail(
        'L05',
        `expected no ${method} without the client capability ${needed.join('.')}, received one (declared: ${JSON.stringify(ctx.clientCapabilities)})`,
        [received(m.raw)],
      );
    }
  } else {
    const capability = LIST_CHANGED[method];
    if (
      capability !== undefined &&
      ctx.era === 'legacy' &&
      !has(ctx.serverCapabilities, [capability, 'listChanged'])
    ) {
      rec.fail('F11', `expected no ${method} without ${capability}.listChanged advertised, received one`, [
        received(m.raw),
      ]);
    }
    if (method === 'notifications/message') judgeLog(ctx, m, value['params']);
  }
  validate(ctx, m, undefined);
}

function judgeLog(ctx: RunContext, m: Received, params: unknown): void {
  const level = isObject(params) ? params['level'] : undefined;
  if (ctx.era === 'modern' && !ctx.modernLogLevelSent) {
    ctx.rec.fail(
      'M08',
      'expected no notifications/message for requests without _meta logLevel, received one',
      [received(m.raw)],
    );
  }
  if (ctx.era === 'legacy' && ctx.logLevel !== undefined && typeof level === 'string') {
    if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(ctx.logLevel)) {
      ctx.rec.fail(
        'F07',
        `expected no log message below "${ctx.logLevel}" after logging/setLevel, received level "${level}"`,
        [received(m.raw)],
      );
    }
  }
}

function validate(ctx: RunContext, m: Received, method: string | undefined): void {
  const checked = validateMessage(
    ctx.revision,
    m.value,
    method === undefined ? { sender: 'server' } : { method },
  );
  if (!checked.ok && isNullIdError(m.value)) {
    // JSON-RPC 2.0 §5 requires id null when the request id was unreadable; 2025-11-25+ schemas omit it
    // instead, and earlier schemas have no form for it at all (they require a string or number). Both
    // readings exist in the field, so a null id alone is a warning, not a failure.
    const { id: _id, ...withoutId } = m.value;
    const omitted = validateMessage(ctx.revision, withoutId).ok;
    if (omitted || validateMessage(ctx.revision, { ...withoutId, id: 0 }).ok) {
      ctx.rec.warn(
        'V01',
        omitted
          ? `expected an error response without a request id to omit id in ${ctx.revision}, received id null`
          : `received id null in an error response without a request id (JSON-RPC 2.0 §5; the ${ctx.revision} schema has no form for it)`,
        [received(m.raw)],
      );
      return;
    }
  }
  if (!checked.ok) {
    ctx.rec.fail(
      'V01',
      `expected a valid ${ctx.revision} message${method ? ` (result of ${method})` : ''}: ${checked.error}`,
      [received(m.raw), note(`validated against ${ctx.revision}`)],
    );
  }
}

/** An InitializeResult is judged against the legacy revision it names (or the latest one). */
function validateLegacyInitialize(ctx: RunContext, m: Received, result: unknown): void {
  const named = isObject(result) ? result['protocolVersion'] : undefined;
  const revision = isRevision(named) && named < '2026-07-28' ? named : LATEST_LEGACY_REVISION;
  const checked = validateMessage(revision, m.value, { method: 'initialize' });
  if (!checked.ok)
    ctx.rec.fail('V01', `expected a valid ${revision} message (result of initialize): ${checked.error}`, [
      received(m.raw),
      note(`validated against ${revision}`),
    ]);
}

function isNullIdError(value: unknown): value is Record<string, unknown> {
  return isObject(value) && value['id'] === null && 'error' in value && !('result' in value);
}

/** Concludes the observer checks that saw no violation. */
export function concludeObservers(ctx: RunContext): void {
  const { rec, wire } = ctx;
  const responses = wire.log.filter((m) => isObject(m.value) && !('method' in (m.value as object))).length;
  if (wire.transport === 'stdio')
    rec.pass('T01', `${wire.log.length} stdout lines, each one JSON-RPC message`);
  else rec.skip('T01', 'stdio only');
  if (responses > 0) {
    rec.pass('J01', `${responses} responses echo their ids and carry result xor error`);
    rec.pass('J04', 'error responses are well-formed');
  }
  rec.pass('J02', 'no response to a notification');
  rec.skip('J05', 'the server sent no requests');
  rec.pass('V01', `${wire.log.length} messages validate against ${ctx.revision}`);
  rec.pass(
    'L05',
    `no request for capabilities the client did not declare (${JSON.stringify(ctx.clientCapabilities)})`,
  );
  rec.pass('F11', 'no list_changed for a capability without listChanged');
  if (ctx.era === 'modern') {
    rec.pass('M04', 'every result carries resultType');
    rec.pass('M08', 'no log messages without a requested logLevel');
  }
}
