/** The result (and completion params) types of the Client's methods, named from core's request map. */
import type { ClientRequestMap } from '@mcpwire/core/runtime';

type ResultOf<M extends keyof ClientRequestMap> = ClientRequestMap[M]['result'];
/** A tools/list result page. */
export type ListToolsResult = ResultOf<'tools/list'>;
/** A resources/list result page. */
export type ListResourcesResult = ResultOf<'resources/list'>;
/** A resources/templates/list result page. */
export type ListResourceTemplatesResult = ResultOf<'resources/templates/list'>;
/** A resources/read result. */
export type ReadResourceResult = ResultOf<'resources/read'>;
/** A prompts/list result page. */
export type ListPromptsResult = ResultOf<'prompts/list'>;
/** A prompts/get result. */
export type GetPromptResult = ResultOf<'prompts/get'>;
/** A completion/complete result. */
export type CompleteResult = ResultOf<'completion/complete'>;
/** completion/complete params as a caller gives them (`_meta` optional). */
export type CompleteParams = ClientRequestMap['completion/complete']['params'];
