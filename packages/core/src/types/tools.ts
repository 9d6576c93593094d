/**
 * tools/list and tools/call. 2025-06-18 adds structured results; 2026-07-28 adds multi round-trip fields to
 * tools/call.
 */
import type { PaginatedRequestParams, PaginatedResult, Result } from './base.js';
import type { ContentBlock } from './content.js';
import type { InputResponseRequestParams } from './modern.js';
import type { TaskMetadata } from './tasks.js';
import type { Tool } from './tool-definition.js';

/** Params of tools/list. */
export type ListToolsRequestParams = PaginatedRequestParams;

export interface ListToolsResult extends PaginatedResult {
  tools: Tool[];
}

export interface CallToolRequestParams extends InputResponseRequestParams {
  name: string;
  arguments?: { [key: string]: unknown };
  /** 2025-11-25: run the call as a task. */
  task?: TaskMetadata;
}

export interface CallToolResult extends Result {
  /** Unstructured result: text, images, audio, resources. */
  content: ContentBlock[];
  /**
   * 2025-06-18 and later: the structured result, matching the tool's `outputSchema` when it has one. An
   * object until 2025-11-25; any JSON value in 2026-07-28.
   */
  structuredContent?: unknown;
  /** The tool failed; `content` says why, so the model can see it and correct itself. */
  isError?: boolean;
}
