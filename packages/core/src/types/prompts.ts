/**
 * Prompts (prompts/list, prompts/get) and completion (completion/complete). 2025-06-18 adds titles, `_meta`
 * and completion context; 2025-11-25 adds icons; 2026-07-28 adds multi round-trip fields to prompts/get.
 */
import type {
  Icon,
  MetaObject,
  PaginatedRequestParams,
  PaginatedResult,
  RequestParams,
  Result,
  Role,
} from './base.js';
import type { ContentBlock } from './content.js';
import type { InputResponseRequestParams } from './modern.js';

/** An argument a prompt takes. Its value always travels as a string. */
export interface PromptArgument {
  name: string;
  /** 2025-06-18 and later. */
  title?: string;
  description?: string;
  required?: boolean;
}

/** A prompt as prompts/list describes it. */
export interface Prompt {
  name: string;
  /** 2025-06-18 and later. */
  title?: string;
  description?: string;
  arguments?: PromptArgument[];
  /** 2025-11-25 and later. */
  icons?: Icon[];
  /** 2025-06-18 and later. */
  _meta?: MetaObject;
}

/** A message of a prompt. */
export interface PromptMessage {
  role: Role;
  content: ContentBlock;
}

/** Params of prompts/list. */
export type ListPromptsRequestParams = PaginatedRequestParams;

export interface ListPromptsResult extends PaginatedResult {
  prompts: Prompt[];
}

export interface GetPromptRequestParams extends InputResponseRequestParams {
  name: string;
  arguments?: { [key: string]: string };
}

export interface GetPromptResult extends Result {
  description?: string;
  messages: PromptMessage[];
}

/** What completion/complete completes an argument of: a prompt ... */
export interface PromptReference {
  type: 'ref/prompt';
  name: string;
  /** 2025-06-18 and later. */
  title?: string;
}

/** ... or a resource template (named ResourceReference before 2025-06-18, same shape). */
export interface ResourceTemplateReference {
  type: 'ref/resource';
  uri: string;
}

export interface CompleteRequestParams extends RequestParams {
  ref: PromptReference | ResourceTemplateReference;
  /** The argument being completed and what the user typed so far. */
  argument: { name: string; value: string };
  /** 2025-06-18 and later: arguments already filled in. */
  context?: { arguments?: { [key: string]: string } };
}

export interface CompleteResult extends Result {
  completion: {
    /** At most 100 values. */
    values: string[];
    /** How many values there are in all, when known. */
    total?: number;
    hasMore?: boolean;
  };
}
