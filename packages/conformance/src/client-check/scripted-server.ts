/**
 * The server the runner plays to judge a client: a tiny, transport-neutral MCP server with a paginated tool
 * list (opaque cursors, F10), one capability only (tools, so any prompts/resources request is L04), and,
 * when the client declares elicitation, elicitation requests during tools/call (C02, C03). Every client
 * message is judged as it arrives: order (L03), cancellation of initialize (L08), ids (CJ1), schema (CV1).
 * A client that probes with 2026-07-28 meets a modern server (modern-script.ts) unless a legacy revision
 * is pinned; then the probe gets a non-modern error or silence and the fallback is judged (M18, M04).
 */
import {
  isLegacyRevision,
  type JsonObject,
  LATEST_LEGACY_REVISION,
  META_PROTOCOL_VERSION,
  type Revision,
  validateMessage,
} from '@mcpwire/core';
import { isObject } from '../runner/context.js';
import { type Recorder, received } from '../runner/recorder.js';
import { judgeLegacyElicitation } from './legacy-elicitation.js';
import { ModernScript } from './modern-script.js';

/** Cursors chosen to break clients that decode, trim or re-encode them. */
export const CURSORS = ['c1 /+=?&%2F"é', ' opaque:2 '] as const;
const PAGES: readonly (readonly JsonObject[])[] = [
  [tool('echo', 'Returns its text argument'), tool('add', 'Adds a and b')],
  [tool('upper', 'Upper-cases its text')],
  [tool('lower', 'Lower-cases its text')],
];

function tool(name: string, description: string): JsonObject {
  return {
    name,
    description,
    inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
    annotations: { readOnlyHint: true },
  };
}

const GATED: Readonly<Record<string, string>> = {
  'prompts/list': 'prompts',
  'prompts/get': 'prompts',
  'resources/list': 'resources',
  'resources/read': 'resources',
  'resources/templates/list': 'resources',
  'resources/subscribe': 'resources',
  'resources/unsubscribe': 'resources',
  'completion/complete': 'completions',
  'logging/setLevel': 'logging',
};

/** A server→client message channel: stdio's stdin of the client, or the SSE stream of one HTTP POST. */
export type SendToClient = (message: JsonObject) => void;

export interface ScriptedServerOptions {
  readonly rec: Recorder;
  /** Sends a server→client message (stdio); undefined when each exchange brings its own (HTTP). */
  readonly send: SendToClient | undefined;
  /**
   * A legacy revision plays a legacy-only server (a dual-era client must fall back, M18); 2026-07-28 plays
   * a modern-only server. Default: modern when the client probes with 2026-07-28, legacy otherwise.
   */
  readonly revision?: Revision | undefined;
  /** How a legacy-only server answers a modern probe: a JSON-RPC error code (default -32601) or silence. */
  readonly probeAnswer?: number | 'silent' | undefined;
  /** The URL a tool's network `$ref` points at (M16). */
  readonly refUrl: string;
}

export class ScriptedServer {
  readonly rec: Recorder;
  readonly #send: SendToClient | undefined;
  readonly #options: ScriptedServerOptions;
  revision: Revision = LATEST_LEGACY_REVISION;
  /** Set once the client speaks 2026-07-28 to us: every later modern message goes there. */
  modern: ModernScript | undefined;
  /** How the legacy-only server answered the last modern probe (M18), when it did. */
  probeAnswered: string | undefined;
  clientCapabilities: JsonObject = {};
  initializeId: unknown;
  initialized = false;
  initializeCount = 0;
  messageCount = 0;
  /** 2026-07-28 requests sent before initialize (the dual-era probe). */
  probes = 0;
  readonly #clientIds = new Set<string>();
  readonly #probeIds = new Set<string>();
  readonly #pending = new Map<string, (response: JsonObject) => void>();
  readonly #ourRequests = new Map<string, string>();
  #nextId = 1;
  pagesServed = 0;
  /** M04 (client side): a dual-era client went on after legacy results, which carry no resultType. */
  proceededWithoutResultType = false;
  elicitationDone = false;

  constructor(options: ScriptedServerOptions) {
    this.rec = options.rec;
    this.#send = options.send;
    this.#options = options;
  }

  /** The modern era is open to the client unless a legacy revision was pinned. */
  get modernAllowed(): boolean {
    return this.#options.revision === undefined || !isLegacyRevision(this.#options.revision);
  }

  /** Whether the next legacy tools/call will send elicitation/create (HTTP answers it over SSE then). */
  get willElicit(): boolean {
    return (
      this.modern === undefined && !this.elicitationDone && isObject(this.clientCapabilities['elicitation'])
    );
  }

