/**
 * Method → params/result type maps for typed `request` / `notify` calls, in the named protocol types
 * (../types). Params are what a caller supplies: `_meta` is optional everywhere (in 2026-07-28 the engine
 * adds the protocol fields). Results hold in every era: `resultType` and 2026-07-28's caching hints are
 * optional, as legacy peers send none. Requests that can answer with an InputRequiredResult map to the
 * final result; the engine runs the input rounds.
 */
import type {
  CallToolRequestParams,
  CallToolResult,
  CancelledNotificationParams,
  CompleteRequestParams,
  CompleteResult,
  CreateMessageRequestParams,
  CreateMessageResult,
  DiscoverResult,
  ElicitationCompleteNotificationParams,
  ElicitRequestParams,
  ElicitResult,
  EmptyResult,
  GetPromptRequestParams,
  GetPromptResult,
  GetTaskPayloadResult,
  InitializeRequestParams,
  InitializeResult,
  ListPromptsResult,
  ListResourcesResult,
  ListResourceTemplatesResult,
  ListRootsResult,
  ListTasksResult,
  ListToolsResult,
  LoggingMessageNotificationParams,
  MetaObject,
  PaginatedRequestParams,
  ProgressNotificationParams,
  ReadResourceRequestParams,
  ReadResourceResult,
  ResourceUpdatedNotificationParams,
  SetLevelRequestParams,
  SubscribeRequestParams,
  SubscriptionsAcknowledgedNotificationParams,
  SubscriptionsListenRequestParams,
  SubscriptionsListenResult,
  TaskRequestParams,
  TaskResult,
  TaskStatusNotificationParams,
} from '../types/index.js';

type NoParams = { _meta?: MetaObject } | undefined;
type ListParams = PaginatedRequestParams | undefined;

/** 2025-11-25 tasks: either side may poll the tasks it started on the other. */
interface TaskRequestMap {
  'tasks/get': { params: TaskRequestParams; result: TaskResult };
  'tasks/result': { params: TaskRequestParams; result: GetTaskPayloadResult };
  'tasks/cancel': { params: TaskRequestParams; result: TaskResult };
  'tasks/list': { params: ListParams; result: ListTasksResult };
}

/** Every request a client may send: its params and result types, by method. */
export interface ClientRequestMap extends TaskRequestMap {
  initialize: { params: InitializeRequestParams; result: InitializeResult };
  ping: { params: NoParams; result: EmptyResult };
  'server/discover': { params: NoParams; result: DiscoverResult };
  'resources/list': { params: ListParams; result: ListResourcesResult };
  'resources/templates/list': { params: ListParams; result: ListResourceTemplatesResult };
  'resources/read': { params: ReadResourceRequestParams; result: ReadResourceResult };
  'resources/subscribe': { params: SubscribeRequestParams; result: EmptyResult };
  'resources/unsubscribe': { params: SubscribeRequestParams; result: EmptyResult };
  'subscriptions/listen': { params: SubscriptionsListenRequestParams; result: SubscriptionsListenResult };
  'prompts/list': { params: ListParams; result: ListPromptsResult };
  'prompts/get': { params: GetPromptRequestParams; result: GetPromptResult };
  'tools/list': { params: ListParams; result: ListToolsResult };
  'tools/call': { params: CallToolRequestParams; result: CallToolResult };
  'logging/setLevel': { params: SetLevelRequestParams; result: EmptyResult };
  'completion/complete': { params: CompleteRequestParams; result: CompleteResult };
}

/** Every request a server may send: its params and result types, by method. */
export interface ServerRequestMap extends TaskRequestMap {
  ping: { params: NoParams; result: EmptyResult };
  'sampling/createMessage': { params: CreateMessageRequestParams; result: CreateMessageResult };
  'roots/list': { params: NoParams; result: ListRootsResult };
  'elicitation/create': { params: ElicitRequestParams; result: ElicitResult };
}

/** Every notification a client may send: its params type, by method. */
export interface ClientNotificationMap {
  'notifications/cancelled': CancelledNotificationParams;
  'notifications/initialized': NoParams;
  'notifications/progress': ProgressNotificationParams;
  'notifications/roots/list_changed': NoParams;
  'notifications/tasks/status': TaskStatusNotificationParams;
}

/** Every notification a server may send: its params type, by method. */
export interface ServerNotificationMap {
  'notifications/cancelled': CancelledNotificationParams;
  'notifications/progress': ProgressNotificationParams;
  'notifications/message': LoggingMessageNotificationParams;
  'notifications/resources/list_changed': NoParams;
  'notifications/resources/updated': ResourceUpdatedNotificationParams;
  'notifications/prompts/list_changed': NoParams;
  'notifications/tools/list_changed': NoParams;
  'notifications/subscriptions/acknowledged': SubscriptionsAcknowledgedNotificationParams;
  'notifications/tasks/status': TaskStatusNotificationParams;
  'notifications/elicitation/complete': ElicitationCompleteNotificationParams;
}
