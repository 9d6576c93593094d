/** The method table of the legacy revisions (2024-11-05 to 2025-11-25), from their namespaces. */
import { z } from 'zod';
import { BOTH, CLIENT, type MethodSpec, notification, request, SERVER } from './method-spec.js';
import { isEmptyParams, isPlainPaginated, isPlainToolCall } from './quick-accept.js';
import { isQuickInitialize } from './quick-initialize.js';

/** The parts of a legacy namespace the method table needs. */
export interface LegacyParts {
  readonly InitializeRequestParams: z.ZodType;
  readonly InitializeResult: z.ZodType;
  readonly InitializedNotificationParams: z.ZodType;
  readonly PingRequestParams: z.ZodType;
  readonly EmptyResult: z.ZodType;
  readonly ListResourcesRequestParams: z.ZodType;
  readonly ListResourcesResult: z.ZodType;
  readonly ListResourceTemplatesRequestParams: z.ZodType;
  readonly ListResourceTemplatesResult: z.ZodType;
  readonly ReadResourceRequestParams: z.ZodType;
  readonly ReadResourceResult: z.ZodType;
  readonly SubscribeRequestParams: z.ZodType;
  readonly UnsubscribeRequestParams: z.ZodType;
  readonly ListPromptsRequestParams: z.ZodType;
  readonly ListPromptsResult: z.ZodType;
  readonly GetPromptRequestParams: z.ZodType;
  readonly GetPromptResult: z.ZodType;
  readonly ListToolsRequestParams: z.ZodType;
  readonly ListToolsResult: z.ZodType;
  readonly CallToolRequestParams: z.ZodType;
  readonly CallToolResult: z.ZodType;
  readonly SetLevelRequestParams: z.ZodType;
  readonly CompleteRequestParams: z.ZodType;
  readonly CompleteResult: z.ZodType;
  readonly CreateMessageRequestParams: z.ZodType;
  readonly CreateMessageResult: z.ZodType;
  readonly ListRootsRequestParams: z.ZodType;
  readonly ListRootsResult: z.ZodType;
  readonly CancelledNotificationParams: z.ZodType;
  readonly ProgressNotificationParams: z.ZodType;
  readonly RootsListChangedNotificationParams: z.ZodType;
  readonly ResourceListChangedNotificationParams: z.ZodType;
  readonly ResourceUpdatedNotificationParams: z.ZodType;
  readonly PromptListChangedNotificationParams: z.ZodType;
  readonly ToolListChangedNotificationParams: z.ZodType;
  readonly LoggingMessageNotificationParams: z.ZodType;
}

export interface ElicitationParts {
  readonly ElicitRequestParams: z.ZodType;
  readonly ElicitResult: z.ZodType;
}

export interface TaskParts {
  readonly CreateTaskResult: z.ZodType;
  readonly GetTaskRequestParams: z.ZodType;
  readonly GetTaskResult: z.ZodType;
  readonly GetTaskPayloadRequestParams: z.ZodType;
  readonly GetTaskPayloadResult: z.ZodType;
  readonly CancelTaskRequestParams: z.ZodType;
  readonly CancelTaskResult: z.ZodType;
  readonly ListTasksRequestParams: z.ZodType;
  readonly ListTasksResult: z.ZodType;
  readonly TaskStatusNotificationParams: z.ZodType;
  readonly ElicitationCompleteNotificationParams: z.ZodType;
}

/** A spec with a quick check (see quick-accept.ts): the same checks serve before the schemas load. */
function quick(spec: MethodSpec, quickAccept: (params: unknown) => boolean): MethodSpec {
  return { ...spec, quickAccept };
}