  /** Judges one client message and returns the response to send, if it is a request. */
  async handle(value: unknown, raw: string, send = this.#send): Promise<JsonObject | undefined> {
    this.messageCount++;
    if (!isObject(value)) return undefined;
    const method = value['method'];
    if (typeof method !== 'string') {
      // A 2026-07-28 client never answers anything (there are no server→client requests); T02 judges it.
      if (this.modern === undefined) this.#onResponse(value, raw);
      return undefined;
    }
    if (this.isModernProbe(value)) return this.#answerProbe(value, raw);
    if (this.modern !== undefined) return this.modern.handle(value, raw);
    if (
      method === 'initialize' &&
      this.#options.revision !== undefined &&
      !isLegacyRevision(this.#options.revision)
    ) {
      this.probes++;
      return {
        jsonrpc: '2.0',
        id: value['id'] as string | number,
        error: { code: -32601, message: 'Method not found: initialize (this server speaks 2026-07-28 only)' },
      };
    }
    if (this.#cancelsProbe(method, value['params'])) return undefined;
    this.#validate(value, raw, undefined);
    const isRequest = 'id' in value;
    if (this.messageCount === this.probes + 1 && method !== 'initialize') {
      this.rec.fail('L03', `expected initialize as the first message, received ${method}`, [received(raw)]);
    }
    if (!isRequest) {
      this.#onNotification(method, value['params'], raw);
      return undefined;
    }
    const id = value['id'];
    const key = `${typeof id}:${String(id)}`;
    if (id === null || (typeof id !== 'string' && !Number.isInteger(id))) {
      this.rec.fail('CJ1', `expected a string or integer request id, received ${JSON.stringify(id)}`, [
        received(raw),
      ]);
    } else if (this.#clientIds.has(key) && method !== 'initialize') {
      this.rec.fail('CJ1', `expected unique request ids, received ${JSON.stringify(id)} again`, [
        received(raw),
      ]);
    }
    this.#clientIds.add(key);
    const params = isObject(value['params']) ? value['params'] : {};
    const reply = (result: JsonObject): JsonObject => ({ jsonrpc: '2.0', id: id as string | number, result });
    const fail = (code: number, message: string): JsonObject => ({
      jsonrpc: '2.0',
      id: id as string | number,
      error: { code, message },
    });

    if (method === 'initialize') return this.#initialize(id, params, raw);
    if (method === 'ping') return reply({});
    if (!this.initialized) {
      this.rec.fail('L03', `expected notifications/initialized before ${method}, received ${method} first`, [
        received(raw),
      ]);
    }
    const gate = GATED[method];
    if (gate !== undefined) {
      this.rec.fail('L04', `expected no ${method}: the server did not advertise ${gate}`, [received(raw)]);
      return fail(-32601, `Method not found: ${method} (capability ${gate} not advertised)`);
    }
    if (method === 'tools/list') return this.#toolsList(id, params, raw);
    if (method === 'tools/call') {
      this.#proceeded('it called a listed tool');
      if (this.willElicit && send !== undefined) {
        this.elicitationDone = true;
        await judgeLegacyElicitation(this, send);
      }
      const args = isObject(params['arguments']) ? params['arguments'] : {};
      return reply({ content: [{ type: 'text', text: String(args['text'] ?? params['name'] ?? '') }] });
    }
    return fail(-32601, `Method not found: ${method}`);
  }

  /**
   * A dual-era client may probe with a 2026-07-28 request before initialize (2026-07-28 basic/versioning
   * §Backward Compatibility). This server is legacy-only, so it answers like one: a non-modern error, after
   * which the client must fall back to initialize.
   */
  isModernProbe(value: unknown): boolean {
    if (
      this.initializeCount > 0 ||
      this.modern !== undefined ||
      !isObject(value) ||
      !isObject(value['params'])
    )
      return false;
    const meta = value['params']['_meta'];
    return isObject(meta) && META_PROTOCOL_VERSION in meta;
  }

  /** M04: only a dual-era client (one that probed) knows resultType, so only its fallback is judged. */
  #proceeded(how: string): void {
    if (this.probes === 0 || this.proceededWithoutResultType) return;
    this.proceededWithoutResultType = true;
    this.rec.pass(
      'M04',
      `legacy results carry no resultType and the client treated them as complete: ${how}`,
    );
  }

  /**
   * A client that gave up on its probe may cancel it (basic/utilities/cancellation) before it falls back:
   * that notification belongs to the probe, not to the legacy session, so it is not "a first message".
   */
  #cancelsProbe(method: string, params: unknown): boolean {
    if (method !== 'notifications/cancelled' || this.initializeCount > 0 || this.probes === 0) return false;
    if (!isObject(params) || !this.#probeIds.has(String(params['requestId']))) return false;
    this.probes++;
    return true;
  }

  #answerProbe(value: JsonObject, raw: string): JsonObject | undefined {
    if (this.modernAllowed) {
      this.revision = '2026-07-28';
      this.modern = new ModernScript({
        rec: this.rec,
        refUrl: this.#options.refUrl,
        pages: PAGES,
        cursors: CURSORS,
        gated: GATED,
      });
      return this.modern.handle(value, raw);
    }
    this.probes++;
    if ('id' in value) this.#probeIds.add(String(value['id']));
    const checked = validateMessage('2026-07-28', value, { sender: 'client' });
    if (!checked.ok)
      this.rec.fail('CV1', `expected a valid 2026-07-28 probe: ${checked.error}`, [received(raw)]);
    const answer = this.#options.probeAnswer ?? -32601;
    if (!('id' in value)) return undefined;
    if (answer === 'silent') {
      this.probeAnswered = 'no answer (a timeout)';
      return undefined;
    }
    this.probeAnswered = `error ${answer}`;
    return {
      jsonrpc: '2.0',
      id: value['id'] as string | number,
      error: {
        code: answer,
        message: `Not supported before initialize: this server speaks ${LATEST_LEGACY_REVISION} and earlier`,
      },
    };
  }

