/**
 * Tools: the Tool definition per revision, tools/list, tools/call and the list-changed notification.
 * 2025-03-26 adds annotations; 2025-06-18 adds title, outputSchema and structured output; 2025-11-25 adds icons,
 * `execution.taskSupport` and `$schema`; 2026-07-28 loosens input/output schemas to any JSON Schema object.
 */
import { z } from 'zod';
import { AnyObject, Meta2025, obj } from './base.js';
import { icons } from './content.js';
import { cacheableResult, type Kit, noteParams, reqParams, result } from './kit.js';

const objectSchema2024 = obj({
  type: z.literal('object'),
  properties: z.record(z.string(), AnyObject).optional(),
  required: z.array(z.string()).optional(),
});
const objectSchema2025_11 = objectSchema2024.extend({ $schema: z.string().optional() });

export const ToolAnnotations = obj({
  title: z.string().optional(),
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});
export const ToolExecution = obj({ taskSupport: z.enum(['forbidden', 'optional', 'required']).optional() });

const Tool2024 = obj({ name: z.string(), description: z.string().optional(), inputSchema: objectSchema2024 });
const Tool2025_03 = Tool2024.extend({ annotations: ToolAnnotations.optional() });
const Tool2025_06 = Tool2025_03.extend({
  _meta: Meta2025.optional(),
  title: z.string().optional(),
  outputSchema: objectSchema2024.optional(),
});
const Tool2025_11 = Tool2025_06.extend({
  ...icons,
  execution: ToolExecution.optional(),
  inputSchema: objectSchema2025_11,
  outputSchema: objectSchema2025_11.optional(),
});
const Tool2026 = Tool2025_06.extend({
  ...icons,
  inputSchema: obj({ type: z.literal('object'), $schema: z.string().optional() }),
  outputSchema: obj({ $schema: z.string().optional() }).optional(),
});

export const tools = {
  '2024-11-05': Tool2024,
  '2025-03-26': Tool2025_03,
  '2025-06-18': Tool2025_06,
  '2025-11-25': Tool2025_11,
  '2026-07-28': Tool2026,
} as const;

export function toolsArea<K extends Kit, T extends z.ZodType, C extends z.ZodType, SC extends z.ZodType>(
  k: K,
  tool: T,
  contentBlock: C,
  /** `structuredContent`: Free before 2025-06-18, an object until 2025-11-25, any JSON value in 2026-07-28. */
  structuredContent: SC,
) {
  return {
    Tool: tool,
    ListToolsRequestParams: reqParams(k, { cursor: z.string().optional() }),
    ListToolsResult: cacheableResult(k, { tools: z.array(tool), nextCursor: z.string().optional() }),
    CallToolRequestParams: reqParams(k, {
      name: z.string(),
      arguments: z.record(z.string(), z.unknown()).optional(),
      task: k.task as K['task'],
      inputResponses: k.inputResponses as K['inputResponses'],
      requestState: k.requestState as K['requestState'],
    }),
    CallToolResult: result(k, {
      content: z.array(contentBlock),
      isError: z.boolean().optional(),
      structuredContent,
    }),
    ToolListChangedNotificationParams: noteParams(k, {}),
  };
}
