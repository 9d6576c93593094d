/** Errors specific to the client: LocalError subclasses with the stable codes of @mcpwire/core. */
import { LocalError, LocalErrorCode } from '@mcpwire/core/runtime';

/** A tool's structuredContent does not conform to the tool's outputSchema (or is missing). */
export class OutputSchemaError extends LocalError {
  readonly toolName: string;
  /** JSON Pointer into structuredContent where validation failed ('' = the root). */
  readonly path: string;
  /** The tool's structuredContent does not match its outputSchema at `path`. */
  constructor(toolName: string, path: string, detail: string) {
    super(
      LocalErrorCode.InvalidMessage,
      `Tool "${toolName}" returned structuredContent that does not match its outputSchema at ${path === '' ? '(root)' : path}: ${detail}`,
    );
    this.name = 'OutputSchemaError';
    this.toolName = toolName;
    this.path = path;
  }
}

/** A tool was excluded from tools/list because its x-mcp-header annotations are invalid. */
export class RejectedToolError extends LocalError {
  readonly toolName: string;
  /** The tool cannot be called, for `reason`. */
  constructor(toolName: string, reason: string) {
    super(
      LocalErrorCode.InvalidMessage,
      `Tool "${toolName}" cannot be called: expected valid x-mcp-header annotations, received a definition that was rejected (${reason})`,
    );
    this.name = 'RejectedToolError';
    this.toolName = toolName;
  }
}
