/**
 * Tools: definitions, their listing per revision, and calling one (argument validation, the handler's
 * return convention, output-schema checks).
 *
 * Return convention: a handler returns a string (one text block), an array of content blocks, or a full
 * result object (`{ content?, structuredContent?, isError? }`). With an output schema, `structuredContent`
 * is validated before sending (not for `isError` results) and, when `content` is left out, a text block
 * with its JSON is added for clients that predate structured output.
 */
import {
  ConfigError,
  type ContentBlock,
  ErrorCode,
  type Icon,
  type JsonObject,
  type MetaObject,
  ProtocolError,
  type Revision,
  revisionAtLeast,
  type ToolAnnotations,
} from '@mcpwire/core/runtime';
import type { HandlerContext } from './context.js';
import { InputRequiredSignal } from './mrtr.js';
import {
  type ArgsOf,
  type ArgumentsSchema,
  DeclaredSchema,
  describeFieldIssues,
  type ValidationOutcome,
} from './schema-input.js';
import type { VisibilityRule } from './visibility.js';

/** Whether a tool may, must or must not run as a 2025-11-25 task. */
export type TaskSupport = 'forbidden' | 'optional' | 'required';

/** A tool result as a handler writes it (`resultType` and the rest of the envelope are the server's). */
export interface ToolResult {
  content?: ContentBlock[];
  /** The structured result (2025-06-18 and later), usually checked against an `outputSchema`. */
  structuredContent?: { [key: string]: unknown };
  /** The tool failed; `content` says why, so the model can see it and correct itself. */
  isError?: boolean;
  _meta?: MetaObject;
}

/** With an `outputSchema`: a result whose `structuredContent` matches it, or an error result. */
export type StructuredToolResult<Structured> =
  | { content?: ContentBlock[]; structuredContent: Structured; isError?: false; _meta?: MetaObject }
  | { content: ContentBlock[]; structuredContent?: Structured; isError: true; _meta?: MetaObject };

/**
 * What a tool handler may return (see the module comment). A tool with an `outputSchema` returns a result
 * object whose `structuredContent` is typed from that schema.
 */
export type ToolReturn<Output extends ArgumentsSchema | undefined = undefined> =
  // Not distributive, and `never` is "not inferred yet": while `Output` is being inferred, a distributive
  // form would spread over the whole constraint and leave `new Promise(...)` in a handler untyped.
  [Output] extends [never]
    ? PlainToolReturn
    : [Output] extends [ArgumentsSchema]
      ? StructuredToolResult<ArgsOf<Output>>
      : PlainToolReturn;

/** What a tool without an `outputSchema` may return. */
export type PlainToolReturn = string | ContentBlock[] | ToolResult;

/** Runs a tool: typed arguments and the context in, a result out. */
export type ToolHandler<Args, Output extends ArgumentsSchema | undefined = undefined> = (
  args: Args,
  ctx: HandlerContext,
) => ToolReturn<Output> | Promise<ToolReturn<Output>>;

/** The members of a result object a handler may write. */
type ToolResultMember = 'content' | 'structuredContent' | 'isError' | '_meta';

/** The members of `Result` (any of its union members) that no tool result has. */
type ExtraResultMembers<Result> = Result extends string | readonly unknown[]
  ? never
  : Result extends object
    ? Exclude<keyof Result, ToolResultMember>
    : never;

/**
 * `unknown` when the result a handler returns has only result members, else a type no function matches,
 * naming the members too many. TypeScript checks excess members only where an object literal meets a
 * declared type, not in the return type it infers for an arrow function, so `() => ({ content: [],
 * temperature: 3 })` would compile and send `"temperature": 3`; `tool()` intersects its handler with this.
 */
export type OnlyToolResultMembers<Result> = [ExtraResultMembers<Result>] extends [never]
  ? unknown
  : { 'a tool result has no member': ExtraResultMembers<Result> };

/** No arguments: what a tool without `inputSchema` takes. */
export type NoArguments = Record<never, never>;

/** A tool's configuration: input and output schemas, title, description, annotations and more. */
export interface ToolConfig<
  Input extends ArgumentsSchema = ArgumentsSchema,
  Output extends ArgumentsSchema | undefined = ArgumentsSchema | undefined,
