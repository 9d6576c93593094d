/**
 * 2026-07-28 ("modern" era): per-request `_meta` protocol fields, server/discover, multi round-trip requests
 * (InputRequiredResult, inputRequests / inputResponses / requestState), subscriptions/listen and the error
 * data shapes that are new in this revision.
 */
import { z } from 'zod';
import { LoggingLevel, obj, ProgressToken, RequestId } from './base.js';
import { withMetaKeyRules } from './meta.js';

export function modernMeta<I extends z.ZodType, CC extends z.ZodType>(
  implementation: I,
  clientCapabilities: CC,
) {
  return {
    /** `_meta` of every request: the protocol version and client capabilities are required on each one. */
    RequestMetaObject: withMetaKeyRules(
      obj({
        'io.modelcontextprotocol/protocolVersion': z.string(),
        'io.modelcontextprotocol/clientCapabilities': clientCapabilities,
        'io.modelcontextprotocol/clientInfo': implementation.optional(),
        'io.modelcontextprotocol/logLevel': LoggingLevel.optional(),
        progressToken: ProgressToken.optional(),
      }),
    ),
    ResultMetaObject: withMetaKeyRules(
      obj({ 'io.modelcontextprotocol/serverInfo': implementation.optional() }),
    ),
    NotificationMetaObject: withMetaKeyRules(
      obj({ 'io.modelcontextprotocol/subscriptionId': RequestId.optional() }),
    ),
    SubscriptionsListenResultMetaObject: withMetaKeyRules(
      obj({
        'io.modelcontextprotocol/serverInfo': implementation.optional(),
        'io.modelcontextprotocol/subscriptionId': RequestId,
      }),
    ),
  };
}

export const ResultType = z.string();

export const SubscriptionFilter = obj({
  toolsListChanged: z.boolean().optional(),
  promptsListChanged: z.boolean().optional(),
  resourcesListChanged: z.boolean().optional(),
  resourceSubscriptions: z.array(z.string()).optional(),
});

export interface MrtrParts {
  readonly CreateMessageRequestParams: z.ZodType;
  readonly ElicitRequestParams: z.ZodType;
  readonly ListRootsRequestParams: z.ZodType;
  readonly CreateMessageResult: z.ZodType;
  readonly ElicitResult: z.ZodType;
  readonly ListRootsResult: z.ZodType;
}

/** Multi round-trip requests: the server asks the client for input inside a result; the client retries. */
export function mrtrArea<P extends MrtrParts, RM extends z.ZodType>(p: P, resultMeta: RM) {
  const CreateMessageRequest = obj({
    method: z.literal('sampling/createMessage'),
    params: p.CreateMessageRequestParams as P['CreateMessageRequestParams'],
  });
  const ListRootsRequest = obj({
    method: z.literal('roots/list'),
    params: (p.ListRootsRequestParams as P['ListRootsRequestParams']).optional(),
  });
  const ElicitRequest = obj({
    method: z.literal('elicitation/create'),
    params: p.ElicitRequestParams as P['ElicitRequestParams'],
  });
  const InputRequest = z.discriminatedUnion('method', [
    CreateMessageRequest,
    ListRootsRequest,
    ElicitRequest,
  ]);
  // A response carries no method, so the union is tried in order (as the schema's anyOf does).
  const InputResponse = z.union([
    p.CreateMessageResult as P['CreateMessageResult'],
    p.ListRootsResult as P['ListRootsResult'],
    p.ElicitResult as P['ElicitResult'],
  ]);
  const InputRequests = z.record(z.string(), InputRequest);
  const InputResponses = z.record(z.string(), InputResponse);
  return {
    CreateMessageRequest,
    ListRootsRequest,
    ElicitRequest,
    InputRequest,
    InputRequests,
    InputResponse,
    InputResponses,
    /** "At least one of inputRequests or requestState MUST be present" is a prose rule the schema omits. */
    InputRequiredResult: obj({
      _meta: (resultMeta as RM).optional(),
      resultType: ResultType,
      inputRequests: InputRequests.optional(),
      requestState: z.string().optional(),
    }),
  };
}

/** `error.data` of the errors that 2026-07-28 defines. */
export function modernErrorData<CC extends z.ZodType>(clientCapabilities: CC) {
  return {
    UnsupportedProtocolVersionErrorData: obj({ supported: z.array(z.string()), requested: z.string() }),
    MissingRequiredClientCapabilityErrorData: obj({ requiredCapabilities: clientCapabilities }),
  };
}
