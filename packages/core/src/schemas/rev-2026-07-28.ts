/**
 * Revision 2026-07-28 ("modern" era): stateless. No initialize, ping, logging/setLevel, resources/subscribe or
 * tasks; every request carries protocol version and client capabilities in `_meta`; every result carries
 * `resultType`; list and read results carry caching hints; server/discover, subscriptions/listen and multi
 * round-trip requests replace server-initiated requests.
 */
import { z } from 'zod';
import {
  Cursor,
  JSONObject,
  LoggingLevel,
  Meta2025,
  ProgressToken,
  progressFields,
  RequestId,
  Role,
} from './base.js';
import { completionArea, completionContext } from './completion.js';
import { content2025_11 } from './content.js';
import { ElicitAction, elicitationShapes2025_11 } from './elicitation.js';
import { envelopesOptionalErrorId } from './jsonrpc.js';
import { cacheableResult, cacheSlots, Free, freeSlots, noteParams, reqParams, result } from './kit.js';
import { once } from './lazy.js';
import { clientCapabilities, implementations, serverCapabilities } from './lifecycle.js';
import { loggingArea } from './logging.js';
import { BOTH, CLIENT, type MethodSpec, notification, request, SERVER } from './method-spec.js';
import { modernErrorData, modernMeta, mrtrArea, ResultType, SubscriptionFilter } from './modern.js';
import { promptsArea } from './prompts.js';
import { resourceShapes, resourcesArea } from './resources.js';
import { rootsArea } from './roots.js';
import { samplingArea, ToolChoice, ToolUseContent, toolResultContent } from './sampling.js';
import { ToolAnnotations, tools, toolsArea } from './tools.js';

