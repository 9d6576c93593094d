/**
 * Prompts: definitions with arguments (a zod shape/object, or a plain list of `{ name, required }`),
 * required-argument checks (-32602), completion callbacks per argument, and the handler's return
 * convention: a string (one user text message), an array of messages, or a full GetPromptResult.
 */
import {
  ConfigError,
  ErrorCode,
  type GetPromptResult,
  type Icon,
  type JsonObject,
  type PromptArgument,
  type PromptMessage,
  ProtocolError,
  type Revision,
  revisionAtLeast,
} from '@mcpwire/core/runtime';
import { type CompletionsFor, checkCompletionKeys } from './completions.js';
import type { HandlerContext } from './context.js';
import { type ArgsOf, DeclaredSchema, describeFieldIssues, type SchemaShape } from './schema-input.js';
import type { InputOf } from './standard-schema.js';
import type { VisibilityRule } from './visibility.js';

/** What a prompt handler returns: a string (one user message), messages, or a whole result. */
export type PromptReturn = string | PromptMessage[] | Omit<GetPromptResult, 'resultType'>;
/** Builds a prompt's messages from its arguments. */
export type PromptHandler<A> = (args: A, ctx: HandlerContext) => PromptReturn | Promise<PromptReturn>;

/**
 * A prompt's arguments: a shape of schemas (typed and validated; each must accept a string, as prompt
 * arguments arrive as strings, and may refine or transform it), or a plain list of `{ name, required }`.
 */
export type PromptArgumentsSchema = SchemaShape | readonly PromptArgument[];

/** The type a shape member must have when its schema cannot take a string. */
export type NotAStringSchema =
  'Prompt arguments arrive as strings: expected a schema that accepts a string (e.g. z.string(), z.enum([...]), z.coerce.number())';

/** Refuses shape members whose schema accepts no string (`z.number()`); the rest pass unchanged. */
export type StringArguments<S> = S extends SchemaShape
  ? {
      [K in keyof S]: [Extract<InputOf<S[K]>, string>] extends [never]
        ? unknown extends InputOf<S[K]>
          ? S[K]
          : NotAStringSchema
        : S[K];
    }
  : S;

/** The names of a prompt's arguments (any string for a plain list without literal names). */
export type ArgumentNames<S> = S extends readonly PromptArgument[] ? S[number]['name'] : keyof S & string;

/** A prompt's configuration: title, description, arguments, completion. */
export interface PromptConfig<S extends PromptArgumentsSchema = PromptArgumentsSchema> {
  title?: string;
  description?: string;
  arguments?: S;
  icons?: Icon[];
  _meta?: JsonObject;
  /** Completion of argument values, by argument name. */
  complete?: CompletionsFor<ArgumentNames<S>>;
  /** Shows the prompt only to callers this returns true for; to others it is unknown. */
  visible?: VisibilityRule;
}

/** What a prompt's `update()` may change. */
export type PromptChanges = Partial<PromptConfig> & { handler?: PromptHandler<Record<string, string>> };

/** The handler's argument types of a prompt's arguments schema. */
export type PromptArgsOf<S> = S extends readonly PromptArgument[]
  ? { [key: string]: string | undefined }
  : ArgsOf<S>;

export class PromptEntry {
  private readonly schema: DeclaredSchema | undefined;
  private readonly declared: PromptArgument[];
  private readonly listings = new Map<Revision, JsonObject>();

  constructor(
    readonly name: string,
    readonly config: PromptConfig,
    readonly handler: PromptHandler<Record<string, string>>,
  ) {
    if (typeof handler !== 'function') {
      throw new ConfigError(`Prompt "${name}": expected a handler function, received ${typeof handler}`);
    }
    const args = config.arguments;
    if (args === undefined || Array.isArray(args)) {
      this.declared = (args as PromptArgument[] | undefined) ?? [];
    } else {
      this.schema = DeclaredSchema.from(args, `Prompt "${name}" arguments`, 'input');
      this.declared = this.schema.fields();
    }
    checkCompletionKeys(
      config.complete,
      this.declared.map((arg) => arg.name),
      `Prompt "${name}"`,
      'arguments',
    );
  }

  with(changes: PromptChanges): PromptEntry {
    const { handler, ...config } = changes;
    return new PromptEntry(this.name, { ...this.config, ...config }, handler ?? this.handler);
  }

  listing(revision: Revision): JsonObject {
    let prompt = this.listings.get(revision);
    if (prompt !== undefined) return prompt;
    const c = this.config;
    prompt = { name: this.name };
    if (c.description !== undefined) prompt.description = c.description;
    if (this.declared.length > 0) prompt.arguments = this.declared as unknown as JsonObject[];
    if (revisionAtLeast(revision, '2025-06-18')) {
      if (c.title !== undefined) prompt.title = c.title;
      if (c._meta !== undefined) prompt._meta = c._meta;
    }
    if (revisionAtLeast(revision, '2025-11-25') && c.icons !== undefined) prompt.icons = c.icons;
    this.listings.set(revision, prompt);
    return prompt;
  }

  async get(args: Record<string, string> | undefined, ctx: HandlerContext): Promise<JsonObject> {
    const given = args ?? {};
    const missing = this.declared.filter((arg) => arg.required === true && given[arg.name] === undefined);
    if (missing.length > 0) {
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        `Invalid params for prompt ${this.name}: expected the required argument${missing.length > 1 ? 's' : ''} ${missing.map((arg) => arg.name).join(', ')}, received ${JSON.stringify(Object.keys(given))}`,
      );
    }
    let value: unknown = given;
    if (this.schema !== undefined) {
      let checked = this.schema.validate(given);
      if (checked instanceof Promise) checked = await checked;
      if (!checked.ok) {
        throw new ProtocolError(
          ErrorCode.InvalidParams,
          `Invalid arguments for prompt ${this.name}: ${describeFieldIssues(checked.issues)}`,
        );
      }
      value = checked.value;
    }
    const returned = await this.handler(value as Record<string, string>, ctx);
    if (typeof returned === 'string') {
      return { messages: [{ role: 'user', content: { type: 'text', text: returned } }] };
    }
    const result: JsonObject = Array.isArray(returned)
      ? { messages: returned as unknown as JsonObject[] }
      : { ...(returned as JsonObject) };
    if (this.config.description !== undefined && result.description === undefined) {
      result.description = this.config.description;
    }
    return result;
  }
}
