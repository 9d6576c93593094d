/**
 * Resources (F05, F06), logging (F07), completion (F08) and prompts (F09).
 */
import type { JsonObject } from '@mcpwire/core';
import { errorOf, isObject, type RunContext, resultOf } from '../runner/context.js';
import { contentProblems, resourceProblem } from './content.js';
import { evidenceOf } from './jsonrpc.js';
import { listAll } from './tools.js';

const MISSING_URI = 'mcpwire-conformance://missing/resource-that-does-not-exist';
const MAX_READS = 5;

export async function checkResources(ctx: RunContext): Promise<void> {
  const caps = ctx.serverCapabilities['resources'];
  if (!isObject(caps)) {
    ctx.rec.skip('F05', 'the server has no resources capability');
    await checkSubscribeRefused(ctx);
    return;
  }
  const resources = await listAll(ctx, 'resources/list', 'resources');
  for (const resource of resources.slice(0, MAX_READS)) {
    const exchange = await ctx.call('resources/read', { uri: resource['uri'] as string });
    const contents = resultOf(exchange)?.['contents'];
    if (!Array.isArray(contents)) continue;
    const problems = contents
      .map((c, i) => resourceProblem(c, `${String(resource['uri'])} contents[${i}]`))
      .filter((p) => p !== undefined);
    if (problems.length > 0)
      ctx.rec.fail(
        'F04',
        `expected well-formed resource contents: ${problems.join('; ')}`,
        evidenceOf(exchange),
      );
  }
  const missing = await ctx.call('resources/read', { uri: MISSING_URI });
  const error = errorOf(missing);
  const result = resultOf(missing);
  const expected = ctx.era === 'modern' ? -32602 : -32002;
  if (error?.code === expected) ctx.rec.pass('F05', `a missing resource gets ${expected}`);
  else if (error !== undefined) {
    if (ctx.era === 'modern')
      ctx.rec.fail(
        'F05',
        `expected -32602 for a missing resource, received ${JSON.stringify(error.code)}`,
        evidenceOf(missing),
      );
    else
      ctx.rec.warn(
        'F05',
        `expected -32002 (SHOULD) for a missing resource, received ${JSON.stringify(error.code)}`,
        evidenceOf(missing),
      );
  } else if (result !== undefined) {
    const empty = Array.isArray(result['contents']) && result['contents'].length === 0;
    const message = `expected an error for a missing resource, received a result${empty ? ' with empty contents' : ''}`;
    if (ctx.era === 'modern') ctx.rec.fail('F05', message, evidenceOf(missing));
    else ctx.rec.warn('F05', message, evidenceOf(missing));
  } else
    ctx.rec.fail(
      'F05',
      'expected an error for a missing resource, received no response',
      evidenceOf(missing),
    );
  if (caps['subscribe'] === true)
    ctx.rec.skip('F06', 'resources.subscribe is advertised; updates are not triggered by a black-box runner');
  else await checkSubscribeRefused(ctx);
}

async function checkSubscribeRefused(ctx: RunContext): Promise<void> {
  if (ctx.era !== 'legacy' || !ctx.rec.wants('F06')) return;
  const exchange = await ctx.call('resources/subscribe', { uri: 'mcpwire-conformance://any' });
  if (resultOf(exchange) !== undefined) {
    ctx.rec.fail(
      'F06',
      'expected resources/subscribe to be refused without resources.subscribe, received a result',
      evidenceOf(exchange),
    );
  } else ctx.rec.pass('F06', 'resources/subscribe is refused without resources.subscribe');
}

export async function checkLogging(ctx: RunContext, tools: ReadonlySet<string>): Promise<void> {
  if (ctx.era !== 'legacy') return;
  if (!('logging' in ctx.serverCapabilities)) {
    ctx.rec.skip('F07', 'the server has no logging capability');
    return;
  }
  const exchange = await ctx.call('logging/setLevel', { level: 'error' });
  const result = resultOf(exchange);
  if (result === undefined || Object.keys(result).some((k) => k !== '_meta')) {
    ctx.rec.fail(
      'F07',
      `expected {} for logging/setLevel, received ${JSON.stringify(exchange.response)?.slice(0, 200)}`,
      evidenceOf(exchange),
    );
    return;
  }
  ctx.logLevel = 'error';
  if (tools.has('test_tool_with_logging')) {
    await ctx.call('tools/call', { name: 'test_tool_with_logging', arguments: {} });
    await new Promise((r) => setTimeout(r, 200));
    ctx.rec.pass('F07', 'setLevel returns {} and test_tool_with_logging sent nothing below "error"');
  } else ctx.rec.pass('F07', 'setLevel returns {} (no log messages below the level were seen)');
}

