/**
 * Tool checks: the listing (F01), results of tools it is safe to call (F02, F03, F04) and the unknown-tool
 * error (F03). A tool is called only when it is annotated read-only and not destructive, is a known
 * fixture tool, or the user named it with --call-tools: calling arbitrary tools could change the world.
 */
import type { JsonObject } from '@mcpwire/core';
import { errorOf, isObject, type RunContext, resultOf } from '../runner/context.js';
import { received } from '../runner/recorder.js';
import { contentProblems } from './content.js';
import { sampleObject, schemaViolations } from './json-schema.js';
import { evidenceOf } from './jsonrpc.js';

/** Fixture tools (OFFICIAL-SUITE.md) that only return content: safe to call with no arguments. */
const KNOWN_SAFE = new Set([
  'test_simple_text',
  'test_image_content',
  'test_audio_content',
  'test_embedded_resource',
  'test_multiple_content_types',
  'test_error_handling',
  'json_schema_2020_12_tool',
  'echo',
]);

const MAX_PAGES = 20;
const CALL_CONCURRENCY = 4;
/** A tool that takes longer is cancelled and not judged: slowness is not a conformance failure. */
const TOOL_CALL_LIMIT_MS = 5000;

/** Every item of a paginated list, following nextCursor (bounded). */
export async function listAll(ctx: RunContext, method: string, key: string): Promise<JsonObject[]> {
  const items: JsonObject[] = [];
  let cursor: unknown;
  for (let page = 0; page < MAX_PAGES; page++) {
    const exchange = await ctx.call(method, cursor === undefined ? {} : { cursor });
    const result = resultOf(exchange);
    const list = result?.[key];
    if (!Array.isArray(list)) break;
    for (const item of list) if (isObject(item)) items.push(item);
    cursor = result?.['nextCursor'];
    if (typeof cursor !== 'string' || (cursor === '' && ctx.era === 'legacy')) break;
  }
  return items;
}

export function isCallable(tool: JsonObject, allowed: readonly string[]): boolean {
  const name = String(tool['name']);
  if (allowed.includes(name) || KNOWN_SAFE.has(name)) return true;
  const annotations = isObject(tool['annotations']) ? tool['annotations'] : {};
  return annotations['readOnlyHint'] === true && annotations['destructiveHint'] !== true;
}

export async function checkTools(ctx: RunContext): Promise<Set<string>> {
  const names = new Set<string>();
  if (!('tools' in ctx.serverCapabilities)) {
    for (const id of ['F01', 'F02', 'F03', 'F04']) ctx.rec.skip(id, 'the server has no tools capability');
    return names;
  }
  const tools = await listAll(ctx, 'tools/list', 'tools');
  for (const tool of tools) {
    names.add(String(tool['name']));
    const schema = tool['inputSchema'];
    if (typeof tool['name'] !== 'string' || tool['name'] === '') {
      ctx.rec.fail('F01', `expected every tool to have a name, received ${JSON.stringify(tool['name'])}`, [
        received(tool),
      ]);
    } else if (!isObject(schema) || schema['type'] !== 'object') {
      ctx.rec.fail(
        'F01',
        `expected tool "${tool['name']}" to have an inputSchema with type "object", received ${JSON.stringify(schema)?.slice(0, 120)}`,
        [received(tool)],
      );
    }
  }
  ctx.rec.pass('F01', `${tools.length} tools have a name and an object inputSchema`);

  const callable = tools.filter((t) => isCallable(t, ctx.options.callTools));
  // A few at a time: slow tools (a long-running demo) then cost their own time, not the sum.
  for (let i = 0; i < callable.length; i += CALL_CONCURRENCY) {
    await Promise.all(callable.slice(i, i + CALL_CONCURRENCY).map((tool) => callOne(ctx, tool)));
  }
  if (callable.length === 0) {
    ctx.rec.skip('F02', 'no tool is safe to call (none read-only or known; see --call-tools)');
    ctx.rec.skip('F04', 'no tool is safe to call (none read-only or known; see --call-tools)');
  } else if (!callable.some((t) => isObject(t['outputSchema']))) {
    ctx.rec.skip('F02', 'no callable tool declares an outputSchema');
  }

  const unknown = await ctx.call('tools/call', { name: 'mcpwire_conformance_no_such_tool', arguments: {} });
  const error = errorOf(unknown);
  if (error !== undefined)
    ctx.rec.pass('F03', `an unknown tool gets a JSON-RPC error (${JSON.stringify(error.code)})`);
  else if (resultOf(unknown)?.['isError'] === true) {
    // server/tools §Error Handling lists unknown tools under protocol errors but without a MUST keyword.
    ctx.rec.warn(
      'F03',
      'expected a JSON-RPC error for an unknown tool (server/tools §Error Handling: protocol errors for "Unknown tools"), received an isError result',
      evidenceOf(unknown),
    );
  } else
    ctx.rec.fail(
      'F03',
      'expected a JSON-RPC error for an unknown tool, received a successful result',
      evidenceOf(unknown),
    );
  return names;
}

async function callOne(ctx: RunContext, tool: JsonObject): Promise<void> {
  const name = String(tool['name']);
  const schema = isObject(tool['inputSchema']) ? tool['inputSchema'] : {};
  const exchange = await ctx.call(
    'tools/call',
    { name, arguments: sampleObject(schema) },
    {
      timeoutMs: Math.min(ctx.options.timeoutMs, TOOL_CALL_LIMIT_MS),
    },
  );
  if (exchange.timedOut) {
    const id = ctx.wire.sentRequests.get(String(JSON.parse(exchange.sent).id))?.id;
    await ctx.wire.notify(
      'notifications/cancelled',
      { requestId: id, reason: 'conformance: too slow' },
      { quietMs: 0 },
    );
    return;
  }
  const result = resultOf(exchange);
  if (result === undefined) return; // A protocol error for generated arguments says nothing about F02-F04.
  if (ctx.era === 'modern' && result['resultType'] === 'input_required') return;
  if (!Array.isArray(result['content'])) {
    ctx.rec.fail(
      'F03',
      `expected content in the result of ${name}, received ${JSON.stringify(Object.keys(result))}`,
      evidenceOf(exchange),
    );
    return;
  }
  const problems = result['content'].flatMap((block, i) => contentProblems(block, `${name} content[${i}]`));
  if (problems.length > 0)
    ctx.rec.fail('F04', `expected well-formed content blocks: ${problems.join('; ')}`, evidenceOf(exchange));
  else ctx.rec.pass('F04', 'content blocks of called tools are well-formed');
  const outputSchema = tool['outputSchema'];
  if (isObject(outputSchema) && result['isError'] !== true) {
    const structured = result['structuredContent'];
    if (!isObject(structured)) {
      ctx.rec.fail(
        'F02',
        `expected structuredContent from ${name}, which declares an outputSchema, received none`,
        evidenceOf(exchange),
      );
    } else {
      const violations = schemaViolations(outputSchema, structured);
      if (violations.length > 0)
        ctx.rec.fail(
          'F02',
          `expected structuredContent of ${name} to match its outputSchema: ${violations.join('; ')}`,
          evidenceOf(exchange),
        );
      else ctx.rec.pass('F02', 'structuredContent matches the outputSchema');
    }
  }
}
