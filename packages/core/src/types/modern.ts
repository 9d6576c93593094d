/**
 * 2026-07-28 only: multi round-trip requests (the server asks for input inside a result and the client
 * retries with the answers) and subscriptions/listen (one stream for list changes and resource updates).
 */
import type { RequestId } from '../jsonrpc/types.js';
import type { Implementation, NotificationParams, RequestParams, Result, ResultType } from './base.js';
import type {
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestParams,
  ElicitResult,
  ListRootsResult,
} from './client-requests.js';
import type { ClientCapabilities } from './lifecycle.js';

/** 2026-07-28: a sampling request inside an `input_required` result. */
export interface CreateMessageRequest {
  method: 'sampling/createMessage';
  params: CreateMessageRequestParams;
}

/** 2026-07-28: a roots request inside an `input_required` result. */
export interface ListRootsRequest {
  method: 'roots/list';
  params?: RequestParams;
}

/** 2026-07-28: an elicitation request inside an `input_required` result. */
export interface ElicitRequest {
  method: 'elicitation/create';
  params: ElicitRequestParams;
}

/** 2026-07-28: the fields a request retried after an InputRequiredResult carries. */
export interface InputResponseRequestParams extends RequestParams {
  /** Answers to the input requests of the previous round, by their keys. */
  inputResponses?: InputResponses;
  /** The `requestState` of the previous round, returned unchanged. */
  requestState?: string;
}

/** Something the server needs from the client before it can finish a request. */
export type InputRequest = CreateMessageRequest | ListRootsRequest | ElicitRequest;
/** Input requests by key; the client answers each under the same key. */
export type InputRequests = { [key: string]: InputRequest };
/** 2026-07-28: the client's answer to one input request. */
export type InputResponse = CreateMessageResult | ListRootsResult | ElicitResult;
/** 2026-07-28: the client's answers to input requests, by key. */
export type InputResponses = { [key: string]: InputResponse };

/** An interim result: answer `inputRequests` and retry with `inputResponses` and `requestState`. */
export interface InputRequiredResult extends Result {
  resultType: ResultType;
  inputRequests?: InputRequests;
  /** Opaque state to send back unchanged with the retry. */
  requestState?: string;
}

/** Which notifications a subscriptions/listen stream carries. */
export interface SubscriptionFilter {
  toolsListChanged?: boolean;
  promptsListChanged?: boolean;
  resourcesListChanged?: boolean;
  /** URIs whose notifications/resources/updated the client wants. */
  resourceSubscriptions?: string[];
}

export interface SubscriptionsListenRequestParams extends RequestParams {
  notifications: SubscriptionFilter;
}

/** The `_meta` of a subscriptions/listen result. */
export interface SubscriptionsListenResultMetaObject {
  'io.modelcontextprotocol/serverInfo'?: Implementation;
  'io.modelcontextprotocol/subscriptionId': RequestId;
  [key: string]: unknown;
}

/** Sent when the stream ends gracefully. */
export interface SubscriptionsListenResult {
  _meta: SubscriptionsListenResultMetaObject;
  resultType: ResultType;
}

/** The first message of a subscriptions/listen stream: what the server agreed to send. */
export interface SubscriptionsAcknowledgedNotificationParams extends NotificationParams {
  notifications: SubscriptionFilter;
}

/** `error.data` of -32022 (the client asked for a revision the server does not speak). */
export interface UnsupportedProtocolVersionErrorData {
  supported: string[];
  requested: string;
}

/** `error.data` of -32021 (the request needs a capability the client did not declare). */
export interface MissingRequiredClientCapabilityErrorData {
  requiredCapabilities: ClientCapabilities;
}
