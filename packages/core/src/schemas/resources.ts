/**
 * Resources: Resource and ResourceTemplate per revision, list/read/templates, subscribe/unsubscribe and the
 * resource notifications. 2026-07-28 drops resources/subscribe and resources/unsubscribe (subscriptions/listen
 * replaces them, see modern.ts) and makes list and read results cacheable.
 */
import { z } from 'zod';
import { Integer, obj } from './base.js';
import { content2024, content2025_06, icons, resourceFields2025_06 } from './content.js';
import { cacheableResult, type Kit, noteParams, reqParams } from './kit.js';

const Resource2024 = obj({
  uri: z.string(),
  name: z.string(),
  description: z.string().optional(),
  mimeType: z.string().optional(),
  size: Integer.optional(),
  annotations: content2024.Annotations.optional(),
});
const Resource2025_06 = obj(resourceFields2025_06);
const Resource2025_11 = Resource2025_06.extend(icons);

const ResourceTemplate2024 = obj({
  uriTemplate: z.string(),
  name: z.string(),
  description: z.string().optional(),
  mimeType: z.string().optional(),
  annotations: content2024.Annotations.optional(),
});
const ResourceTemplate2025_06 = ResourceTemplate2024.extend({
  _meta: resourceFields2025_06._meta,
  title: z.string().optional(),
  annotations: content2025_06.Annotations.optional(),
});
const ResourceTemplate2025_11 = ResourceTemplate2025_06.extend(icons);

export const resourceShapes = {
  '2024-11-05': { Resource: Resource2024, ResourceTemplate: ResourceTemplate2024 },
  '2025-03-26': { Resource: Resource2024, ResourceTemplate: ResourceTemplate2024 },
  '2025-06-18': { Resource: Resource2025_06, ResourceTemplate: ResourceTemplate2025_06 },
  '2025-11-25': { Resource: Resource2025_11, ResourceTemplate: ResourceTemplate2025_11 },
  '2026-07-28': { Resource: Resource2025_11, ResourceTemplate: ResourceTemplate2025_11 },
} as const;

export function resourcesArea<K extends Kit, R extends z.ZodType, RT extends z.ZodType, RC extends z.ZodType>(
  k: K,
  resource: R,
  resourceTemplate: RT,
  /** Text or blob contents of this revision. */
  contents: RC,
) {
  const uriParams = reqParams(k, { uri: z.string() });
  return {
    Resource: resource,
    ResourceTemplate: resourceTemplate,
    ListResourcesRequestParams: reqParams(k, { cursor: z.string().optional() }),
    ListResourcesResult: cacheableResult(k, {
      resources: z.array(resource),
      nextCursor: z.string().optional(),
    }),
    ListResourceTemplatesRequestParams: reqParams(k, { cursor: z.string().optional() }),
    ListResourceTemplatesResult: cacheableResult(k, {
      resourceTemplates: z.array(resourceTemplate),
      nextCursor: z.string().optional(),
    }),
    ReadResourceRequestParams: reqParams(k, {
      uri: z.string(),
      inputResponses: k.inputResponses as K['inputResponses'],
      requestState: k.requestState as K['requestState'],
    }),
    ReadResourceResult: cacheableResult(k, { contents: z.array(contents) }),
    SubscribeRequestParams: uriParams,
    UnsubscribeRequestParams: uriParams,
    ResourceListChangedNotificationParams: noteParams(k, {}),
    ResourceUpdatedNotificationParams: noteParams(k, { uri: z.string() }),
  };
}
