/**
 * Content blocks (what tools return, prompts contain and sampling exchanges), resource contents, and the
 * Resource and ResourceTemplate descriptions (a resource link is a Resource).
 * 2025-03-26 adds audio; 2025-06-18 adds `_meta`, `lastModified`, titles and resource links; 2025-11-25
 * adds icons on resource links and tool use in sampling.
 */
import type { Icon, MetaObject, Role } from './base.js';

/** Hints about how to use or show an object. */
export interface Annotations {
  /** Who the object is meant for. */
  audience?: Role[];
  /** 0 (least important) to 1 (most important). */
  priority?: number;
  /** 2025-06-18 and later: ISO 8601 time of the last change. */
  lastModified?: string;
}

/** Text content. */
export interface TextContent {
  type: 'text';
  text: string;
  annotations?: Annotations;
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

/** Image content (base64 data and its MIME type). */
export interface ImageContent {
  type: 'image';
  /** Base64-encoded image data. */
  data: string;
  mimeType: string;
  annotations?: Annotations;
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

/** 2025-03-26 and later. */
export interface AudioContent {
  type: 'audio';
  /** Base64-encoded audio data. */
  data: string;
  mimeType: string;
  annotations?: Annotations;
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

/** The contents of a text resource. */
export interface TextResourceContents {
  uri: string;
  mimeType?: string;
  text: string;
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

/** The contents of a binary resource (base64). */
export interface BlobResourceContents {
  uri: string;
  mimeType?: string;
  /** Base64-encoded bytes. */
  blob: string;
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

/** The contents of a resource, text or binary. */
export type ResourceContents = TextResourceContents | BlobResourceContents;

/** A resource's contents embedded in a message. */
export interface EmbeddedResource {
  type: 'resource';
  resource: ResourceContents;
  annotations?: Annotations;
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

/** A resource as resources/list describes it. */
export interface Resource {
  uri: string;
  name: string;
  /** 2025-06-18 and later. */
  title?: string;
  description?: string;
  mimeType?: string;
  /** Size in bytes, when known. */
  size?: number;
  annotations?: Annotations;
  /** 2025-11-25 and later. */
  icons?: Icon[];
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

/** A family of resources addressed by an RFC 6570 URI template. */
export interface ResourceTemplate {
  uriTemplate: string;
  name: string;
  /** 2025-06-18 and later. */
  title?: string;
  description?: string;
  mimeType?: string;
  annotations?: Annotations;
  /** 2025-11-25 and later. */
  icons?: Icon[];
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

/** 2025-06-18 and later: a link to a resource the client may read or subscribe to. */
export interface ResourceLink extends Resource {
  type: 'resource_link';
}

/** What a tool result or prompt message contains. */
export type ContentBlock = TextContent | ImageContent | AudioContent | ResourceLink | EmbeddedResource;

/** 2025-11-25 and later, in sampling: the model asks for a tool call. */
export interface ToolUseContent {
  type: 'tool_use';
  /** Matched by the `toolUseId` of the ToolResultContent that answers it. */
  id: string;
  name: string;
  input: { [key: string]: unknown };
  _meta?: MetaObject;
}

/** 2025-11-25 and later, in sampling: the result of a tool call the model asked for. */
export interface ToolResultContent {
  type: 'tool_result';
  toolUseId: string;
  content: ContentBlock[];
  /** An object in 2025-11-25; any JSON value in 2026-07-28. */
  structuredContent?: unknown;
  isError?: boolean;
  _meta?: MetaObject;
}

/** What one sampling message may contain (tool use and results from 2025-11-25). */
export type SamplingMessageContentBlock =
  | TextContent
  | ImageContent
  | AudioContent
  | ToolUseContent
  | ToolResultContent;
