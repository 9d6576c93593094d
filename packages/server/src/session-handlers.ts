/** The request handlers every ServerSession shares: one table, built once, that finds the session per request. */
import {
  type JsonObject,
  type LoggingLevel,
  ProtocolError,
  type RequestContext,
  ServerConnection,
  type WireError,
} from '@mcpwire/core/runtime';
import type { HandlerContext } from './context.js';
import { failedRequest, failureToWire, isDeliberate, ResourceNotFoundError, requestName } from './errors.js';
import {
  complete,
  getPrompt,
  listPrompts,
  listResources,
  listTemplates,
  listTools,
  readResource,
} from './methods.js';
import type { ListKind } from './registry.js';
import { zodConverterInFlight } from './schema-json.js';
import type { McpServer } from './server.js';
import type { ServerSession } from './session.js';

type Work = (server: McpServer, ctx: HandlerContext) => Promise<JsonObject>;
/** A request handler of any method, as the engine's shared table holds them. */
type AnyRequestHandler = (params: unknown, context: RequestContext) => unknown;

export type SessionWork = (session: ServerSession, ctx: HandlerContext) => Promise<JsonObject>;

let sessionHandlers: Map<string, AnyRequestHandler> | undefined;

/** The shared table, built on the first connection. */
export function sessionRequestHandlers(): Map<string, AnyRequestHandler> {
  sessionHandlers ??= handlerTable();
  return sessionHandlers;
}

/** The session a request arrived in: its connection's (see ServerConnection.sessionState). */
function sessionOf(rc: RequestContext): ServerSession {
  // Every request context the engine hands a handler is its IncomingRequest, whose owner is the engine.
  return (rc as unknown as { owner: ServerConnection }).owner.sessionState as ServerSession;
}

/** A feature module's method, given the session's server. */
function onServer(work: Work): SessionWork {
  return (session, ctx) => work(session.server, ctx);
}

/** A list method whose session remembers what the client was shown. */
function shown(kind: ListKind, work: Work): SessionWork {
  return async (session, ctx) => {
    const server = session.server;
    // A listed zod 4.0–4.1 schema needs zod's converter, loading since its registration (schema-json.ts).
    const converting = zodConverterInFlight();
    if (converting !== undefined) await converting;
    const result = await work(server, ctx);
    if (server.hasVisibilityRules) session.shownList(kind);
    return result;
  };
}

/** Everything a handler threw, as the error sent back; failures are reported (see errors.ts). */
export function handlerError(
  error: unknown,
  request: RequestContext,
  params: JsonObject | undefined,
): WireError {
  if (error instanceof ResourceNotFoundError) return error.toWireFor(request.era);
  // tasks/result replays a task's outcome, reported (if a failure) when the task ran.
  if (isDeliberate(error) || (error instanceof ProtocolError && request.method === 'tasks/result'))
    return error.toWire();
  sessionOf(request).server.reportFailure(error, failedRequest(request, requestName(params)));
  return failureToWire(error);
}

/** A handler limit of 0 means none (see McpServer.run). */
const UNLIMITED = 0;

function taskIdOf(ctx: HandlerContext): string {
  return ctx.params.taskId as string;
}

function nameOf(params: JsonObject | undefined): string | undefined {
  return typeof params?.name === 'string' ? params.name : undefined;
}

function uriOf(params: JsonObject | undefined): string | undefined {
  return typeof params?.uri === 'string' ? params.uri : undefined;
}

/**
 * The request handlers of every session of every server, built once: each finds its session through
 * the request's connection, so a session costs no map and no closures for them.
 */
function handlerTable(): Map<string, AnyRequestHandler> {
  const table = new Map(ServerConnection.builtinRequestHandlers);
  const add = (
    method: string,
    work: SessionWork,
    target?: (params: JsonObject | undefined) => string | undefined,
    fixedLimit?: number,
  ): void => {
    table.set(method, ((params: unknown, rc: RequestContext) =>
      sessionOf(rc).serve(
        params as JsonObject | undefined,
        rc,
        work,
        target,
        fixedLimit,
      )) as AnyRequestHandler);
  };
  add('tools/list', shown('tools', listTools));
  add('tools/call', (session, ctx) => session.callTool(ctx), nameOf);
  add('prompts/list', shown('prompts', listPrompts));
  add('prompts/get', onServer(getPrompt), nameOf);
  add('resources/list', shown('resources', listResources));
  add('resources/templates/list', shown('resources', listTemplates));
  add('resources/read', onServer(readResource), uriOf);
  add('completion/complete', onServer(complete));
  add('logging/setLevel', async (session, ctx) => {
    session.legacyLogLevel = ctx.params.level as LoggingLevel;
    session.connection.saveSession();
    return {};
  });
  add('resources/subscribe', (session, ctx) => session.subscribe(ctx), uriOf);
  add('resources/unsubscribe', (session, ctx) => session.unsubscribe(ctx), uriOf);
  // Long-lived by design: no handler time limit for listen streams and for waiting on a task's result.
  add(
    'subscriptions/listen',
    (session, ctx) => session.listen(ctx.params, ctx.request),
    undefined,
    UNLIMITED,
  );
  add('tasks/get', (session, ctx) => session.tasks().get(taskIdOf(ctx)));
  add(
    'tasks/result',
    (session, ctx) => session.tasks().result(taskIdOf(ctx), ctx.signal),
    undefined,
    UNLIMITED,
  );
  add('tasks/cancel', (session, ctx) => session.tasks().cancel(taskIdOf(ctx)));
  add('tasks/list', (session, ctx) => session.tasks().list(ctx.params.cursor as string | undefined));
  return table;
}
