/**
 * Type-level test (checked by `tsc`, the repo's `typecheck`): the named protocol types of ../src/types are
 * held equal to the zod schemas that validate messages at run time.
 *
 * Two checks per type:
 * - "newest": the interface equals the newest revision's schema that has it, member by member, except the
 *   members that differ by era (named in each check);
 * - "every era": what each revision's schema accepts is an instance of the interface, so the type is true
 *   for messages from peers of every revision (e.g. `resultType` must be optional: legacy results lack it).
 *
 * Both sides are compared as `Wire<...>`: index signatures are dropped from objects that also have named
 * members (zod's loose objects carry `[k: string]: unknown`, the interfaces deliberately do not), and
 * optional members typed `unknown` are dropped (slots a revision leaves free).
 */
import { expectTypeOf } from 'vitest';
import type { z } from 'zod';
import type { Rev2024_11_05Schemas } from '../src/schemas/rev-2024-11-05.js';
import type { Rev2025_03_26Schemas } from '../src/schemas/rev-2025-03-26.js';
import type { Rev2025_06_18Schemas } from '../src/schemas/rev-2025-06-18.js';
import type { Rev2025_11_25Schemas } from '../src/schemas/rev-2025-11-25.js';
import type { Rev2026_07_28Schemas } from '../src/schemas/rev-2026-07-28.js';
import type {
  SchemaName2024_11_05,
  SchemaName2025_03_26,
  SchemaName2025_06_18,
  SchemaName2025_11_25,
  SchemaName2026_07_28,
} from '../src/schemas/schema-names.js';
import type * as T from '../src/types/index.js';

type Eras = {
  '2024-11-05': Rev2024_11_05Schemas;
  '2025-03-26': Rev2025_03_26Schemas;
  '2025-06-18': Rev2025_06_18Schemas;
  '2025-11-25': Rev2025_11_25Schemas;
  '2026-07-28': Rev2026_07_28Schemas;
};
type L = Eras['2025-11-25'];
type M = Eras['2026-07-28'];

type NamedKeys<O> = { [K in keyof O as string extends K ? never : number extends K ? never : K]: O[K] };
/** A member that is optional and typed `unknown`: a slot the revision leaves free. */
type IsFreeSlot<O, K extends keyof O> =
  O extends Record<K, unknown> ? false : unknown extends O[K] ? true : false;
type KeptKeys<V> = keyof { [K in keyof NamedKeys<V> as IsFreeSlot<V, K> extends true ? never : K]: 0 };
/**
 * A message type as compared here: deep, with index signatures dropped from objects that have named
 * members, and free slots dropped.
 */
type Wire<V> = V extends readonly (infer E)[]
  ? Wire<E>[]
  : V extends object
    ? keyof NamedKeys<V> extends never
      ? { [key: string]: Wire<V[keyof V]> }
      : { [K in keyof V as K extends KeptKeys<V> ? K : never]: Wire<V[K]> }
    : V;
/**
 * Wire<V> with every member required (an optional one keeps `| undefined`), so that a member one side
 * has and the other lacks fails an equality check at any depth.
 */
type Exact<V> = V extends readonly (infer E)[]
  ? Exact<E>[]
  : V extends object
    ? keyof NamedKeys<V> extends never
      ? { [key: string]: Exact<V[keyof V]> }
      : { [K in Extract<KeptKeys<V>, keyof V>]: Exact<V[K]> }
    : V;
/** `true` when A and B are mutually assignable; otherwise which way fails. */
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? true
    : 'the interface has what the schema lacks'
  : 'the schema has what the interface lacks';

/** The interface equals the newest schema `N[K]`, except the era-dependent members `E`. */
type Newest<X, N, K extends keyof N, E extends PropertyKey = never> = Same<
  Omit<Exact<X>, E>,
  Omit<Exact<N[K] extends z.ZodType ? z.output<N[K]> : never>, E>
>;
/** `true` when every revision's schema `Name` fits the interface; otherwise the revisions that do not. */
type EveryEra<X, Name extends string> = {
  [R in keyof Eras]: Name extends keyof Eras[R]
    ? Eras[R][Name] extends z.ZodType
      ? Wire<z.output<Eras[R][Name]>> extends Wire<X>
        ? never
        : R
      : never
    : never;
}[keyof Eras] extends infer Failing
  ? [Failing] extends [never]
    ? true
    : Failing
  : never;

type ResultEra = '_meta' | 'resultType' | 'ttlMs' | 'cacheScope';
type ParamsEra = '_meta';

// ---- scalars ------------------------------------------------------------------------------------------

