/**
 * Prompts: Prompt, PromptArgument, PromptMessage, prompts/list, prompts/get and the list-changed notification.
 * 2025-06-18 adds titles and `_meta`; 2025-11-25 adds icons; 2026-07-28 adds MRTR fields to prompts/get.
 */
import { z } from 'zod';
import { obj, Role } from './base.js';
import { cacheableResult, type Kit, noteParams, reqParams, result } from './kit.js';

export function promptsArea<K extends Kit, C extends z.ZodType>(k: K, contentBlock: C) {
  const PromptArgument = obj({
    name: z.string(),
    title: k.title as K['title'],
    description: z.string().optional(),
    required: z.boolean().optional(),
  });
  const Prompt = obj({
    _meta: k.meta as K['meta'],
    name: z.string(),
    title: k.title as K['title'],
    description: z.string().optional(),
    arguments: z.array(PromptArgument).optional(),
    icons: k.icons as K['icons'],
  });
  const PromptMessage = obj({ role: Role, content: contentBlock });
  return {
    PromptArgument,
    Prompt,
    PromptMessage,
    ListPromptsRequestParams: reqParams(k, { cursor: z.string().optional() }),
    ListPromptsResult: cacheableResult(k, { prompts: z.array(Prompt), nextCursor: z.string().optional() }),
    GetPromptRequestParams: reqParams(k, {
      name: z.string(),
      arguments: z.record(z.string(), z.string()).optional(),
      inputResponses: k.inputResponses as K['inputResponses'],
      requestState: k.requestState as K['requestState'],
    }),
    GetPromptResult: result(k, { description: z.string().optional(), messages: z.array(PromptMessage) }),
    PromptListChangedNotificationParams: noteParams(k, {}),
  };
}
