/**
 * JSON-RPC core checks that need a deliberate probe: unknown methods (J03), batches (J06, J07) and
 * malformed JSON (J08). The per-message ones (J01, J02, J04, J05) are observers.
 */
import { revisionAllowsBatches } from '@mcpwire/core';
import { errorOf, livenessMethod, type RunContext, resultOf } from '../runner/context.js';
import { note, received, sent } from '../runner/recorder.js';
import type { Exchange } from '../runner/wire.js';

export function evidenceOf(exchange: Exchange): ReturnType<typeof sent>[] {
  const items = [sent(exchange.sent)];
  if (exchange.http !== undefined)
    items.push(note(`HTTP ${exchange.http.status} ${exchange.http.contentType}`));
  for (const m of exchange.messages.slice(0, 5)) items.push(received(m.raw));
  if (exchange.timedOut) items.push(note('no response before the timeout'));
  return items;
}

export async function checkUnknownMethod(ctx: RunContext): Promise<void> {
  if (!ctx.rec.wants('J03')) return;
  const exchange = await ctx.call('mcpwire/no-such-method', {});
  // The error member even when a result came with it: that mistake is J01's, the code is judged here.
  const raw = exchange.response?.['error'];
  const error = typeof raw === 'object' && raw !== null ? (raw as { code?: unknown }) : errorOf(exchange);
  if (error?.code === -32601) {
    if (ctx.era === 'modern' && exchange.http !== undefined && exchange.http.status !== 404) {
      ctx.rec.fail(
        'J03',
        `expected HTTP 404 with -32601 in 2026-07-28, received HTTP ${exchange.http.status}`,
        evidenceOf(exchange),
      );
    } else ctx.rec.pass('J03', 'an unknown method gets -32601');
  } else if (resultOf(exchange) !== undefined) {
    ctx.rec.fail(
      'J03',
      'expected error -32601 for an unknown method, received a result',
      evidenceOf(exchange),
    );
  } else if (error !== undefined) {
    ctx.rec.fail(
      'J03',
      `expected error -32601 for an unknown method, received error ${JSON.stringify(error.code)}`,
      evidenceOf(exchange),
    );
  } else {
    ctx.rec.fail(
      'J03',
      'expected error -32601 for an unknown method, received no response',
      evidenceOf(exchange),
    );
  }
}

export async function checkBatches(ctx: RunContext): Promise<void> {
  const a = ctx.wire.nextId();
  const b = ctx.wire.nextId();
  const batch = JSON.stringify([
    { jsonrpc: '2.0', id: a, method: 'ping' },
    { jsonrpc: '2.0', id: b, method: 'ping' },
  ]);
  if (revisionAllowsBatches(ctx.revision)) {
    ctx.rec.skip('J07', 'the negotiated revision 2025-03-26 allows batches');
    if (!ctx.rec.wants('J06')) return;
    const exchange = await ctx.wire.exchange(batch, { expectId: a, timeoutMs: ctx.options.timeoutMs });
    const second = await ctx.wire.waitFor(
      (m) => Array.isArray(m.value) || (m.value as { id?: unknown })?.id === b,
      1000,
    );
    if (exchange.response !== undefined && second !== undefined)
      ctx.rec.pass('J06', 'both requests of a batch are answered');
    else
      ctx.rec.fail(
        'J06',
        'expected an answer to each request of a 2025-03-26 batch, received fewer',
        evidenceOf(exchange),
      );
    return;
  }
  ctx.rec.skip('J06', `batches exist only in 2025-03-26 (negotiated ${ctx.revision})`);
  if (!ctx.rec.wants('J07')) return;
  const exchange = await ctx.wire.exchange(batch, { quietMs: 500, timeoutMs: ctx.options.timeoutMs });
  if (exchange.http !== undefined) {
    if (exchange.http.status >= 400 && exchange.http.status < 500)
      ctx.rec.pass('J07', `a batch body gets HTTP ${exchange.http.status}`);
    else
      ctx.rec.fail(
        'J07',
        `expected a 4xx for a batch body in ${ctx.revision}, received HTTP ${exchange.http.status}`,
        evidenceOf(exchange),
      );
    return;
  }
  const answeredAsBatch = exchange.messages.some(
    (m) =>
      Array.isArray(m.value) && m.value.some((r) => typeof r === 'object' && r !== null && 'result' in r),
  );
  const pinged = exchange.messages.filter((m) => {
    const v = m.value as { id?: unknown; result?: unknown } | undefined;
    return v !== undefined && (v.id === a || v.id === b) && 'result' in v;
  });
  if (answeredAsBatch || pinged.length > 0) {
    ctx.rec.fail(
      'J07',
      `expected a batch array not to be processed in ${ctx.revision}, received results for its requests`,
      evidenceOf(exchange),
    );
  } else ctx.rec.pass('J07', 'a batch array is not processed as a batch');
}

/** A request cut short: valid JSON up to the point where the closing brace is missing. */
export const MALFORMED_JSON = '{"jsonrpc": "2.0", "id": 1, "method": "ping"';

export async function checkMalformedJson(ctx: RunContext): Promise<void> {
  if (!ctx.rec.wants('J08')) return;
  const exchange = await ctx.wire.exchange(MALFORMED_JSON, {
    quietMs: 500,
    timeoutMs: ctx.options.timeoutMs,
  });
  const parseError = exchange.messages.find(
    (m) => (m.value as { error?: { code?: unknown } } | undefined)?.error?.code === -32700,
  );
  const alive = await ctx.call(livenessMethod(ctx), undefined, { timeoutMs: 3000 });
  if (alive.response === undefined) {
    ctx.rec.fail(
      'J08',
      'expected the connection to survive malformed JSON, received no answer to a ping afterwards',
      [...evidenceOf(exchange), note('ping after it: no response')],
    );
  } else if (parseError === undefined) {
    ctx.rec.fail(
      'J08',
      'expected error -32700 for malformed JSON, received none (the connection survived)',
      evidenceOf(exchange),
    );
  } else ctx.rec.pass('J08', 'malformed JSON gets -32700 and the connection survives');
}
