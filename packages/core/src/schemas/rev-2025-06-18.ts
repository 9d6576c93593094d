/**
 * Revision 2025-06-18: `_meta` key rules, titles, resource links, structured tool output, elicitation;
 * batches are gone again.
 */
import { z } from 'zod';
import {
  Cursor,
  LoggingLevel,
  Meta2025,
  ProgressToken,
  progressFields,
  RequestId,
  RequestMeta2025,
  Role,
} from './base.js';
import { completionArea, completionContext } from './completion.js';
import { content2025_06 } from './content.js';
import { ElicitAction, elicitationShapes2025_06 } from './elicitation.js';
import { envelopesWithErrorId } from './jsonrpc.js';
import { Free, freeSlots, noteParams, reqParams, result } from './kit.js';
import { once } from './lazy.js';
import { legacyMethods } from './legacy-methods.js';
import { clientCapabilities, implementations, lifecycleArea, serverCapabilities } from './lifecycle.js';
import { loggingArea } from './logging.js';
import { promptsArea } from './prompts.js';
import { resourceShapes, resourcesArea } from './resources.js';
import { rootsArea } from './roots.js';
import { legacySamplingSlots, samplingArea } from './sampling.js';
import { ToolAnnotations, tools, toolsArea } from './tools.js';

function build() {
  const kit2025_06 = {
    ...freeSlots,
    reqMeta: RequestMeta2025.optional(),
    noteMeta: Meta2025.optional(),
    resultMeta: Meta2025.optional(),
    meta: Meta2025.optional(),
    title: z.string().optional(),
  };

  const k = kit2025_06;
  const c = content2025_06;
  const e = elicitationShapes2025_06;
  const Implementation = implementations['2025-06-18'];
  const ClientCapabilities = clientCapabilities['2025-06-18'];
  const ServerCapabilities = serverCapabilities['2025-06-18'];
  const shapes = resourceShapes['2025-06-18'];

  return {
    RequestId,
    ProgressToken,
    Cursor,
    Role,
    ...c,
    BaseMetadata: z.looseObject({ name: z.string(), title: z.string().optional() }),
    Implementation,
    ClientCapabilities,
    ServerCapabilities,
    ...lifecycleArea(k, Implementation, ClientCapabilities, ServerCapabilities),
    ToolAnnotations,
    ...toolsArea(k, tools['2025-06-18'], c.ContentBlock, z.record(z.string(), z.unknown()).optional()),
    ...resourcesArea(
      k,
      shapes.Resource,
      shapes.ResourceTemplate,
      z.union([c.TextResourceContents, c.BlobResourceContents]),
    ),
    ...promptsArea(k, c.ContentBlock),
    ...samplingArea({
      ...legacySamplingSlots,
      content: c.SamplingContent,
      messageMeta: Free,
      paramsMeta: k.reqMeta,
      resultMeta: k.resultMeta,
    }),
    ...rootsArea(k),
    ...loggingArea(k),
    LoggingLevel,
    ...completionArea(k, { context: completionContext, values: z.array(z.string()) }),
    StringSchema: e.StringSchema,
    NumberSchema: e.NumberSchema,
    BooleanSchema: e.BooleanSchema,
    EnumSchema: e.EnumSchema,
    PrimitiveSchemaDefinition: e.PrimitiveSchemaDefinition,
    ElicitRequestParams: reqParams(k, { message: z.string(), requestedSchema: e.requestedSchema }),
    ElicitResult: result(k, {
      action: ElicitAction,
      content: z.record(z.string(), e.contentValue).optional(),
    }),
    CancelledNotificationParams: noteParams(k, { requestId: RequestId, reason: z.string().optional() }),
    ProgressNotificationParams: noteParams(k, progressFields),
    ...envelopesWithErrorId,
  };
}

/** Revision 2025-06-18's schemas by name, built on first use (a connection uses one revision). */
export const rev2025_06_18 = once(build);
export type Rev2025_06_18Schemas = ReturnType<typeof build>;

export const methods2025_06_18 = once(() => {
  const ns = rev2025_06_18();
  return legacyMethods(ns, ns);
});
