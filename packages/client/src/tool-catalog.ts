/**
 * What the client knows about the server's tools: the last complete list (refreshed after
 * `notifications/tools/list_changed`), tools rejected for invalid `x-mcp-header` annotations, and the
 * per-tool data derived once per list: Mcp-Param header specs and compiled output-schema checks.
 */
import type { Tool } from '@mcpwire/core/runtime';
import { validateJsonSchema } from '@mcpwire/core/runtime';
import type { CallToolResult } from './call-tool.js';
import { OutputSchemaError } from './errors.js';
import { checkParamHeaders, type ParamHeaderSpec } from './param-headers.js';

export interface ToolEntry {
  tool: Tool;
  paramHeaders: readonly ParamHeaderSpec[];
}

export class ToolCatalog {
  private entries = new Map<string, ToolEntry>();
  private rejected = new Map<string, string>();
  /** True once a complete list was read and no list_changed arrived since. */
  complete = false;
  /** Bumped on invalidation, so a list read that overlaps a list_changed does not mark itself fresh. */
  generation = 0;
  /** A tools/list read that calls waiting for the list share (see call-tool.ts), while it runs. */
  listing: Promise<unknown> | undefined = undefined;

  constructor(private readonly onRejected: ((tool: Tool, reason: string) => void) | undefined) {}

  invalidate(): void {
    this.complete = false;
    this.generation++;
  }

  /** A complete list was read into `next` (the old entries stayed usable meanwhile). */
  finishList(next: Map<string, ToolEntry>, generation: number): void {
    this.entries = next;
    if (generation === this.generation) this.complete = true;
  }

  /**
   * Filters one page: with `checkHeaders`, tools whose x-mcp-header annotations break the spec's rules are
   * dropped (and reported); every kept tool is recorded.
   */
  admit(tools: readonly Tool[], checkHeaders: boolean, into?: Map<string, ToolEntry>): Tool[] {
    const kept: Tool[] = [];
    for (const tool of tools) {
      let paramHeaders: readonly ParamHeaderSpec[] = [];
      if (checkHeaders) {
        const check = checkParamHeaders(tool);
        if (!check.ok) {
          this.rejected.set(tool.name, check.reason);
          this.entries.delete(tool.name);
          this.onRejected?.(tool, check.reason);
          continue;
        }
        paramHeaders = check.headers;
      }
      this.rejected.delete(tool.name);
      const entry = { tool, paramHeaders };
      this.entries.set(tool.name, entry);
      into?.set(tool.name, entry);
      kept.push(tool);
    }
    return kept;
  }

  get(name: string): ToolEntry | undefined {
    return this.entries.get(name);
  }

  rejectionOf(name: string): string | undefined {
    return this.rejected.get(name);
  }

  tools(): Tool[] {
    return [...this.entries.values()].map((entry) => entry.tool);
  }

  paramHeaders(name: string): readonly ParamHeaderSpec[] | undefined {
    const headers = this.entries.get(name)?.paramHeaders;
    return headers === undefined || headers.length === 0 ? undefined : headers;
  }
}

/**
 * server/tools §Output Schema: with an outputSchema, a successful result must carry structuredContent that
 * conforms to it. Error results (isError) are not validated: they report a failure, not the output.
 */
export function checkToolOutput(tool: Tool | undefined, result: CallToolResult): void {
  if (tool?.outputSchema === undefined || result.isError === true) return;
  if (result.structuredContent === undefined) {
    throw new OutputSchemaError(
      tool.name,
      '',
      'expected structuredContent (the tool declares an outputSchema), received none',
    );
  }
  const issue = validateJsonSchema(tool.outputSchema, result.structuredContent);
  if (issue !== undefined) throw new OutputSchemaError(tool.name, issue.path, issue.message);
}
