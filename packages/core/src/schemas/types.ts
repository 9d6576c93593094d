/**
 * Public TypeScript types, inferred from the schemas. They use the newest shapes: 2026-07-28 where the type
 * exists there, 2025-11-25 for what only the legacy era has (initialize, tasks) and for the server-to-client
 * requests (sampling, elicitation, roots), which are JSON-RPC requests only in the legacy era.
 */
import type { z } from 'zod';
import type { Rev2025_11_25 } from './rev-2025-11-25.js';
import type { Rev2026_07_28 } from './rev-2026-07-28.js';

type M = typeof Rev2026_07_28;
type L = typeof Rev2025_11_25;

export type RequestIdType = z.infer<M['RequestId']>;
export type ProgressToken = z.infer<M['ProgressToken']>;
export type Role = z.infer<M['Role']>;
export type LoggingLevel = z.infer<M['LoggingLevel']>;
export type Annotations = z.infer<M['Annotations']>;
export type Icon = z.infer<M['Icon']>;
export type TextContent = z.infer<M['TextContent']>;
export type ImageContent = z.infer<M['ImageContent']>;
export type AudioContent = z.infer<M['AudioContent']>;
export type ResourceLink = z.infer<M['ResourceLink']>;
export type EmbeddedResource = z.infer<M['EmbeddedResource']>;
export type ContentBlock = z.infer<M['ContentBlock']>;
export type TextResourceContents = z.infer<M['TextResourceContents']>;
export type BlobResourceContents = z.infer<M['BlobResourceContents']>;
export type ResourceContents = TextResourceContents | BlobResourceContents;
export type ToolUseContent = z.infer<M['ToolUseContent']>;
export type ToolResultContent = z.infer<M['ToolResultContent']>;
export type SamplingMessageContentBlock = z.infer<M['SamplingMessageContentBlock']>;

export type Implementation = z.infer<M['Implementation']>;
export type ClientCapabilities = z.infer<M['ClientCapabilities']>;
export type ServerCapabilities = z.infer<M['ServerCapabilities']>;
/** Legacy-era capabilities (2025-11-25) include `tasks`, which 2026-07-28 moved to an extension. */
export type LegacyClientCapabilities = z.infer<L['ClientCapabilities']>;
export type LegacyServerCapabilities = z.infer<L['ServerCapabilities']>;
export type InitializeRequestParams = z.infer<L['InitializeRequestParams']>;
export type InitializeResult = z.infer<L['InitializeResult']>;
export type RequestMetaObject = z.infer<M['RequestMetaObject']>;
export type ResultMetaObject = z.infer<M['ResultMetaObject']>;
export type DiscoverResult = z.infer<M['DiscoverResult']>;

export type Tool = z.infer<M['Tool']>;
export type ToolAnnotations = z.infer<M['ToolAnnotations']>;
export type CallToolRequestParams = z.infer<M['CallToolRequestParams']>;
export type CallToolResult = z.infer<M['CallToolResult']>;
export type ListToolsResult = z.infer<M['ListToolsResult']>;

export type Resource = z.infer<M['Resource']>;
export type ResourceTemplate = z.infer<M['ResourceTemplate']>;
export type ListResourcesResult = z.infer<M['ListResourcesResult']>;
export type ListResourceTemplatesResult = z.infer<M['ListResourceTemplatesResult']>;
export type ReadResourceRequestParams = z.infer<M['ReadResourceRequestParams']>;
export type ReadResourceResult = z.infer<M['ReadResourceResult']>;

export type Prompt = z.infer<M['Prompt']>;
export type PromptArgument = z.infer<M['PromptArgument']>;
export type PromptMessage = z.infer<M['PromptMessage']>;
export type ListPromptsResult = z.infer<M['ListPromptsResult']>;
export type GetPromptRequestParams = z.infer<M['GetPromptRequestParams']>;
export type GetPromptResult = z.infer<M['GetPromptResult']>;

export type PromptReference = z.infer<M['PromptReference']>;
export type ResourceTemplateReference = z.infer<M['ResourceTemplateReference']>;
export type CompleteRequestParams = z.infer<M['CompleteRequestParams']>;
export type CompleteResult = z.infer<M['CompleteResult']>;

export type SamplingMessage = z.infer<L['SamplingMessage']>;
export type ModelPreferences = z.infer<L['ModelPreferences']>;
export type CreateMessageRequestParams = z.infer<L['CreateMessageRequestParams']>;
export type CreateMessageResult = z.infer<L['CreateMessageResult']>;
export type PrimitiveSchemaDefinition = z.infer<L['PrimitiveSchemaDefinition']>;
export type ElicitRequestParams = z.infer<L['ElicitRequestParams']>;
export type ElicitRequestFormParams = z.infer<L['ElicitRequestFormParams']>;
export type ElicitRequestURLParams = z.infer<L['ElicitRequestURLParams']>;
export type ElicitResult = z.infer<L['ElicitResult']>;
export type Root = z.infer<L['Root']>;
export type ListRootsResult = z.infer<L['ListRootsResult']>;

export type Task = z.infer<L['Task']>;
export type TaskStatus = z.infer<L['TaskStatus']>;
export type TaskMetadata = z.infer<L['TaskMetadata']>;
export type CreateTaskResult = z.infer<L['CreateTaskResult']>;

export type InputRequest = z.infer<M['InputRequest']>;
export type InputRequests = z.infer<M['InputRequests']>;
export type InputResponse = z.infer<M['InputResponse']>;
export type InputResponses = z.infer<M['InputResponses']>;
export type InputRequiredResult = z.infer<M['InputRequiredResult']>;
export type SubscriptionFilter = z.infer<M['SubscriptionFilter']>;
export type SubscriptionsListenRequestParams = z.infer<M['SubscriptionsListenRequestParams']>;
export type SubscriptionsListenResult = z.infer<M['SubscriptionsListenResult']>;

export type LoggingMessageNotificationParams = z.infer<M['LoggingMessageNotificationParams']>;
export type ProgressNotificationParams = z.infer<M['ProgressNotificationParams']>;
export type CancelledNotificationParams = z.infer<M['CancelledNotificationParams']>;
export type ResourceUpdatedNotificationParams = z.infer<M['ResourceUpdatedNotificationParams']>;
export type EmptyResult = z.infer<M['EmptyResult']>;
