/**
 * Resources: static resources (one URI) and templates (RFC 6570), their listings, reading with the reader's
 * return convention, and completion of template variables.
 *
 * Read convention: a reader returns a string (one text content with the resource's mimeType), a
 * Uint8Array (one blob content, base64), an array of contents, or `{ contents }`.
 */
import {
  type Annotations,
  ErrorCode,
  type Icon,
  type JsonObject,
  ProtocolError,
  type Resource,
  type ResourceContents,
  type Revision,
  revisionAtLeast,
} from '@mcpwire/core/runtime';
import { type CompletionsFor, checkCompletionKeys } from './completions.js';
import type { HandlerContext } from './context.js';
import { ResourceNotFoundError } from './errors.js';
import { UriTemplate } from './uri-template.js';
import type { VisibilityRule } from './visibility.js';

/** A resource's configuration: title, description, MIME type, visibility and more. */
export interface ResourceConfig {
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  annotations?: Annotations;
  icons?: Icon[];
  _meta?: JsonObject;
  /** Shows the resource (or template) only to callers this returns true for; to others it does not exist. */
  visible?: VisibilityRule;
  /** `_meta` members listed only to clients that declared the extension: extension id → members. */
  extensionMeta?: Record<string, JsonObject>;
}

/** What a resource reader returns: text, bytes (a blob), contents, or a whole result. */
export type ReadReturn = string | Uint8Array | ResourceContents[] | { contents: ResourceContents[] };

/** Reads a fixed resource. */
export type ResourceReader = (uri: string, ctx: HandlerContext) => ReadReturn | Promise<ReadReturn>;
/** Reads a resource of a template, given the URI's variables. */
export type TemplateReader = (
  uri: string,
  variables: Record<string, string>,
  ctx: HandlerContext,
) => ReadReturn | Promise<ReadReturn>;

/** The variable names of an RFC 6570 template (`'file:///{+path}{?rev}'` → `'path' | 'rev'`). */
export type TemplateVariables<T extends string> = string extends T
  ? string
  : T extends `${string}{${infer Expression}}${infer Rest}`
    ? ExpressionVariables<Expression> | TemplateVariables<Rest>
    : never;
type ExpressionVariables<E extends string> =
  E extends `${'+' | '#' | '.' | '/' | ';' | '?' | '&'}${infer List}` ? VariableList<List> : VariableList<E>;
type VariableList<L extends string> = L extends `${infer Head},${infer Tail}`
  ? VariableName<Head> | VariableList<Tail>
  : VariableName<L>;
type VariableName<V extends string> = V extends `${infer Name}*`
  ? Name
  : V extends `${infer Name}:${string}`
    ? Name
    : V;

/** A resource template's configuration: a resource config, plus listing and completion. */
export interface TemplateConfig<Template extends string = string> extends ResourceConfig {
  /** Lists concrete resources of this template for resources/list. */
  list?: (ctx: HandlerContext) => Resource[] | Promise<Resource[]>;
  /** Completion of template variables, by variable name. */
  complete?: CompletionsFor<TemplateVariables<Template>>;
}

/** What a resource's `update()` may change. */
export type ResourceChanges = Partial<ResourceConfig> & { read?: ResourceReader };
/** What a template's `update()` may change. */
export type TemplateChanges = Partial<TemplateConfig> & { read?: TemplateReader };

function describeFields(
  name: string,
  config: ResourceConfig,
  revision: Revision,
  out: JsonObject,
): JsonObject {
  out.name = name;
  if (config.description !== undefined) out.description = config.description;
  if (config.mimeType !== undefined) out.mimeType = config.mimeType;
  if (config.annotations !== undefined) out.annotations = config.annotations;
  if (revisionAtLeast(revision, '2025-06-18')) {
    if (config.title !== undefined) out.title = config.title;
    if (config._meta !== undefined) out._meta = config._meta;
  }
  if (revisionAtLeast(revision, '2025-11-25') && config.icons !== undefined) out.icons = config.icons;
  return out;
}