function build() {
  const c = content2025_11;
  const e = elicitationShapes2025_11;
  const Implementation = implementations['2026-07-28'];
  const ClientCapabilities = clientCapabilities['2026-07-28'];
  const ServerCapabilities = serverCapabilities['2026-07-28'];
  const shapes = resourceShapes['2026-07-28'];
  const Tool = tools['2026-07-28'];
  const metas = modernMeta(Implementation, ClientCapabilities);

  // ---- what a server may ask of the client inside an InputRequiredResult ----------------------------------

  const ToolResultContent = toolResultContent(c.ContentBlock, z.unknown().optional());
  const SamplingMessageContentBlock = z.discriminatedUnion('type', [
    c.TextContent,
    c.ImageContent,
    c.AudioContent,
    ToolUseContent,
    ToolResultContent,
  ]);
  const sampling = samplingArea({
    content: z.union([SamplingMessageContentBlock, z.array(SamplingMessageContentBlock)]),
    messageMeta: Meta2025.optional(),
    paramsMeta: Free,
    resultMeta: Meta2025.optional(),
    metadata: JSONObject.optional(),
    task: Free,
    tools: z.array(Tool).optional(),
    toolChoice: ToolChoice.optional(),
  });
  // Embedded requests are not JSON-RPC requests: plain `_meta` objects, results without resultType.
  const embeddedKit = {
    ...freeSlots,
    reqMeta: Meta2025.optional(),
    noteMeta: Free,
    resultMeta: Free,
    meta: Meta2025.optional(),
  };
  const roots = rootsArea(embeddedKit);
  const ElicitRequestFormParams = z.looseObject({
    mode: z.literal('form').optional(),
    message: z.string(),
    requestedSchema: e.requestedSchema,
  });
  const ElicitRequestURLParams = z.looseObject({
    mode: z.literal('url'),
    message: z.string(),
    url: z.string(),
  });
  const ElicitRequestParams = z.union([ElicitRequestURLParams, ElicitRequestFormParams]);
  const ElicitResult = z.looseObject({
    action: ElicitAction,
    content: z.record(z.string(), e.contentValue).optional(),
  });
  const mrtr = mrtrArea(
    {
      CreateMessageRequestParams: sampling.CreateMessageRequestParams,
      ListRootsRequestParams: roots.ListRootsRequestParams,
      ElicitRequestParams,
      CreateMessageResult: sampling.CreateMessageResult,
      ListRootsResult: roots.ListRootsResult,
      ElicitResult,
    },
    metas.ResultMetaObject,
  );

  // ---- the kit of this revision ------------------------------------------------------------------------------

  const kit2026 = {
    ...freeSlots,
    ...cacheSlots,
    reqMeta: metas.RequestMetaObject,
    noteMeta: metas.NotificationMetaObject.optional(),
    resultMeta: metas.ResultMetaObject.optional(),
    meta: Meta2025.optional(),
    title: z.string().optional(),
    icons: content2025_11.Icons.shape.icons,
    resultType: ResultType,
    inputResponses: mrtr.InputResponses.optional(),
    requestState: z.string().optional(),
  };
  const k = kit2026;

  const toolsPart = toolsArea(k, Tool, c.ContentBlock, z.unknown().optional());
  // resources/subscribe and resources/unsubscribe are gone: subscriptions/listen replaces them.
  const {
    SubscribeRequestParams: _subscribe,
    UnsubscribeRequestParams: _unsubscribe,
    ...resourcesPart
  } = resourcesArea(
    k,
    shapes.Resource,
    shapes.ResourceTemplate,
    z.union([c.TextResourceContents, c.BlobResourceContents]),
  );
  const promptsPart = promptsArea(k, c.ContentBlock);
  const completionPart = completionArea(k, {
    context: completionContext,
    values: z.array(z.string()).max(100),
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
    ...metas,
    ResultType,
    RequestParams: reqParams(k, {}),
    EmptyResult: result(k, {}),
    DiscoverResult: cacheableResult(k, {
      supportedVersions: z.array(z.string()),
      capabilities: ServerCapabilities,
      instructions: z.string().optional(),
    }),
    ToolAnnotations,
    ...toolsPart,
    ...resourcesPart,
    ...promptsPart,
    ToolChoice,
    ToolUseContent,
    ToolResultContent,
    SamplingMessageContentBlock,
    ...sampling,
    Root: roots.Root,
    ListRootsRequestParams: roots.ListRootsRequestParams,
    ListRootsResult: roots.ListRootsResult,
    ElicitRequestFormParams,
    ElicitRequestURLParams,
    ElicitRequestParams,
    ElicitResult,
    StringSchema: e.StringSchema,
    NumberSchema: e.NumberSchema,
    BooleanSchema: e.BooleanSchema,
    EnumSchema: e.EnumSchema,
    PrimitiveSchemaDefinition: e.PrimitiveSchemaDefinition,
    ...mrtr,
    InputResponseRequestParams: reqParams(k, {
      inputResponses: mrtr.InputResponses.optional(),
      requestState: z.string().optional(),
    }),
    LoggingLevel,
    LoggingMessageNotificationParams: loggingArea(k).LoggingMessageNotificationParams,
    ...completionPart,
    SubscriptionFilter,
    SubscriptionsListenRequestParams: reqParams(k, { notifications: SubscriptionFilter }),
    SubscriptionsListenResult: z.looseObject({
      _meta: metas.SubscriptionsListenResultMetaObject,
      resultType: ResultType,
    }),
    SubscriptionsAcknowledgedNotificationParams: noteParams(k, { notifications: SubscriptionFilter }),
    CancelledNotificationParams: noteParams(k, { requestId: RequestId, reason: z.string().optional() }),
    ProgressNotificationParams: noteParams(k, progressFields),
    ...modernErrorData(ClientCapabilities),
    ...envelopesOptionalErrorId,
  };
}

/** Revision 2026-07-28's schemas by name, built on first use (a connection uses one revision). */
export const rev2026_07_28 = once(build);
export type Rev2026_07_28Schemas = ReturnType<typeof build>;

/** The interim MRTR result is told apart by `resultType: "input_required"`; anything else is the final result. */
const orInput = (ns: Rev2026_07_28Schemas, complete: z.ZodType) =>
  z.union([ns.InputRequiredResult.extend({ resultType: z.literal('input_required') }), complete]);
/** A request that may need input: `result` accepts either result, `completeResult` only the final one. */
const requestWithInput = (
  ns: Rev2026_07_28Schemas,
  method: string,
  params: z.ZodType,
  complete: z.ZodType,
): MethodSpec => ({
  ...request(method, CLIENT, params, orInput(ns, complete), false),
  completeResult: complete,
});

export const methods2026_07_28 = once((): MethodSpec[] => {
  const ns = rev2026_07_28();
  return [
    request('server/discover', CLIENT, ns.RequestParams, ns.DiscoverResult, false),
    request('resources/list', CLIENT, ns.ListResourcesRequestParams, ns.ListResourcesResult, false),
    request(
      'resources/templates/list',
      CLIENT,
      ns.ListResourceTemplatesRequestParams,
      ns.ListResourceTemplatesResult,
      false,
    ),
    requestWithInput(ns, 'resources/read', ns.ReadResourceRequestParams, ns.ReadResourceResult),
    request(
      'subscriptions/listen',
      CLIENT,
      ns.SubscriptionsListenRequestParams,
      ns.SubscriptionsListenResult,
      false,
    ),
    request('prompts/list', CLIENT, ns.ListPromptsRequestParams, ns.ListPromptsResult, false),
    requestWithInput(ns, 'prompts/get', ns.GetPromptRequestParams, ns.GetPromptResult),
    request('tools/list', CLIENT, ns.ListToolsRequestParams, ns.ListToolsResult, false),
    requestWithInput(ns, 'tools/call', ns.CallToolRequestParams, ns.CallToolResult),
    request('completion/complete', CLIENT, ns.CompleteRequestParams, ns.CompleteResult, false),
    // The server sends notifications/cancelled only to end a subscriptions/listen stream on stdio.
    notification('notifications/cancelled', BOTH, ns.CancelledNotificationParams, false),
    notification('notifications/progress', SERVER, ns.ProgressNotificationParams, false),
    notification(
      'notifications/resources/list_changed',
      SERVER,
      ns.ResourceListChangedNotificationParams,
      true,
    ),
    notification(
      'notifications/subscriptions/acknowledged',
      SERVER,
      ns.SubscriptionsAcknowledgedNotificationParams,
      false,
    ),
    notification('notifications/resources/updated', SERVER, ns.ResourceUpdatedNotificationParams, false),
    notification('notifications/prompts/list_changed', SERVER, ns.PromptListChangedNotificationParams, true),
    notification('notifications/tools/list_changed', SERVER, ns.ToolListChangedNotificationParams, true),
    notification('notifications/message', SERVER, ns.LoggingMessageNotificationParams, false),
  ];
});
