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
  type CallToolResult,
  type ContentBlock,
  ErrorCode,
  type Icon,
  type JsonObject,
  ProtocolError,
  type Revision,
  revisionAtLeast,
  type ToolAnnotations,
} from '@mcpwire/core';
import type { HandlerContext } from './context.js';
import { InputRequiredSignal } from './mrtr.js';
import { type ArgsOf, type ArgumentsSchema, DeclaredSchema, describeFieldIssues } from './schema-input.js';
import type { VisibilityRule } from './visibility.js';

export type TaskSupport = 'forbidden' | 'optional' | 'required';

/** What a tool handler may return (see the module comment). */
export type ToolReturn =
  | string
  | ContentBlock[]
  | (Partial<Omit<CallToolResult, 'resultType'>> & { structuredContent?: unknown });

export type ToolHandler<A> = (args: A, ctx: HandlerContext) => ToolReturn | Promise<ToolReturn>;

export interface ToolConfig<S extends ArgumentsSchema = ArgumentsSchema> {
  title?: string;
  description?: string;
  /**
   * zod object, raw zod shape, or plain JSON Schema (listed unchanged; arguments are checked against it
   * either way). Default: no arguments.
   */
  inputSchema?: S;
  /** zod object or JSON Schema for `structuredContent`, checked before sending either way. */
  outputSchema?: ArgumentsSchema;
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
export type ToolChanges = Partial<ToolConfig> & { handler?: ToolHandler<Record<string, unknown>> };

export class ToolEntry {
  readonly input: DeclaredSchema;
  readonly output: DeclaredSchema | undefined;
  private readonly listings = new Map<Revision, JsonObject>();

  constructor(
    readonly name: string,
    readonly config: ToolConfig,
    readonly handler: ToolHandler<Record<string, unknown>>,
  ) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError(`Tool name: expected a non-empty string, received ${JSON.stringify(name)}`);
    }
    if (typeof handler !== 'function') {
      throw new TypeError(`Tool "${name}": expected a handler function, received ${typeof handler}`);
    }
    this.input = DeclaredSchema.from(config.inputSchema, `Tool "${name}" inputSchema`);
    this.output =
      config.outputSchema === undefined
        ? undefined
        : DeclaredSchema.from(config.outputSchema, `Tool "${name}" outputSchema`);
  }

  with(changes: ToolChanges): ToolEntry {
    const { handler, ...config } = changes;
    return new ToolEntry(this.name, { ...this.config, ...config }, handler ?? this.handler);
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
    tool.inputSchema = this.input.jsonSchema(revision, 'input');
    if (revisionAtLeast(revision, '2025-03-26') && c.annotations !== undefined)
      tool.annotations = c.annotations;
    if (revisionAtLeast(revision, '2025-06-18')) {
      if (c.title !== undefined) tool.title = c.title;
      if (this.output !== undefined) tool.outputSchema = this.output.jsonSchema(revision, 'output');
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
    const checked = this.input.validate(args ?? {});
    if (!checked.ok) {
      const text = `Invalid arguments for tool ${this.name}: ${describeFieldIssues(checked.issues)}`;
      // 2025-11-25 made input validation a tool execution error, so the model can correct itself;
      // earlier revisions list invalid arguments among protocol errors.
      if (ctx.revision !== undefined && !revisionAtLeast(ctx.revision, '2025-11-25')) {
        throw new ProtocolError(ErrorCode.InvalidParams, text, { issues: checked.issues });
      }
      return errorResult(text);
    }
    let returned: ToolReturn;
    try {
      returned = await this.handler(checked.value as Record<string, unknown>, ctx);
    } catch (error) {
      if (error instanceof InputRequiredSignal || error instanceof ProtocolError) throw error;
      if (ctx.rounds?.hasMissing) throw new InputRequiredSignal();
      return errorResult(error instanceof Error ? error.message : String(error));
    }
    return this.shape(returned);
  }

  private shape(returned: ToolReturn): JsonObject {
    if (typeof returned === 'string') return this.checked({ content: [{ type: 'text', text: returned }] });
    if (Array.isArray(returned)) return this.checked({ content: returned as unknown as JsonObject[] });
    if (typeof returned !== 'object' || returned === null) {
      throw new ProtocolError(
        ErrorCode.InternalError,
        `Tool ${this.name} returned ${returned === null ? 'null' : typeof returned}: expected a string, an array of content blocks or a result object`,
      );
    }
    // `content` first, then the spread: adding it after a spread costs a hidden class per result in V8.
    const result: JsonObject = { content: (returned as JsonObject).content, ...returned };
    if (result.content === undefined) {
      result.content =
        result.structuredContent === undefined
          ? []
          : [{ type: 'text', text: JSON.stringify(result.structuredContent) }];
    }
    return this.checked(result);
  }

  private checked(result: JsonObject): JsonObject {
    if (this.output === undefined || result.isError === true) return result;
    if (result.structuredContent === undefined) {
      throw new ProtocolError(
        ErrorCode.InternalError,
        `Tool ${this.name} declares an outputSchema: expected structuredContent in its result, received none`,
      );
    }
    const outcome = this.output.validate(result.structuredContent);
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

/** `server.tool()`'s handler type for a given input schema. */
export type TypedToolHandler<S extends ArgumentsSchema> = ToolHandler<ArgsOf<S>>;