export async function checkPrompts(ctx: RunContext): Promise<void> {
  if (!('prompts' in ctx.serverCapabilities)) {
    ctx.rec.skip('F09', 'the server has no prompts capability');
    ctx.rec.skip('F08', 'no prompts to complete arguments of');
    return;
  }
  const prompts = await listAll(ctx, 'prompts/list', 'prompts');
  for (const prompt of prompts.slice(0, MAX_READS)) {
    const args = Array.isArray(prompt['arguments']) ? prompt['arguments'].filter(isObject) : [];
    const filled: JsonObject = {};
    for (const arg of args) if (arg['required'] === true) filled[String(arg['name'])] = 'test';
    const exchange = await ctx.call('prompts/get', { name: String(prompt['name']), arguments: filled });
    const messages = resultOf(exchange)?.['messages'];
    if (!Array.isArray(messages)) continue;
    const problems = messages.flatMap((m, i) =>
      contentProblems(isObject(m) ? m['content'] : m, `${String(prompt['name'])} messages[${i}].content`),
    );
    if (problems.length > 0)
      ctx.rec.fail(
        'F04',
        `expected well-formed prompt content: ${problems.join('; ')}`,
        evidenceOf(exchange),
      );
  }
  const unknown = await ctx.call('prompts/get', { name: 'mcpwire_conformance_no_such_prompt' });
  const error = errorOf(unknown);
  if (error?.code === -32602) ctx.rec.pass('F09', 'an unknown prompt gets -32602');
  else
    ctx.rec.fail(
      'F09',
      `expected -32602 for an unknown prompt, received ${error ? `error ${JSON.stringify(error.code)}` : 'a result'}`,
      evidenceOf(unknown),
    );
  const withRequired = prompts.find(
    (p) => Array.isArray(p['arguments']) && p['arguments'].some((a) => isObject(a) && a['required'] === true),
  );
  if (withRequired !== undefined) {
    const missing = await ctx.call('prompts/get', { name: String(withRequired['name']), arguments: {} });
    const e = errorOf(missing);
    if (e?.code !== -32602)
      ctx.rec.fail(
        'F09',
        `expected -32602 for prompt "${String(withRequired['name'])}" without its required arguments, received ${e ? `error ${JSON.stringify(e.code)}` : 'a result'}`,
        evidenceOf(missing),
      );
  }
  await checkCompletion(ctx, prompts);
}

async function checkCompletion(ctx: RunContext, prompts: readonly JsonObject[]): Promise<void> {
  if (!('completions' in ctx.serverCapabilities)) {
    ctx.rec.skip('F08', 'the server has no completions capability');
    return;
  }
  const prompt = prompts.find((p) => Array.isArray(p['arguments']) && p['arguments'].length > 0);
  const arg = prompt === undefined ? undefined : (prompt['arguments'] as unknown[]).find(isObject);
  if (prompt === undefined || arg === undefined) {
    ctx.rec.skip('F08', 'no prompt with arguments to complete');
    return;
  }
  const exchange = await ctx.call('completion/complete', {
    ref: { type: 'ref/prompt', name: String(prompt['name']) },
    argument: { name: String(arg['name']), value: '' },
  });
  const completion = resultOf(exchange)?.['completion'];
  const values = isObject(completion) ? completion['values'] : undefined;
  if (!Array.isArray(values)) {
    if (errorOf(exchange) !== undefined)
      ctx.rec.skip('F08', `completion/complete answered with an error for ${String(prompt['name'])}`);
    else
      ctx.rec.fail(
        'F08',
        `expected a CompleteResult with completion.values (an array) for ${String(prompt['name'])}, received ${exchange.response === undefined ? 'no response' : `result ${JSON.stringify(exchange.response['result']).slice(0, 120)}`}`,
        evidenceOf(exchange),
      );
  } else if (values.length > 100)
    ctx.rec.fail(
      'F08',
      `expected at most 100 completion values, received ${values.length}`,
      evidenceOf(exchange),
    );
  else ctx.rec.pass('F08', `completion/complete returns ${values.length} values`);
}
