/**
 * The MessageContext of one POST's messages. A class with every member declared, on purpose: giving a
 * plain object a new function-valued property per request (`ctx.watchCaller = () => ...`) makes V8 keep
 * a hidden class per object, and with it the whole request, alive past young-generation collections.
 */
import type { AuthInfo, CallerListener, MessageContext } from '@mcpwire/core';
import type { PostExchange } from './exchange.js';

export class HttpMessageContext implements MessageContext {
  /** 2026-07-28: the exchange whose client leaving cancels the request; set by the transport. */
  exchange: PostExchange | undefined = undefined;

  constructor(
    readonly sessionId: string | undefined,
    readonly authInfo: AuthInfo | undefined,
    readonly requestInfo: MessageContext['requestInfo'],
  ) {}

  /** See MessageContext.watchCaller: only a 2026-07-28 exchange reports its client leaving. */
  watchCaller(listener: CallerListener): () => void {
    return this.exchange === undefined ? noop : this.exchange.watchCaller(listener);
  }
}

function noop(): void {}
