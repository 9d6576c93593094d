/**
 * The MCP methods a session serves, as plain functions of (server, context, params): lists with
 * pagination and (2026-07-28) caching hints, tools/call, resources/read, prompts/get, completion/complete,
 * and the multi round-trip wrapper the last three run in on modern requests.
 */
import { ErrorCode, type IncomingSpan, type JsonObject, ProtocolError } from '@mcpwire/core/runtime';
import type { HandlerContext } from './context.js';
import { InputRequiredSignal, InputRounds, type RequestBinding } from './mrtr.js';
import { resourceNotFound } from './resources.js';
import type { McpServer } from './server.js';
import {
  visiblePrompt,
  visiblePrompts,
  visibleResource,
  visibleResources,
  visibleTemplates,
  visibleTool,
  visibleTools,
  withExtensionMeta,
} from './visibility.js';

const MAX_COMPLETION_VALUES = 100;

function withCache(server: McpServer, ctx: HandlerContext, result: JsonObject): JsonObject {
  if (ctx.era !== 'modern' || result.resultType === 'input_required') return result;
  const hint = server.cacheFields(ctx.method);
  result.ttlMs = hint.ttlMs;
  result.cacheScope = hint.cacheScope;
  return result;
}

function paged(server: McpServer, ctx: HandlerContext, key: string, all: readonly JsonObject[]): JsonObject {
  const cursor = ctx.params.cursor;
  const page = server.paginator.page(ctx.method, all, typeof cursor === 'string' ? cursor : undefined);
  const result: JsonObject = { [key]: page.items };
  if (page.nextCursor !== undefined) result.nextCursor = page.nextCursor;
  return withCache(server, ctx, result);
}

export async function listTools(server: McpServer, ctx: HandlerContext): Promise<JsonObject> {
  const revision = ctx.revision ?? '2025-11-25';
  return paged(
    server,
    ctx,
    'tools',
    visibleTools(server, ctx).map((tool) =>
      withExtensionMeta(tool.listing(revision), tool.config.extensionMeta, ctx),
    ),
  );
}

export async function listPrompts(server: McpServer, ctx: HandlerContext): Promise<JsonObject> {
  const revision = ctx.revision ?? '2025-11-25';
  return paged(
    server,
    ctx,
    'prompts',
    visiblePrompts(server, ctx).map((prompt) => prompt.listing(revision)),
  );
}

export async function listResources(server: McpServer, ctx: HandlerContext): Promise<JsonObject> {
  const revision = ctx.revision ?? '2025-11-25';
  const all: JsonObject[] = visibleResources(server, ctx).map((resource) =>
    withExtensionMeta(resource.listing(revision), resource.config.extensionMeta, ctx),
  );
  for (const template of visibleTemplates(server, ctx)) {
    const listed = await template.config.list?.(ctx);
    if (listed !== undefined) all.push(...(listed as unknown as JsonObject[]));
  }
  return paged(server, ctx, 'resources', all);
}

export async function listTemplates(server: McpServer, ctx: HandlerContext): Promise<JsonObject> {
  const revision = ctx.revision ?? '2025-11-25';
  return paged(
    server,
    ctx,
    'resourceTemplates',
    visibleTemplates(server, ctx).map((template) =>
      withExtensionMeta(template.listing(revision), template.config.extensionMeta, ctx),
    ),
  );
}

function principalOf(ctx: HandlerContext): string | undefined {
  const auth = ctx.authInfo;
  return auth === undefined ? undefined : (auth.subject ?? auth.clientId ?? auth.token);
}

/**
 * Runs `work` with input rounds on a modern request: verifies an incoming requestState, feeds the retry's
 * inputResponses to the handler's client calls, and answers with an InputRequiredResult while any is missing.
 */
export function withInputRounds(
  server: McpServer,
  ctx: HandlerContext,
  name: string,
  args: unknown,
  work: () => Promise<JsonObject>,
): Promise<JsonObject> {
  // Not an async function: a legacy request's work is returned as it is (no promise adopting it).
  if (ctx.era !== 'modern') return work();
  return withModernInputRounds(server, ctx, name, args, work);
}

