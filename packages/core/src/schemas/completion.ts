/**
 * Completion (completion/complete). 2025-06-18 adds `context.arguments` and titles on prompt references and
 * renames ResourceReference to ResourceTemplateReference (same shape); 2026-07-28 caps `values` at 100 items.
 */
import { z } from 'zod';
import { Integer, obj } from './base.js';
import { type Kit, reqParams, result } from './kit.js';

export interface CompletionSlots {
  readonly context: z.ZodType;
  readonly values: z.ZodType;
}

export function completionArea<K extends Kit, S extends CompletionSlots>(k: K, s: S) {
  const PromptReference = obj({
    type: z.literal('ref/prompt'),
    name: z.string(),
    title: k.title as K['title'],
  });
  const ResourceTemplateReference = obj({ type: z.literal('ref/resource'), uri: z.string() });
  return {
    PromptReference,
    ResourceTemplateReference,
    CompleteRequestParams: reqParams(k, {
      ref: z.discriminatedUnion('type', [PromptReference, ResourceTemplateReference]),
      argument: obj({ name: z.string(), value: z.string() }),
      context: s.context as S['context'],
    }),
    CompleteResult: result(k, {
      completion: obj({
        values: s.values as S['values'],
        total: Integer.optional(),
        hasMore: z.boolean().optional(),
      }),
    }),
  };
}

export const completionContext = obj({ arguments: z.record(z.string(), z.string()).optional() }).optional();
