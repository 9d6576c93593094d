/**
 * Sampling (sampling/createMessage, sent by servers). 2025-03-26 adds audio; 2025-11-25 adds tool use
 * (`tools`, `toolChoice`, tool_use / tool_result content, arrays of blocks). In 2026-07-28 sampling is no longer a
 * JSON-RPC request: it travels inside an InputRequiredResult (see modern.ts) and its result is not a Result.
 */
import { z } from 'zod';
import { AnyObject, Meta2025, obj, Role } from './base.js';
import { Free } from './kit.js';

export const ModelHint = obj({ name: z.string().optional() });
const priority = z.number().min(0).max(1).optional();
export const ModelPreferences = obj({
  hints: z.array(ModelHint).optional(),
  costPriority: priority,
  speedPriority: priority,
  intelligencePriority: priority,
});
export const ToolChoice = obj({ mode: z.enum(['auto', 'required', 'none']).optional() });

export const ToolUseContent = obj({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
  _meta: Meta2025.optional(),
});

/** tool_result content: `structuredContent` is an object in 2025-11-25 and any JSON value in 2026-07-28. */
export function toolResultContent<C extends z.ZodType, SC extends z.ZodType>(
  contentBlock: C,
  structured: SC,
) {
  return obj({
    type: z.literal('tool_result'),
    toolUseId: z.string(),
    content: z.array(contentBlock),
    structuredContent: structured,
    isError: z.boolean().optional(),
    _meta: Meta2025.optional(),
  });
}

export interface SamplingSlots {
  /** What one sampling message (and a CreateMessageResult) may contain. */
  readonly content: z.ZodType;
  /** `_meta` on SamplingMessage. */
  readonly messageMeta: z.ZodType;
  readonly paramsMeta: z.ZodType;
  readonly resultMeta: z.ZodType;
  readonly metadata: z.ZodType;
  readonly task: z.ZodType;
  readonly tools: z.ZodType;
  readonly toolChoice: z.ZodType;
}

export const legacySamplingSlots = {
  metadata: AnyObject.optional(),
  task: Free,
  tools: Free,
  toolChoice: Free,
} as const;

export function samplingArea<S extends SamplingSlots>(s: S) {
  const SamplingMessage = obj({
    _meta: s.messageMeta as S['messageMeta'],
    role: Role,
    content: s.content as S['content'],
  });
  return {
    ModelHint,
    ModelPreferences,
    SamplingMessage,
    CreateMessageRequestParams: obj({
      _meta: s.paramsMeta as S['paramsMeta'],
      messages: z.array(SamplingMessage),
      modelPreferences: ModelPreferences.optional(),
      systemPrompt: z.string().optional(),
      includeContext: z.enum(['none', 'thisServer', 'allServers']).optional(),
      temperature: z.number().optional(),
      maxTokens: z.number().int(),
      stopSequences: z.array(z.string()).optional(),
      metadata: s.metadata as S['metadata'],
      task: s.task as S['task'],
      tools: s.tools as S['tools'],
      toolChoice: s.toolChoice as S['toolChoice'],
    }),
    CreateMessageResult: obj({
      _meta: s.resultMeta as S['resultMeta'],
      role: Role,
      content: s.content as S['content'],
      model: z.string(),
      stopReason: z.string().optional(),
    }),
  };
}