expectTypeOf<T.RequestIdType>().toEqualTypeOf<z.output<M['RequestId']>>();
expectTypeOf<T.ProgressToken>().toEqualTypeOf<z.output<M['ProgressToken']>>();
expectTypeOf<T.Cursor>().toEqualTypeOf<z.output<M['Cursor']>>();
expectTypeOf<T.Role>().toEqualTypeOf<z.output<M['Role']>>();
expectTypeOf<T.LoggingLevel>().toEqualTypeOf<z.output<M['LoggingLevel']>>();
expectTypeOf<T.ResultType>().toEqualTypeOf<z.output<M['ResultType']>>();
expectTypeOf<T.TaskStatus>().toEqualTypeOf<z.output<L['TaskStatus']>>();

// ---- content ------------------------------------------------------------------------------------------

expectTypeOf<Newest<T.Annotations, M, 'Annotations'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.Annotations, 'Annotations'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.Icon, M, 'Icon'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.Icon, 'Icon'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.TextContent, M, 'TextContent'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.TextContent, 'TextContent'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ImageContent, M, 'ImageContent'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ImageContent, 'ImageContent'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.AudioContent, M, 'AudioContent'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.AudioContent, 'AudioContent'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ResourceLink, M, 'ResourceLink'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ResourceLink, 'ResourceLink'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.EmbeddedResource, M, 'EmbeddedResource'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.EmbeddedResource, 'EmbeddedResource'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.TextResourceContents, M, 'TextResourceContents'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.TextResourceContents, 'TextResourceContents'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.BlobResourceContents, M, 'BlobResourceContents'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.BlobResourceContents, 'BlobResourceContents'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ContentBlock, M, 'ContentBlock'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ContentBlock, 'ContentBlock'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ToolUseContent, M, 'ToolUseContent'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ToolUseContent, 'ToolUseContent'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ToolResultContent, M, 'ToolResultContent'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ToolResultContent, 'ToolResultContent'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.SamplingMessageContentBlock, M, 'SamplingMessageContentBlock'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.SamplingMessageContentBlock, 'SamplingMessageContentBlock'>>().toEqualTypeOf<true>();

// ---- lifecycle ----------------------------------------------------------------------------------------

expectTypeOf<Newest<T.Implementation, M, 'Implementation'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.Implementation, 'Implementation'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ClientCapabilities, M, 'ClientCapabilities'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ServerCapabilities, M, 'ServerCapabilities'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.LegacyClientCapabilities, L, 'ClientCapabilities'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.LegacyServerCapabilities, L, 'ServerCapabilities'>>().toEqualTypeOf<true>();
type LegacyEras = '2024-11-05' | '2025-03-26' | '2025-06-18' | '2025-11-25';
/** `true` when every legacy revision's schema `Name` fits the interface; otherwise the revisions that do not. */
type EveryLegacyEra<X, Name extends 'ClientCapabilities' | 'ServerCapabilities'> = {
  [R in LegacyEras]: Wire<z.output<Eras[R][Name]>> extends Wire<X> ? never : R;
}[LegacyEras] extends infer Failing
  ? [Failing] extends [never]
    ? true
    : Failing
  : never;
expectTypeOf<EveryLegacyEra<T.LegacyClientCapabilities, 'ClientCapabilities'>>().toEqualTypeOf<true>();
expectTypeOf<EveryLegacyEra<T.LegacyServerCapabilities, 'ServerCapabilities'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.InitializeRequestParams, L, 'InitializeRequestParams', ParamsEra>
>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.InitializeResult, L, 'InitializeResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.RequestMetaObject, M, 'RequestMetaObject'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ResultMetaObject, M, 'ResultMetaObject'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.NotificationMetaObject, M, 'NotificationMetaObject'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.DiscoverResult, M, 'DiscoverResult', '_meta'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.DiscoverResult, 'DiscoverResult'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.EmptyResult, 'EmptyResult'>>().toEqualTypeOf<true>();

// ---- tools --------------------------------------------------------------------------------------------

expectTypeOf<Newest<T.Tool, M, 'Tool', 'inputSchema' | 'outputSchema' | 'execution'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.Tool, 'Tool'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ToolAnnotations, M, 'ToolAnnotations'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ToolExecution, L, 'ToolExecution'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.ListToolsRequestParams, M, 'ListToolsRequestParams', ParamsEra>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ListToolsRequestParams, 'ListToolsRequestParams'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ListToolsResult, M, 'ListToolsResult', ResultEra | 'tools'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ListToolsResult, 'ListToolsResult'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.CallToolRequestParams, M, 'CallToolRequestParams', ParamsEra | 'task' | 'inputResponses'>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.CallToolRequestParams, 'CallToolRequestParams'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.CallToolResult, M, 'CallToolResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.CallToolResult, 'CallToolResult'>>().toEqualTypeOf<true>();

// ---- resources ----------------------------------------------------------------------------------------

