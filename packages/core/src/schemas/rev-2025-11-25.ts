/**
 * Revision 2025-11-25: tasks, icons, URL elicitation and richer enum schemas, tool use in sampling, optional
 * error ids, JSON Schema 2020-12 as the default dialect.
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
import { content2025_11, Icon } from './content.js';
import { ElicitAction, elicitationShapes2025_11 } from './elicitation.js';
import { envelopesOptionalErrorId } from './jsonrpc.js';
import { freeSlots, noteParams, reqParams, result } from './kit.js';
import { once } from './lazy.js';
import { legacyMethods } from './legacy-methods.js';
import { clientCapabilities, implementations, lifecycleArea, serverCapabilities } from './lifecycle.js';
import { loggingArea } from './logging.js';
import { promptsArea } from './prompts.js';
import { resourceShapes, resourcesArea } from './resources.js';
import { rootsArea } from './roots.js';
import { samplingArea, ToolChoice, ToolUseContent, toolResultContent } from './sampling.js';
import { TaskMetadata, tasksArea } from './tasks.js';
import { ToolAnnotations, ToolExecution, tools, toolsArea } from './tools.js';

function build() {
  const kit2025_11 = {
    ...freeSlots,
    reqMeta: RequestMeta2025.optional(),
    noteMeta: Meta2025.optional(),
    resultMeta: Meta2025.optional(),
    meta: Meta2025.optional(),
    title: z.string().optional(),
    icons: z.array(Icon).optional(),
    task: TaskMetadata.optional(),
  };

  const k = kit2025_11;
  const c = content2025_11;
  const e = elicitationShapes2025_11;
  const Implementation = implementations['2025-11-25'];
  const ClientCapabilities = clientCapabilities['2025-11-25'];
  const ServerCapabilities = serverCapabilities['2025-11-25'];
  const shapes = resourceShapes['2025-11-25'];
  const Tool = tools['2025-11-25'];
  const structuredContent = z.record(z.string(), z.unknown()).optional();

  const ToolResultContent = toolResultContent(c.ContentBlock, structuredContent);
  const SamplingMessageContentBlock = z.discriminatedUnion('type', [
    c.TextContent,
    c.ImageContent,
    c.AudioContent,
    ToolUseContent,
    ToolResultContent,
  ]);
  const samplingContent = z.union([SamplingMessageContentBlock, z.array(SamplingMessageContentBlock)]);

  const elicitFormParams = reqParams(k, {
    mode: z.literal('form').optional(),
    message: z.string(),
    requestedSchema: e.requestedSchema,
    task: k.task,
  });
  const elicitUrlParams = reqParams(k, {
    mode: z.literal('url'),
    message: z.string(),
    elicitationId: z.string(),
    url: z.string(),
    task: k.task,
  });

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
    ToolExecution,
    ...toolsArea(k, Tool, c.ContentBlock, structuredContent),
    ...resourcesArea(
      k,
      shapes.Resource,
      shapes.ResourceTemplate,
      z.union([c.TextResourceContents, c.BlobResourceContents]),
    ),
    ...promptsArea(k, c.ContentBlock),
    ToolChoice,
    ToolUseContent,
    ToolResultContent,
    SamplingMessageContentBlock,
    ...samplingArea({
      content: samplingContent,
      messageMeta: k.meta,
      paramsMeta: k.reqMeta,
      resultMeta: k.resultMeta,
      metadata: z.looseObject({}).optional(),
      task: k.task,
      tools: z.array(Tool).optional(),
      toolChoice: ToolChoice.optional(),
    }),
    ...rootsArea(k),
    ...loggingArea(k),
    LoggingLevel,
    ...completionArea(k, { context: completionContext, values: z.array(z.string()) }),
    ...tasksArea(k),
    StringSchema: e.StringSchema,
    NumberSchema: e.NumberSchema,
    BooleanSchema: e.BooleanSchema,
    UntitledSingleSelectEnumSchema: e.UntitledSingleSelectEnumSchema,
    TitledSingleSelectEnumSchema: e.TitledSingleSelectEnumSchema,
    SingleSelectEnumSchema: e.SingleSelectEnumSchema,
    UntitledMultiSelectEnumSchema: e.UntitledMultiSelectEnumSchema,
    TitledMultiSelectEnumSchema: e.TitledMultiSelectEnumSchema,
    MultiSelectEnumSchema: e.MultiSelectEnumSchema,
    LegacyTitledEnumSchema: e.LegacyTitledEnumSchema,
    EnumSchema: e.EnumSchema,
    PrimitiveSchemaDefinition: e.PrimitiveSchemaDefinition,
    ElicitRequestFormParams: elicitFormParams,
    ElicitRequestURLParams: elicitUrlParams,
    ElicitRequestParams: z.union([elicitUrlParams, elicitFormParams]),
    ElicitResult: result(k, {
      action: ElicitAction,
      content: z.record(z.string(), e.contentValue).optional(),
    }),
    ElicitationCompleteNotificationParams: noteParams(k, { elicitationId: z.string() }),
    /** `error.data` of the -32042 URLElicitationRequiredError. */
    URLElicitationRequiredErrorData: z.looseObject({ elicitations: z.array(elicitUrlParams) }),
    /** requestId became optional here (a task may be cancelled through tasks/cancel instead). */
    CancelledNotificationParams: noteParams(k, {
      requestId: RequestId.optional(),
      reason: z.string().optional(),
    }),
    ProgressNotificationParams: noteParams(k, progressFields),
    ...envelopesOptionalErrorId,
  };
}

/** Revision 2025-11-25's schemas by name, built on first use (a connection uses one revision). */
export const rev2025_11_25 = once(build);
export type Rev2025_11_25Schemas = ReturnType<typeof build>;

export const methods2025_11_25 = once(() => {
  const ns = rev2025_11_25();
  return legacyMethods(ns, ns, ns);
});