> {
  title?: string;
  description?: string;
  /**
   * The arguments: an object schema of any Standard Schema library (zod, valibot, arktype, ...), a shape of
   * such schemas (`{ city: z.string() }`), or a plain JSON Schema (listed unchanged; arguments are checked
   * against it either way). The handler's arguments are typed from it. Default: no arguments.
   */
  inputSchema?: Input;
  /** The schema of `structuredContent` (the same kinds as `inputSchema`), checked before sending. */
  outputSchema?: Output;
  annotations?: ToolAnnotations;
  icons?: Icon[];
  _meta?: JsonObject;
  /** 2025-11-25 tasks: whether the tool may (or must) be called as a task. Default "forbidden". */
  taskSupport?: TaskSupport;
  /** Per-tool handler time limit, overriding the server's `handlerTimeoutMs`. */
  timeoutMs?: number;
  /** Shows the tool only to callers this returns true for; to others it is unknown (docs/extensions.md). */
  visible?: VisibilityRule;
  /** `_meta` members listed only to clients that declared the extension: extension id → members. */
  extensionMeta?: Record<string, JsonObject>;
}

/** What `handle.update()` accepts for a tool: any config field, and a new handler. */
export type ToolChanges = Partial<ToolConfig> & {
  handler?: ToolHandler<{ [key: string]: unknown }, ArgumentsSchema | undefined>;
};

type AnyToolHandler = (args: { [key: string]: unknown }, ctx: HandlerContext) => unknown;

/** tools §Tool Names (2025-11-25): 1–128 characters among A–Z, a–z, 0–9, `_`, `-` and `.`. */
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

function checkToolName(name: unknown): asserts name is string {
  if (typeof name === 'string' && TOOL_NAME.test(name)) return;
  let received: string;
  if (typeof name !== 'string') received = typeof name;
  else if (name.length === 0) received = 'an empty name';
  else if (name.length > 128) received = `${name.length} characters`;
  else {
    const bad = [...name].find((char) => !/[A-Za-z0-9_.-]/.test(char))!;
    received = `${bad === ' ' ? 'a space' : JSON.stringify(bad)} at position ${name.indexOf(bad) + 1}`;
  }
  throw new ConfigError(
    `Tool ${JSON.stringify(name)}: expected a name of 1 to 128 characters among A-Z, a-z, 0-9, "_", "-" and "." (tools §Tool Names, 2025-11-25), received ${received}`,
  );
}

export class ToolEntry {
  readonly input: DeclaredSchema;
  readonly output: DeclaredSchema | undefined;
  private readonly listings = new Map<Revision, JsonObject>();

  constructor(
    readonly name: string,
    readonly config: ToolConfig,
    readonly handler: AnyToolHandler,
  ) {
    checkToolName(name);
    if (typeof handler !== 'function') {
      throw new ConfigError(`Tool "${name}": expected a handler function, received ${typeof handler}`);
    }
    this.input =
      config.inputSchema === undefined
        ? DeclaredSchema.anyObject
        : DeclaredSchema.from(config.inputSchema, `Tool "${name}" inputSchema`, 'input');
    this.output =
      config.outputSchema === undefined
        ? undefined
        : DeclaredSchema.from(config.outputSchema, `Tool "${name}" outputSchema`, 'output');
  }

  with(changes: ToolChanges): ToolEntry {
    const { handler, ...config } = changes;
    return new ToolEntry(
      this.name,
      { ...this.config, ...config },
      (handler as AnyToolHandler) ?? this.handler,
    );
  }

  get taskSupport(): TaskSupport {
    return this.config.taskSupport ?? 'forbidden';
  }

  /** The Tool object a client of `revision` sees (fields that revision lacks are left out). */
  listing(revision: Revision): JsonObject {
    let tool = this.listings.get(revision);
    if (tool !== undefined) return tool;
    const c = this.config;
    tool = { name: this.name };
    if (c.description !== undefined) tool.description = c.description;
    tool.inputSchema = this.input.jsonSchema(revision);
    if (revisionAtLeast(revision, '2025-03-26') && c.annotations !== undefined)
      tool.annotations = c.annotations;
    if (revisionAtLeast(revision, '2025-06-18')) {
      if (c.title !== undefined) tool.title = c.title;
      if (this.output !== undefined) tool.outputSchema = this.output.jsonSchema(revision);
      if (c._meta !== undefined) tool._meta = c._meta;
    }
    if (revisionAtLeast(revision, '2025-11-25')) {
      if (c.icons !== undefined) tool.icons = c.icons;
      if (revision === '2025-11-25' && c.taskSupport !== undefined) {
        tool.execution = { taskSupport: c.taskSupport };
      }
    }
    this.listings.set(revision, tool);
    return tool;
  }