expectTypeOf<Newest<T.Resource, M, 'Resource'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.Resource, 'Resource'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ResourceTemplate, M, 'ResourceTemplate'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ResourceTemplate, 'ResourceTemplate'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ListResourcesResult, M, 'ListResourcesResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ListResourcesResult, 'ListResourcesResult'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.ListResourceTemplatesResult, M, 'ListResourceTemplatesResult', ResultEra>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ListResourceTemplatesResult, 'ListResourceTemplatesResult'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.ReadResourceRequestParams, M, 'ReadResourceRequestParams', ParamsEra | 'inputResponses'>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ReadResourceRequestParams, 'ReadResourceRequestParams'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ReadResourceResult, M, 'ReadResourceResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ReadResourceResult, 'ReadResourceResult'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.SubscribeRequestParams, L, 'SubscribeRequestParams', ParamsEra>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.SubscribeRequestParams, 'SubscribeRequestParams'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.UnsubscribeRequestParams, 'UnsubscribeRequestParams'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.ResourceUpdatedNotificationParams, M, 'ResourceUpdatedNotificationParams', ParamsEra>
>().toEqualTypeOf<true>();
expectTypeOf<
  EveryEra<T.ResourceUpdatedNotificationParams, 'ResourceUpdatedNotificationParams'>
>().toEqualTypeOf<true>();

// ---- prompts and completion ---------------------------------------------------------------------------

expectTypeOf<Newest<T.PromptArgument, M, 'PromptArgument'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.PromptArgument, 'PromptArgument'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.Prompt, M, 'Prompt'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.Prompt, 'Prompt'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.PromptMessage, M, 'PromptMessage'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.PromptMessage, 'PromptMessage'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ListPromptsResult, M, 'ListPromptsResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ListPromptsResult, 'ListPromptsResult'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.GetPromptRequestParams, M, 'GetPromptRequestParams', ParamsEra | 'inputResponses'>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.GetPromptRequestParams, 'GetPromptRequestParams'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.GetPromptResult, M, 'GetPromptResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.GetPromptResult, 'GetPromptResult'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.PromptReference, M, 'PromptReference'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.PromptReference, 'PromptReference'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ResourceTemplateReference, M, 'ResourceTemplateReference'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ResourceTemplateReference, 'ResourceTemplateReference'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.CompleteRequestParams, M, 'CompleteRequestParams', ParamsEra>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.CompleteRequestParams, 'CompleteRequestParams'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.CompleteResult, M, 'CompleteResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.CompleteResult, 'CompleteResult'>>().toEqualTypeOf<true>();

// ---- sampling, elicitation, roots ---------------------------------------------------------------------

expectTypeOf<Newest<T.ModelHint, M, 'ModelHint'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ModelPreferences, M, 'ModelPreferences'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ModelPreferences, 'ModelPreferences'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ToolChoice, M, 'ToolChoice'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.SamplingMessage, M, 'SamplingMessage'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.SamplingMessage, 'SamplingMessage'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<
    T.CreateMessageRequestParams,
    M,
    'CreateMessageRequestParams',
    ParamsEra | 'metadata' | 'task' | 'tools'
  >
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.CreateMessageRequestParams, 'CreateMessageRequestParams'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.CreateMessageResult, M, 'CreateMessageResult', '_meta'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.CreateMessageResult, 'CreateMessageResult'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.StringSchema, M, 'StringSchema'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.StringSchema, 'StringSchema'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.NumberSchema, M, 'NumberSchema'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.NumberSchema, 'NumberSchema'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.BooleanSchema, M, 'BooleanSchema'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.BooleanSchema, 'BooleanSchema'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.UntitledSingleSelectEnumSchema, L, 'UntitledSingleSelectEnumSchema'>
>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.TitledSingleSelectEnumSchema, L, 'TitledSingleSelectEnumSchema'>
>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.UntitledMultiSelectEnumSchema, L, 'UntitledMultiSelectEnumSchema'>
>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.TitledMultiSelectEnumSchema, L, 'TitledMultiSelectEnumSchema'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.LegacyTitledEnumSchema, L, 'LegacyTitledEnumSchema'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.EnumSchema, M, 'EnumSchema'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.EnumSchema, 'EnumSchema'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.PrimitiveSchemaDefinition, M, 'PrimitiveSchemaDefinition'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.PrimitiveSchemaDefinition, 'PrimitiveSchemaDefinition'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.ElicitRequestFormParams, M, 'ElicitRequestFormParams', ParamsEra | 'task'>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ElicitRequestFormParams, 'ElicitRequestFormParams'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.ElicitRequestURLParams, M, 'ElicitRequestURLParams', ParamsEra | 'task' | 'elicitationId'>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ElicitRequestURLParams, 'ElicitRequestURLParams'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ElicitRequestParams, 'ElicitRequestParams'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ElicitResult, M, 'ElicitResult', '_meta'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ElicitResult, 'ElicitResult'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.ElicitationCompleteNotificationParams, L, 'ElicitationCompleteNotificationParams', ParamsEra>
>().toEqualTypeOf<true>();
expectTypeOf<
  EveryEra<T.URLElicitationRequiredErrorData, 'URLElicitationRequiredErrorData'>