  #initialize(id: unknown, params: JsonObject, raw: string): JsonObject {
    this.initializeCount++;
    if (this.initializeCount === 1 && this.probeAnswered !== undefined)
      this.rec.pass('M18', `the client probed, got ${this.probeAnswered} and fell back to initialize`);
    this.initializeId = id;
    // Ids are unique per session (basic/index §Requests); a new initialize starts a new one.
    this.#clientIds.clear();
    this.#clientIds.add(`${typeof id}:${String(id)}`);
    const requested = params['protocolVersion'];
    const info = params['clientInfo'];
    if (
      typeof requested !== 'string' ||
      !isObject(params['capabilities']) ||
      !isObject(info) ||
      typeof info['name'] !== 'string' ||
      typeof info['version'] !== 'string'
    ) {
      this.rec.fail(
        'L03',
        'expected initialize with protocolVersion, capabilities and clientInfo{name, version}',
        [received(raw)],
      );
    } else this.rec.pass('L03', `initialize asks for ${requested} with clientInfo ${info['name']}`);
    this.revision = isLegacyRevision(requested) ? requested : LATEST_LEGACY_REVISION;
    this.clientCapabilities = isObject(params['capabilities']) ? params['capabilities'] : {};
    this.initialized = false;
    return {
      jsonrpc: '2.0',
      id: id as string | number,
      result: {
        protocolVersion: this.revision,
        capabilities: { tools: {} },
        serverInfo: { name: 'mcpwire-conformance-check-client', version: '0.1.0' },
      },
    };
  }

  #toolsList(id: unknown, params: JsonObject, raw: string): JsonObject {
    const cursor = params['cursor'];
    let page = 0;
    if (cursor !== undefined) {
      page = CURSORS.indexOf(cursor as (typeof CURSORS)[number]) + 1;
      if (page === 0) {
        this.rec.fail(
          'F10',
          `expected a cursor passed back unchanged (one of ${JSON.stringify(CURSORS)}), received ${JSON.stringify(cursor)}`,
          [received(raw)],
        );
        return {
          jsonrpc: '2.0',
          id: id as string | number,
          error: {
            code: -32602,
            message: `Invalid cursor: expected a cursor this server issued, received ${JSON.stringify(cursor)}`,
          },
        };
      }
      this.rec.pass('F10', `cursor ${JSON.stringify(cursor)} came back unchanged`);
      this.#proceeded('it followed nextCursor');
    }
    this.pagesServed = Math.max(this.pagesServed, page + 1);
    const result: JsonObject = { tools: PAGES[page] ?? [] };
    if (page < CURSORS.length) result['nextCursor'] = CURSORS[page];
    return { jsonrpc: '2.0', id: id as string | number, result };
  }

  #onNotification(method: string, params: unknown, raw: string): void {
    if (method === 'notifications/initialized') this.initialized = true;
    if (
      method === 'notifications/cancelled' &&
      isObject(params) &&
      this.initializeId !== undefined &&
      params['requestId'] === this.initializeId
    ) {
      this.rec.fail('L08', 'expected no notifications/cancelled for initialize, received one', [
        received(raw),
      ]);
    }
  }

  #onResponse(value: JsonObject, raw: string): void {
    const key = String(value['id']);
    const method = this.#ourRequests.get(key);
    if (method === undefined) {
      this.rec.fail(
        'CJ1',
        `expected responses only to our requests, received one for id ${JSON.stringify(value['id'])}`,
        [received(raw)],
      );
      return;
    }
    this.#validate(value, raw, method);
    this.#pending.get(key)?.(value);
  }

  #validate(value: JsonObject, raw: string, method: string | undefined): void {
    const checked = validateMessage(
      this.revision,
      value,
      method === undefined ? { sender: 'client' } : { method },
    );
    if (!checked.ok)
      this.rec.fail('CV1', `expected a valid ${this.revision} message: ${checked.error}`, [received(raw)]);
  }

  /** Sends a request to the client and waits (bounded) for its response. */
  async request(
    method: string,
    params: JsonObject,
    timeoutMs = 5000,
    send = this.#send,
  ): Promise<JsonObject | undefined> {
    if (send === undefined) return undefined;
    const id = `srv-${this.#nextId++}`;
    this.#ourRequests.set(id, method);
    const message = { jsonrpc: '2.0', id, method, params };
    const answer = new Promise<JsonObject>((resolve) => this.#pending.set(id, resolve));
    send(message);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, undefined);
    });
    const response = await Promise.race([answer, timeout]);
    clearTimeout(timer);
    this.#pending.delete(id);
    return response;
  }
}