async function withModernInputRounds(
  server: McpServer,
  ctx: HandlerContext,
  name: string,
  args: unknown,
  work: () => Promise<JsonObject>,
): Promise<JsonObject> {
  const binding: RequestBinding = {
    method: ctx.method,
    name,
    arguments: args ?? {},
    principal: principalOf(ctx),
  };
  const state = ctx.params.requestState;
  const previous = typeof state === 'string' ? await server.sealer.open(state, binding) : undefined;
  const responses = ctx.params.inputResponses as JsonObject | undefined;
  const rounds = new InputRounds(previous, previous === undefined ? undefined : responses);
  // The engine's request record carries its telemetry span (not part of the RequestContext interface).
  rounds.traceContext = (ctx.request as { span?: IncomingSpan }).span;
  ctx.rounds = rounds;
  let result: JsonObject;
  try {
    result = await work();
  } catch (error) {
    if (error instanceof InputRequiredSignal || rounds.hasMissing)
      return rounds.result(server.sealer, binding);
    throw error;
  }
  return rounds.hasMissing ? rounds.result(server.sealer, binding) : result;
}

/** An unknown tool or prompt is a bad parameter (-32602), as the spec's error examples show. */
function unknownName(kind: 'tool' | 'prompt', name: string): ProtocolError {
  return new ProtocolError(
    ErrorCode.InvalidParams,
    `Unknown ${kind}: expected one of the listed ${kind}s, received ${JSON.stringify(name)}`,
  );
}

export function callTool(server: McpServer, ctx: HandlerContext): Promise<JsonObject> {
  const name = ctx.params.name as string;
  const tool = visibleTool(server, ctx, name);
  if (tool === undefined) return Promise.reject(unknownName('tool', name));
  const args = ctx.params.arguments as Record<string, unknown> | undefined;
  return withInputRounds(server, ctx, name, args, () => tool.call(args, ctx));
}

export async function readResource(server: McpServer, ctx: HandlerContext): Promise<JsonObject> {
  const uri = ctx.params.uri as string;
  const result = await withInputRounds(server, ctx, uri, uri, async () => {
    const fixed = visibleResource(server, ctx, uri);
    if (fixed !== undefined) return fixed.read(uri, ctx);
    for (const template of visibleTemplates(server, ctx)) {
      const variables = template.template.match(uri);
      if (variables !== undefined) return template.read(uri, variables, ctx);
    }
    throw resourceNotFound(uri);
  });
  return withCache(server, ctx, result);
}

export function getPrompt(server: McpServer, ctx: HandlerContext): Promise<JsonObject> {
  const name = ctx.params.name as string;
  const prompt = visiblePrompt(server, ctx, name);
  if (prompt === undefined) return Promise.reject(unknownName('prompt', name));
  const args = ctx.params.arguments as Record<string, string> | undefined;
  return withInputRounds(server, ctx, name, args, () => prompt.get(args, ctx));
}

export async function complete(server: McpServer, ctx: HandlerContext): Promise<JsonObject> {
  const ref = ctx.params.ref as { type: string; name?: string; uri?: string };
  const argument = ctx.params.argument as { name: string; value: string };
  const context = ctx.params.context as { arguments?: Record<string, string> } | undefined;
  let callbacks: JsonObject | undefined;
  if (ref.type === 'ref/prompt') {
    const prompt = visiblePrompt(server, ctx, ref.name ?? '');
    if (prompt === undefined) {
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        `Invalid params: expected ref/prompt to name a listed prompt, received ${JSON.stringify(ref.name)}`,
      );
    }
    callbacks = prompt.config.complete;
  } else {
    const template = visibleTemplates(server, ctx).find((entry) => entry.template.template === ref.uri);
    if (template === undefined && visibleResource(server, ctx, ref.uri ?? '') === undefined) {
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        `Invalid params: expected ref/resource to name a listed resource template, received ${JSON.stringify(ref.uri)}`,
      );
    }
    callbacks = template?.config.complete;
  }
  const callback = callbacks?.[argument.name] as
    | ((
        value: string,
        context: { arguments: Record<string, string> },
        ctx: HandlerContext,
      ) => string[] | Promise<string[]>)
    | undefined;
  const values =
    callback === undefined
      ? []
      : await callback(argument.value, { arguments: context?.arguments ?? {} }, ctx);
  if (!Array.isArray(values)) {
    throw new ProtocolError(
      ErrorCode.InternalError,
      `Completion of ${argument.name}: expected the callback to return an array of strings, received ${typeof values}`,
    );
  }
  return {
    completion: {
      values: values.length > MAX_COMPLETION_VALUES ? values.slice(0, MAX_COMPLETION_VALUES) : values,
      total: values.length,
      hasMore: values.length > MAX_COMPLETION_VALUES,
    },
  };
}
