/**
 * Method → params/result type maps for typed `request` / `notify` calls. Params are what a caller supplies:
 * `_meta` is optional everywhere (in 2026-07-28 the engine adds the protocol fields). Results of requests that
 * can answer with an InputRequiredResult map to the final result; the engine runs the input rounds.
 */
import type { z } from 'zod';
import type { Rev2025_11_25 } from './rev-2025-11-25.js';
import type { Rev2026_07_28 } from './rev-2026-07-28.js';

type M = typeof Rev2026_07_28;
type L = typeof Rev2025_11_25;
type MetaFields = { [key: string]: unknown };

/** A params type with `_meta` made optional (key remapping keeps both known keys and the index signature). */
export type CallerParams<T> = { [K in keyof T as K extends '_meta' ? never : K]: T[K] } & {
  _meta?: MetaFields;
};
type P<S extends z.ZodType> = CallerParams<z.infer<S>>;
/**
 * A result type that holds in every era: 2026-07-28's caching hints are optional, because results from
 * legacy peers (and handlers serving both eras) have none. `resultType` stays: engines fill it in.
 */
export type EraResult<T> = { [K in keyof T as K extends 'ttlMs' | 'cacheScope' ? never : K]: T[K] } & {
  ttlMs?: number;
  cacheScope?: 'public' | 'private';
};
type R<S extends z.ZodType> = EraResult<z.infer<S>>;
type NoParams = { _meta?: MetaFields } | undefined;

export interface ClientRequestMap {
  initialize: { params: P<L['InitializeRequestParams']>; result: R<L['InitializeResult']> };
  ping: { params: NoParams; result: R<L['EmptyResult']> };
  'server/discover': { params: NoParams; result: R<M['DiscoverResult']> };
  'resources/list': {
    params: P<M['ListResourcesRequestParams']> | undefined;
    result: R<M['ListResourcesResult']>;
  };
  'resources/templates/list': {
    params: P<M['ListResourceTemplatesRequestParams']> | undefined;
    result: R<M['ListResourceTemplatesResult']>;
  };
  'resources/read': { params: P<M['ReadResourceRequestParams']>; result: R<M['ReadResourceResult']> };
  'resources/subscribe': { params: P<L['SubscribeRequestParams']>; result: R<L['EmptyResult']> };
  'resources/unsubscribe': { params: P<L['UnsubscribeRequestParams']>; result: R<L['EmptyResult']> };
  'subscriptions/listen': {
    params: P<M['SubscriptionsListenRequestParams']>;
    result: R<M['SubscriptionsListenResult']>;
  };
  'prompts/list': { params: P<M['ListPromptsRequestParams']> | undefined; result: R<M['ListPromptsResult']> };
  'prompts/get': { params: P<M['GetPromptRequestParams']>; result: R<M['GetPromptResult']> };
  'tools/list': { params: P<M['ListToolsRequestParams']> | undefined; result: R<M['ListToolsResult']> };
  'tools/call': { params: P<M['CallToolRequestParams']>; result: R<M['CallToolResult']> };
  'logging/setLevel': { params: P<L['SetLevelRequestParams']>; result: R<L['EmptyResult']> };
  'completion/complete': { params: P<M['CompleteRequestParams']>; result: R<M['CompleteResult']> };
  'tasks/get': { params: P<L['GetTaskRequestParams']>; result: R<L['GetTaskResult']> };
  'tasks/result': { params: P<L['GetTaskPayloadRequestParams']>; result: R<L['GetTaskPayloadResult']> };
  'tasks/cancel': { params: P<L['CancelTaskRequestParams']>; result: R<L['CancelTaskResult']> };
  'tasks/list': { params: P<L['ListTasksRequestParams']> | undefined; result: R<L['ListTasksResult']> };
}

export interface ServerRequestMap {
  ping: { params: NoParams; result: R<L['EmptyResult']> };
  'sampling/createMessage': {
    params: P<L['CreateMessageRequestParams']>;
    result: R<L['CreateMessageResult']>;
  };
  'roots/list': { params: NoParams; result: R<L['ListRootsResult']> };
  'elicitation/create': { params: P<L['ElicitRequestParams']>; result: R<L['ElicitResult']> };
  'tasks/get': { params: P<L['GetTaskRequestParams']>; result: R<L['GetTaskResult']> };
  'tasks/result': { params: P<L['GetTaskPayloadRequestParams']>; result: R<L['GetTaskPayloadResult']> };
  'tasks/cancel': { params: P<L['CancelTaskRequestParams']>; result: R<L['CancelTaskResult']> };
  'tasks/list': { params: P<L['ListTasksRequestParams']> | undefined; result: R<L['ListTasksResult']> };
}

export interface ClientNotificationMap {
  'notifications/cancelled': P<M['CancelledNotificationParams']>;
  'notifications/initialized': NoParams;
  'notifications/progress': P<M['ProgressNotificationParams']>;
  'notifications/roots/list_changed': NoParams;
  'notifications/tasks/status': P<L['TaskStatusNotificationParams']>;
}

export interface ServerNotificationMap {
  'notifications/cancelled': P<M['CancelledNotificationParams']>;
  'notifications/progress': P<M['ProgressNotificationParams']>;
  'notifications/message': P<M['LoggingMessageNotificationParams']>;
  'notifications/resources/list_changed': NoParams;
  'notifications/resources/updated': P<M['ResourceUpdatedNotificationParams']>;
  'notifications/prompts/list_changed': NoParams;
  'notifications/tools/list_changed': NoParams;
  'notifications/subscriptions/acknowledged': P<M['SubscriptionsAcknowledgedNotificationParams']>;
  'notifications/tasks/status': P<L['TaskStatusNotificationParams']>;
  'notifications/elicitation/complete': P<L['ElicitationCompleteNotificationParams']>;
}