export class StaticResource {
  private readonly listings = new Map<Revision, JsonObject>();

  constructor(
    readonly name: string,
    readonly uri: string,
    readonly config: ResourceConfig,
    readonly reader: ResourceReader,
  ) {
    if (typeof reader !== 'function') {
      throw new TypeError(`Resource "${name}": expected a read function, received ${typeof reader}`);
    }
  }

  with(changes: ResourceChanges): StaticResource {
    const { read, ...config } = changes;
    return new StaticResource(this.name, this.uri, { ...this.config, ...config }, read ?? this.reader);
  }

  listing(revision: Revision): JsonObject {
    let entry = this.listings.get(revision);
    if (entry === undefined) {
      entry = describeFields(this.name, this.config, revision, { uri: this.uri });
      if (this.config.size !== undefined) entry.size = this.config.size;
      this.listings.set(revision, entry);
    }
    return entry;
  }

  async read(uri: string, ctx: HandlerContext): Promise<JsonObject> {
    return shapeContents(await this.reader(uri, ctx), uri, this.config.mimeType);
  }
}

export class ResourceTemplateEntry {
  readonly template: UriTemplate;
  private readonly listings = new Map<Revision, JsonObject>();

  constructor(
    readonly name: string,
    uriTemplate: string | UriTemplate,
    readonly config: TemplateConfig,
    readonly reader: TemplateReader,
  ) {
    this.template = typeof uriTemplate === 'string' ? new UriTemplate(uriTemplate) : uriTemplate;
    if (typeof reader !== 'function') {
      throw new TypeError(`Resource template "${name}": expected a read function, received ${typeof reader}`);
    }
    checkCompletionKeys(
      config.complete,
      this.template.variableNames,
      `Resource template "${name}"`,
      'variables',
    );
  }

  with(changes: TemplateChanges): ResourceTemplateEntry {
    const { read, ...config } = changes;
    return new ResourceTemplateEntry(
      this.name,
      this.template,
      { ...this.config, ...config },
      read ?? this.reader,
    );
  }

  listing(revision: Revision): JsonObject {
    let entry = this.listings.get(revision);
    if (entry === undefined) {
      entry = describeFields(this.name, this.config, revision, { uriTemplate: this.template.template });
      this.listings.set(revision, entry);
    }
    return entry;
  }

  async read(uri: string, variables: Record<string, string>, ctx: HandlerContext): Promise<JsonObject> {
    return shapeContents(await this.reader(uri, variables, ctx), uri, this.config.mimeType);
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function shapeContents(returned: ReadReturn, uri: string, mimeType: string | undefined): JsonObject {
  if (typeof returned === 'string') {
    const text: JsonObject = { uri, text: returned };
    if (mimeType !== undefined) text.mimeType = mimeType;
    return { contents: [text] };
  }
  if (returned instanceof Uint8Array) {
    const blob: JsonObject = { uri, blob: toBase64(returned) };
    if (mimeType !== undefined) blob.mimeType = mimeType;
    return { contents: [blob] };
  }
  if (Array.isArray(returned)) return { contents: returned as unknown as JsonObject[] };
  if (typeof returned === 'object' && returned !== null && Array.isArray(returned.contents)) {
    return { ...(returned as unknown as JsonObject) };
  }
  throw new ProtocolError(
    ErrorCode.InternalError,
    `Reading ${uri}: expected the reader to return a string, a Uint8Array, an array of contents or { contents }, received ${returned === null ? 'null' : typeof returned}`,
  );
}

/** -32002 in legacy revisions, -32602 in 2026-07-28 (server/resources §Error Handling): see errors.ts. */
export function resourceNotFound(uri: string): ResourceNotFoundError {
  return new ResourceNotFoundError(
    uri,
    `Resource not found: expected the URI of a listed resource or one matching a resource template, received ${JSON.stringify(uri)}`,
  );
}