  /** Validates the arguments, runs the handler and shapes its result. */
  async call(args: Record<string, unknown> | undefined, ctx: HandlerContext): Promise<JsonObject> {
    let checked = this.input.validate(args ?? {});
    if (checked instanceof Promise) checked = await checked;
    if (!checked.ok) {
      const text = `Invalid arguments for tool ${this.name}: ${describeFieldIssues(checked.issues)}`;
      // 2025-11-25 made input validation a tool execution error, so the model can correct itself;
      // earlier revisions list invalid arguments among protocol errors.
      if (ctx.revision !== undefined && !revisionAtLeast(ctx.revision, '2025-11-25')) {
        throw new ProtocolError(ErrorCode.InvalidParams, text, { issues: checked.issues });
      }
      return errorResult(text);
    }
    let returned: unknown;
    try {
      returned = this.handler(checked.value as { [key: string]: unknown }, ctx);
      // A handler that answers at once is not awaited: each await costs a promise and a microtask per call.
      if (isThenable(returned)) returned = await returned;
    } catch (error) {
      if (error instanceof InputRequiredSignal || error instanceof ProtocolError) throw error;
      if (ctx.rounds?.hasMissing) throw new InputRequiredSignal();
      // A handler stopped by its signal (cancelled, timed out, connection gone) did not fail by itself.
      if (!ctx.signal.aborted) ctx.reportFailure(error);
      return errorResult(error instanceof Error ? error.message : String(error));
    }
    return this.shape(returned);
  }

  private shape(returned: unknown): JsonObject | Promise<JsonObject> {
    if (typeof returned === 'string') return this.checked({ content: [{ type: 'text', text: returned }] });
    if (Array.isArray(returned)) return this.checked({ content: returned });
    if (typeof returned !== 'object' || returned === null) {
      throw new ProtocolError(
        ErrorCode.InternalError,
        `Tool ${this.name} returned ${returned === null ? 'null' : typeof returned}: expected a string, an array of content blocks or a result object`,
      );
    }
    const object = returned as JsonObject;
    if (
      object.content === undefined &&
      object.structuredContent === undefined &&
      object.isError === undefined
    ) {
      throw new ProtocolError(
        ErrorCode.InternalError,
        `Tool ${this.name} returned an object with none of content, structuredContent and isError (keys: ${Object.keys(object).join(', ') || 'none'}): expected a string, an array of content blocks or a result object`,
      );
    }
    // `content` first, then the spread: adding it after a spread costs a hidden class per result in V8.
    const result: JsonObject = { content: object.content, ...object };
    if (result.content === undefined) {
      result.content =
        result.structuredContent === undefined
          ? []
          : [{ type: 'text', text: JSON.stringify(result.structuredContent) }];
    }
    return this.checked(result);
  }

  private checked(result: JsonObject): JsonObject | Promise<JsonObject> {
    if (this.output === undefined || result.isError === true) return result;
    if (result.structuredContent === undefined) {
      throw new ProtocolError(
        ErrorCode.InternalError,
        `Tool ${this.name} declares an outputSchema: expected structuredContent in its result, received none`,
      );
    }
    const outcome = this.output.validate(result.structuredContent);
    if (outcome instanceof Promise) return outcome.then((settled) => this.matched(result, settled));
    return this.matched(result, outcome);
  }

  private matched(result: JsonObject, outcome: ValidationOutcome): JsonObject {
    if (!outcome.ok) {
      throw new ProtocolError(
        ErrorCode.InternalError,
        `Tool ${this.name} returned structuredContent that does not match its outputSchema: ${describeFieldIssues(outcome.issues)}`,
      );
    }
    return result;
  }
}

export function errorResult(text: string): JsonObject {
  return { content: [{ type: 'text', text }], isError: true };
}

/** What `await` would wait for: an object or function with a callable `then`. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
