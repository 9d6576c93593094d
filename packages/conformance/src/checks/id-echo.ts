/**
 * J01 with ids chosen to catch an altered echo: the runner's own ids are small integers, which survive
 * almost any mistake. These probes send a digit-only string (kept a string?), a digit string with a
 * leading zero (not turned into 42?), the largest integer a JSON number carries exactly (not turned into
 * a string or rounded?) and a string outside ASCII (not re-encoded?). An echo of the wrong type is caught
 * by the J01 observer (responses are correlated loosely); an echo that no longer matches at all is caught
 * here, with whatever came back instead as evidence.
 */
import type { RequestId } from '@mcpwire/core';
import { isObject, livenessMethod, type RunContext, withModernMeta } from '../runner/context.js';
import { note, received, sent } from '../runner/recorder.js';
import { isResponse } from '../runner/wire.js';

export const PROBE_IDS: readonly RequestId[] = ['7007', '0042', 9007199254740991, 'id-ñ✓-🙂'];

export async function checkIdEcho(ctx: RunContext): Promise<void> {
  if (!ctx.rec.wants('J01')) return;
  const method = livenessMethod(ctx);
  const params = ctx.era === 'modern' ? withModernMeta({}, ctx.revision, ctx.clientCapabilities) : undefined;
  const timeoutMs = Math.min(ctx.options.timeoutMs, 3000);
  const echoed: string[] = [];
  for (const id of PROBE_IDS) {
    const exchange = await ctx.wire.request(method, params, { id, timeoutMs });
    if (exchange.response !== undefined) {
      // Same loose key: an exact echo, or a type change the observer has already failed.
      if (exchange.response['id'] === id) echoed.push(JSON.stringify(id));
      continue;
    }
    const others = exchange.messages.filter((m) => isResponse(m.value));
    ctx.rec.fail(
      'J01',
      `expected a response with the id ${JSON.stringify(id)} (${typeof id}) echoed exactly, received ${
        others.length === 0
          ? 'no response'
          : `only responses with other ids: ${others
              .slice(0, 3)
              .map((m) => JSON.stringify(isObject(m.value) ? m.value['id'] : null))
              .join(', ')}`
      }`,
      [
        sent(exchange.sent),
        ...others.slice(0, 3).map((m) => received(m.raw)),
        ...(others.length === 0 ? [note(`no response within ${timeoutMs} ms`)] : []),
      ],
    );
  }
  if (echoed.length === PROBE_IDS.length)
    ctx.rec.pass('J01', `ids ${echoed.join(', ')} come back exactly, with their type`);
}
