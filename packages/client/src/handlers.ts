/**
 * What servers ask of the client (sampling, elicitation, roots), as plain callbacks. The same handlers
 * answer legacy server→client requests and 2026-07-28 MRTR input requests (the core ClientConnection runs
 * both through its request handlers). Capabilities follow from the handlers given.
 */
import type {
  ClientCapabilities,
  ClientConnection,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestFormParams,
  ElicitRequestURLParams,
  ElicitResult,
  JsonObject,
  RequestContext,
  Root,
} from '@mcpwire/core/runtime';
import { applyFormDefaults } from './elicitation-defaults.js';

/**
 * What a client handler receives besides its params: the request's signal, id and metadata. (Server-side
 * handlers receive a HandlerContext from @mcpwire/server.)
 */
export type ClientHandlerContext = Pick<RequestContext, 'signal' | 'requestId' | 'meta' | 'era' | 'revision'>;

/** The user's answer to a URL-mode elicitation: nothing is opened unless the user accepted. */
export type UrlConsent = 'accept' | 'decline' | 'cancel';

/**
 * How the client answers the server's requests: sampling, form and URL elicitation (roots come from the
 * `roots` option).
 */
export interface ClientHandlers {
  /** sampling/createMessage: ask a model. */
  sampling?: (
    params: CreateMessageRequestParams,
    context: ClientHandlerContext,
  ) => Promise<CreateMessageResult>;
  /**
   * elicitation/create in form mode. Return `{ action: 'accept', content }`; fields the user left out get
   * the schema's defaults (SEP-1034) before the answer is sent.
   */
  elicitation?: (params: ElicitRequestFormParams, context: ClientHandlerContext) => Promise<ElicitResult>;
  /**
   * elicitation/create in URL mode. The client never opens the URL itself: show `params.url` (and its
   * domain) to the user and return 'accept' only when the user explicitly agreed to open it.
   */
  urlElicitation?: (params: ElicitRequestURLParams, context: ClientHandlerContext) => Promise<UrlConsent>;
}

/** The capabilities the given handlers and roots imply (merged under any the caller declared). */
export function impliedCapabilities(
  handlers: ClientHandlers,
  hasRoots: boolean,
  declared: ClientCapabilities | undefined,
): JsonObject {
  const capabilities: JsonObject = {};
  if (handlers.sampling !== undefined) capabilities.sampling = {};
  if (handlers.elicitation !== undefined || handlers.urlElicitation !== undefined) {
    const elicitation: JsonObject = {};
    if (handlers.elicitation !== undefined) elicitation.form = {};
    if (handlers.urlElicitation !== undefined) elicitation.url = {};
    capabilities.elicitation = elicitation;
  }
  if (hasRoots) capabilities.roots = { listChanged: true };
  return { ...capabilities, ...(declared as JsonObject | undefined) };
}

function isUrlMode(params: JsonObject): boolean {
  return params.mode === 'url';
}

/** Registers the handlers on a connection; `roots` is read at request time so updates are seen. */
export function installHandlers(
  connection: ClientConnection,
  handlers: ClientHandlers,
  roots: () => readonly Root[] | undefined,
): void {
  const { sampling, elicitation, urlElicitation } = handlers;
  if (sampling !== undefined) {
    connection.setRequestHandler('sampling/createMessage', (params, context) =>
      sampling(params as CreateMessageRequestParams, context),
    );
  }
  if (elicitation !== undefined || urlElicitation !== undefined) {
    connection.setRequestHandler('elicitation/create', async (params, context) => {
      const request = params as unknown as JsonObject;
      if (isUrlMode(request)) {
        // Without a URL handler, or without the user's yes, the URL is never opened: decline.
        if (urlElicitation === undefined) return { action: 'decline' };
        const consent = await urlElicitation(params as ElicitRequestURLParams, context);
        return { action: consent === 'accept' || consent === 'cancel' ? consent : 'decline' };
      }
      if (elicitation === undefined) return { action: 'decline' };
      const form = params as ElicitRequestFormParams;
      const answer = await elicitation(form, context);
      if (answer.action !== 'accept') return { action: answer.action };
      return {
        ...answer,
        content: applyFormDefaults(form.requestedSchema, answer.content as JsonObject | undefined),
      } as ElicitResult;
    });
  }
  connection.setRequestHandler('roots/list', () => ({ roots: [...(roots() ?? [])] }));
}
