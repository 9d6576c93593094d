/**
 * The Tool definition as tools/list describes it. 2025-03-26 adds annotations; 2025-06-18 adds titles and
 * `outputSchema`; 2025-11-25 adds icons and `execution`; 2026-07-28 accepts any JSON Schema object as input
 * and output schema. (Also what sampling offers a model, so it has its own file.)
 */
import type { JsonObject } from '../jsonrpc/types.js';
import type { Icon, MetaObject } from './base.js';

/** Hints about a tool's behaviour (2025-03-26 and later). Clients must not trust them from unknown servers. */
export interface ToolAnnotations {
  title?: string;
  /** The tool does not change its environment. */
  readOnlyHint?: boolean;
  /** The tool may destroy or overwrite data (meaningful when not read-only). */
  destructiveHint?: boolean;
  /** Calling it again with the same arguments has no further effect. */
  idempotentHint?: boolean;
  /** The tool reaches outside the server (the web, other systems). */
  openWorldHint?: boolean;
}

/** 2025-11-25: how the tool may be run. */
export interface ToolExecution {
  /** Whether the tool may (or must) be called as a task. Absent: "forbidden". */
  taskSupport?: 'forbidden' | 'optional' | 'required';
}

/** The JSON Schema of a tool's arguments: always an object schema. */
export interface ToolInputSchema {
  type: 'object';
  /** 2025-11-25 and later: the dialect (default draft 2020-12). */
  $schema?: string;
  properties?: { [key: string]: JsonObject };
  required?: string[];
  [key: string]: unknown;
}

/**
 * The JSON Schema of a tool's `structuredContent` (2025-06-18 and later): an object schema (`type:
 * "object"`) until 2025-11-25, any JSON Schema object in 2026-07-28.
 */
export interface ToolOutputSchema {
  type?: string;
  $schema?: string;
  properties?: { [key: string]: JsonObject };
  required?: string[];
  [key: string]: unknown;
}

/** A tool as tools/list describes it. */
export interface Tool {
  name: string;
  /** 2025-06-18 and later. */
  title?: string;
  description?: string;
  inputSchema: ToolInputSchema;
  /** 2025-06-18 and later. */
  outputSchema?: ToolOutputSchema;
  /** 2025-03-26 and later. */
  annotations?: ToolAnnotations;
  /** 2025-11-25 and later. */
  icons?: Icon[];
  /** 2025-11-25 only (2026-07-28 moved tasks to an extension). */
  execution?: ToolExecution;
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}
