/**
 * M12: `subscriptions/listen` (2026-07-28 basic/patterns/subscriptions). The acknowledgment comes first and
 * carries the listen request's id as `_meta["io.modelcontextprotocol/subscriptionId"]`; nothing for that
 * subscription may precede it, and only requested notification types may follow.
 */
import { META_SUBSCRIPTION_ID } from '@mcpwire/core';
import { isObject, type RunContext, withModernMeta } from '../runner/context.js';
import { note, received } from '../runner/recorder.js';
import { delay, type Received } from '../runner/wire.js';

const ACK = 'notifications/subscriptions/acknowledged';
/** We ask for tools list changes only, so this is everything the stream may carry. */
const ALLOWED = new Set([ACK, 'notifications/tools/list_changed']);

function subscriptionOf(m: Received): unknown {
  if (!isObject(m.value)) return undefined;
  const params = m.value['params'];
  const meta = isObject(params) ? params['_meta'] : undefined;
  return isObject(meta) ? meta[META_SUBSCRIPTION_ID] : undefined;
}

export async function checkListen(ctx: RunContext): Promise<void> {
  if (!ctx.rec.wants('M12')) return;
  const id = ctx.wire.nextId();
  const params = withModernMeta(
    { notifications: { toolsListChanged: true } },
    ctx.revision,
    ctx.clientCapabilities,
  );
  const from = ctx.wire.log.length;
  const text = JSON.stringify({ jsonrpc: '2.0', id, method: 'subscriptions/listen', params });
  // The listen request stays open, so this does not wait for its response.
  await ctx.wire.exchange(text, { quietMs: 0, timeoutMs: ctx.options.timeoutMs });
  const first = await ctx.wire.waitFor(
    (m) => subscriptionOf(m) === id || (isObject(m.value) && m.value['id'] === id && !('method' in m.value)),
    3000,
    ctx.wire.log[from]?.seq ?? 0,
  );
  if (first === undefined) {
    ctx.rec.fail('M12', `expected ${ACK} for subscriptions/listen ${id}, received nothing within 3 s`, [
      note(text),
    ]);
    return;
  }
  if (isObject(first.value) && isObject(first.value['error'])) {
    const code = first.value['error']['code'];
    if (code === -32601) ctx.rec.skip('M12', 'the server does not implement subscriptions/listen (-32601)');
    else
      ctx.rec.fail(
        'M12',
        `expected subscriptions/listen to be acknowledged, received error ${JSON.stringify(code)}`,
        [received(first.raw)],
      );
    return;
  }
  if (!isObject(first.value) || first.value['method'] !== ACK) {
    ctx.rec.fail(
      'M12',
      `expected ${ACK} as the first message of subscription ${id}, received ${first.raw.slice(0, 120)}`,
      [received(first.raw)],
    );
    return;
  }
  await delay(300);
  const later = ctx.wire.log.slice(from).filter((m) => subscriptionOf(m) === id);
  const unrequested = later.filter((m) => isObject(m.value) && !ALLOWED.has(String(m.value['method'])));
  if (unrequested.length > 0) {
    ctx.rec.fail(
      'M12',
      `expected only requested notification types on subscription ${id}, received ${String((unrequested[0]!.value as { method?: unknown }).method)}`,
      unrequested.slice(0, 3).map((m) => received(m.raw)),
    );
  } else ctx.rec.pass('M12', `subscription ${id} was acknowledged first and carried its id`);
  if (ctx.wire.transport === 'stdio') {
    await ctx.wire.notify(
      'notifications/cancelled',
      withModernMeta({ requestId: id, reason: 'conformance: done' }, ctx.revision, ctx.clientCapabilities),
      { quietMs: 0 },
    );
  }
}