export function legacyMethods(ns: LegacyParts, elicit?: ElicitationParts, tasks?: TaskParts): MethodSpec[] {
  // In 2025-11-25 a task-augmented request is answered with CreateTaskResult instead of its usual result.
  const orTask = (r: z.ZodType) => (tasks ? z.union([r, tasks.CreateTaskResult]) : r);
  const methods: MethodSpec[] = [
    quick(
      request('initialize', CLIENT, ns.InitializeRequestParams, ns.InitializeResult, false),
      isQuickInitialize,
    ),
    quick(request('ping', BOTH, ns.PingRequestParams, ns.EmptyResult, true), isEmptyParams),
    quick(
      request('resources/list', CLIENT, ns.ListResourcesRequestParams, ns.ListResourcesResult, true),
      isPlainPaginated,
    ),
    quick(
      request(
        'resources/templates/list',
        CLIENT,
        ns.ListResourceTemplatesRequestParams,
        ns.ListResourceTemplatesResult,
        true,
      ),
      isPlainPaginated,
    ),
    request('resources/read', CLIENT, ns.ReadResourceRequestParams, ns.ReadResourceResult, false),
    request('resources/subscribe', CLIENT, ns.SubscribeRequestParams, ns.EmptyResult, false),
    request('resources/unsubscribe', CLIENT, ns.UnsubscribeRequestParams, ns.EmptyResult, false),
    quick(
      request('prompts/list', CLIENT, ns.ListPromptsRequestParams, ns.ListPromptsResult, true),
      isPlainPaginated,
    ),
    request('prompts/get', CLIENT, ns.GetPromptRequestParams, ns.GetPromptResult, false),
    quick(
      request('tools/list', CLIENT, ns.ListToolsRequestParams, ns.ListToolsResult, true),
      isPlainPaginated,
    ),
    quick(
      request('tools/call', CLIENT, ns.CallToolRequestParams, orTask(ns.CallToolResult), false),
      isPlainToolCall,
    ),
    request('logging/setLevel', CLIENT, ns.SetLevelRequestParams, ns.EmptyResult, false),
    request('completion/complete', CLIENT, ns.CompleteRequestParams, ns.CompleteResult, false),
    request(
      'sampling/createMessage',
      SERVER,
      ns.CreateMessageRequestParams,
      orTask(ns.CreateMessageResult),
      false,
    ),
    request('roots/list', SERVER, ns.ListRootsRequestParams, ns.ListRootsResult, true),
    notification('notifications/cancelled', BOTH, ns.CancelledNotificationParams, false),
    quick(
      notification('notifications/initialized', CLIENT, ns.InitializedNotificationParams, true),
      isEmptyParams,
    ),
    notification('notifications/progress', BOTH, ns.ProgressNotificationParams, false),
    notification('notifications/roots/list_changed', CLIENT, ns.RootsListChangedNotificationParams, true),
    notification(
      'notifications/resources/list_changed',
      SERVER,
      ns.ResourceListChangedNotificationParams,
      true,
    ),
    notification('notifications/resources/updated', SERVER, ns.ResourceUpdatedNotificationParams, false),
    notification('notifications/prompts/list_changed', SERVER, ns.PromptListChangedNotificationParams, true),
    notification('notifications/tools/list_changed', SERVER, ns.ToolListChangedNotificationParams, true),
    notification('notifications/message', SERVER, ns.LoggingMessageNotificationParams, false),
  ];
  if (elicit) {
    methods.push(
      request('elicitation/create', SERVER, elicit.ElicitRequestParams, orTask(elicit.ElicitResult), false),
    );
  }
  if (tasks) {
    methods.push(
      request('tasks/get', BOTH, tasks.GetTaskRequestParams, tasks.GetTaskResult, false),
      request('tasks/result', BOTH, tasks.GetTaskPayloadRequestParams, tasks.GetTaskPayloadResult, false),
      request('tasks/cancel', BOTH, tasks.CancelTaskRequestParams, tasks.CancelTaskResult, false),
      request('tasks/list', BOTH, tasks.ListTasksRequestParams, tasks.ListTasksResult, true),
      notification('notifications/tasks/status', BOTH, tasks.TaskStatusNotificationParams, false),
      notification(
        'notifications/elicitation/complete',
        SERVER,
        tasks.ElicitationCompleteNotificationParams,
        false,
      ),
    );
  }
  return methods;
}
