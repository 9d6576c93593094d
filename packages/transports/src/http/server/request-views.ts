/**
 * Per-request views handed to user code (MessageContext.requestInfo, ConnectInfo), whose costly parts are
 * built only when read. They are classes with getters on the prototype on purpose: an object literal
 * with getters gets a hidden class of its own per request (each getter is a new closure), and V8 keeps
 * such classes, and through them the whole request, alive across young-generation collections until the
 * next full collection. That promotion alone cost more server CPU per call than the whole HTTP layer.
 */
import type { Era } from '@mcpwire/core/runtime';
import type { ConnectInfo } from './handler-options.js';
import type { HttpInput } from './http-io.js';

/** MessageContext.requestInfo: the headers (lower-case names) and URL of the HTTP request. */
export class RequestInfoView {
  readonly #input: HttpInput;
  #headers: Record<string, string> | undefined;
  #url: string | null | undefined;

  constructor(input: HttpInput) {
    this.#input = input;
  }

  /** A copy of every header, made on first read: most handlers never look. */
  get headers(): Record<string, string> {
    this.#headers ??= this.#input.headerRecord();
    return this.#headers;
  }

  /** The absolute URL, normalised on first read; undefined for a Host header no URL parser accepts. */
  get url(): string | undefined {
    if (this.#url === undefined) {
      try {
        this.#url = this.#input.url;
      } catch {
        this.#url = null;
      }
    }
    return this.#url ?? undefined;
  }

  /** Logging and JSON.stringify see the values, not an empty object. */
  toJSON(): { headers: Record<string, string>; url: string | undefined } {
    return { headers: this.headers, url: this.url };
  }
}

/** ConnectInfo for the connect hook; the web-standard Request is built only if the hook reads it. */
export class ConnectInfoView implements ConnectInfo {
  readonly #input: HttpInput;

  constructor(
    readonly era: Era,
    readonly sessionId: string | undefined,
    readonly protocolVersion: string | undefined,
    input: HttpInput,
  ) {
    this.#input = input;
  }

  get singleRequest(): boolean {
    return this.sessionId === undefined;
  }

  get request(): Request {
    return this.#input.request();
  }
}