>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.Root, M, 'Root'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.Root, 'Root'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ListRootsResult, M, 'ListRootsResult', '_meta'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ListRootsResult, 'ListRootsResult'>>().toEqualTypeOf<true>();

// ---- tasks (2025-11-25) -------------------------------------------------------------------------------

expectTypeOf<Newest<T.TaskMetadata, L, 'TaskMetadata'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.RelatedTaskMetadata, L, 'RelatedTaskMetadata'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.Task, L, 'Task'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.CreateTaskResult, L, 'CreateTaskResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.GetTaskRequestParams, L, 'GetTaskRequestParams', ParamsEra>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.GetTaskResult, L, 'GetTaskResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.CancelTaskResult, L, 'CancelTaskResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.GetTaskPayloadResult, 'GetTaskPayloadResult'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.ListTasksResult, L, 'ListTasksResult', ResultEra>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.TaskStatusNotificationParams, L, 'TaskStatusNotificationParams', ParamsEra>
>().toEqualTypeOf<true>();

// ---- 2026-07-28 ---------------------------------------------------------------------------------------

// The requests inside carry the era-neutral params types (checked above), so these hold one way.
expectTypeOf<EveryEra<T.InputRequest, 'InputRequest'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.InputRequests, 'InputRequests'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.InputResponse, 'InputResponse'>>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.InputResponses, 'InputResponses'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.InputRequiredResult, M, 'InputRequiredResult', '_meta' | 'inputRequests'>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.InputRequiredResult, 'InputRequiredResult'>>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.SubscriptionFilter, M, 'SubscriptionFilter'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.SubscriptionsListenRequestParams, M, 'SubscriptionsListenRequestParams', ParamsEra>
>().toEqualTypeOf<true>();
expectTypeOf<Newest<T.SubscriptionsListenResult, M, 'SubscriptionsListenResult'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.SubscriptionsListenResultMetaObject, M, 'SubscriptionsListenResultMetaObject'>
>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<
    T.SubscriptionsAcknowledgedNotificationParams,
    M,
    'SubscriptionsAcknowledgedNotificationParams',
    ParamsEra
  >
>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.UnsupportedProtocolVersionErrorData, M, 'UnsupportedProtocolVersionErrorData'>
>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.MissingRequiredClientCapabilityErrorData, M, 'MissingRequiredClientCapabilityErrorData'>
>().toEqualTypeOf<true>();

// ---- logging, progress, cancellation ------------------------------------------------------------------

expectTypeOf<Newest<T.SetLevelRequestParams, L, 'SetLevelRequestParams', ParamsEra>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.LoggingMessageNotificationParams, M, 'LoggingMessageNotificationParams', ParamsEra>
>().toEqualTypeOf<true>();
expectTypeOf<
  EveryEra<T.LoggingMessageNotificationParams, 'LoggingMessageNotificationParams'>
>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.ProgressNotificationParams, M, 'ProgressNotificationParams', ParamsEra>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.ProgressNotificationParams, 'ProgressNotificationParams'>>().toEqualTypeOf<true>();
expectTypeOf<
  Newest<T.CancelledNotificationParams, M, 'CancelledNotificationParams', ParamsEra | 'requestId'>
>().toEqualTypeOf<true>();
expectTypeOf<EveryEra<T.CancelledNotificationParams, 'CancelledNotificationParams'>>().toEqualTypeOf<true>();

// ---- the era truths the issue named -------------------------------------------------------------------

// A legacy result has no resultType: the interface must not require one.
expectTypeOf<{ content: [] }>().toExtend<T.CallToolResult>();
// @ts-expect-error a result is not a CallToolResult without content
expectTypeOf<{ resultType: 'complete' }>().toExtend<T.CallToolResult>();

// ---- the published names of each revision's namespace -------------------------------------------------

expectTypeOf<keyof Eras['2024-11-05']>().toEqualTypeOf<SchemaName2024_11_05>();
expectTypeOf<keyof Eras['2025-03-26']>().toEqualTypeOf<SchemaName2025_03_26>();
expectTypeOf<keyof Eras['2025-06-18']>().toEqualTypeOf<SchemaName2025_06_18>();
expectTypeOf<keyof Eras['2025-11-25']>().toEqualTypeOf<SchemaName2025_11_25>();
expectTypeOf<keyof Eras['2026-07-28']>().toEqualTypeOf<SchemaName2026_07_28>();
