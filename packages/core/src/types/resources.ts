/**
 * Resources: listing, templates, reading, and legacy subscriptions (Resource itself is in content.ts).
 * 2026-07-28 drops resources/subscribe (subscriptions/listen replaces it) and adds
 * multi round-trip fields to resources/read.
 */
import type {
  CacheableResult,
  NotificationParams,
  PaginatedRequestParams,
  PaginatedResult,
  RequestParams,
} from './base.js';
import type { Resource, ResourceContents, ResourceTemplate } from './content.js';
import type { InputResponseRequestParams } from './modern.js';

/** Params of resources/list. */
export type ListResourcesRequestParams = PaginatedRequestParams;

export interface ListResourcesResult extends PaginatedResult {
  resources: Resource[];
}

/** Params of resources/templates/list. */
export type ListResourceTemplatesRequestParams = PaginatedRequestParams;

export interface ListResourceTemplatesResult extends PaginatedResult {
  resourceTemplates: ResourceTemplate[];
}

export interface ReadResourceRequestParams extends InputResponseRequestParams {
  uri: string;
}

export interface ReadResourceResult extends CacheableResult {
  contents: ResourceContents[];
}

/** Legacy revisions: resources/subscribe. */
export interface SubscribeRequestParams extends RequestParams {
  uri: string;
}

/** Legacy revisions: resources/unsubscribe. */
export type UnsubscribeRequestParams = SubscribeRequestParams;

export interface ResourceUpdatedNotificationParams extends NotificationParams {
  uri: string;
}
