/**
 * The scripted server in the 2026-07-28 era: answers `server/discover` as a modern server, serves the
 * paginated tools with the modern traps (modern-tools.ts), and judges what only a modern client does:
 * M10 (MRTR retries) and C02/C03 through the elicitation an input_required round carries. Every result
 * carries resultType, as a modern server's MUST (M04's client side is judged in the legacy fallback).
 * Stateless like a real modern server: no initialize, no ping.
 */
import {
  type JsonObject,
  META_CLIENT_CAPABILITIES,
  META_PROTOCOL_VERSION,
  MODERN_REVISIONS,
  validateMessage,
} from '@mcpwire/core';
import { isObject } from '../runner/context.js';
import { type Recorder, received } from '../runner/recorder.js';
import { BAD_HEADER_TOOL, MRTR_TOOL, modernTools } from './modern-tools.js';
import { MrtrJudge } from './mrtr-judge.js';

export interface ModernScriptOptions {
  readonly rec: Recorder;
  readonly refUrl: string;
  readonly pages: readonly (readonly JsonObject[])[];
  readonly cursors: readonly string[];
  readonly gated: Readonly<Record<string, string>>;
}

type Id = string | number;

export class ModernScript {
  readonly #rec: Recorder;
  readonly #pages: readonly (readonly JsonObject[])[];
  readonly #cursors: readonly string[];
  readonly #gated: Readonly<Record<string, string>>;
  readonly mrtr: MrtrJudge;
  /** Tools by name, to find the x-mcp-header annotations of a call (M15). */
  readonly tools = new Map<string, JsonObject>();
  discovered = false;
  requests = 0;
  pagesServed = 0;
  /** Names of the tools the client called. */
  readonly called = new Set<string>();

  constructor(options: ModernScriptOptions) {
    this.#rec = options.rec;
    this.#pages = options.pages.map((page, index) =>
      index === options.pages.length - 1 ? [...page, ...modernTools(options.refUrl)] : page,
    );
    this.#cursors = options.cursors;
    this.#gated = options.gated;
    for (const page of this.#pages) for (const tool of page) this.tools.set(String(tool['name']), tool);
    this.mrtr = new MrtrJudge(options.rec);
  }

  /** Whether the last tools/list page (the one with the modern tools) was served. */
  get modernToolsListed(): boolean {
    return this.pagesServed >= this.#pages.length;
  }

  /** Judges one 2026-07-28 client message and returns the response, if it is a request. */
  handle(value: JsonObject, raw: string): JsonObject | undefined {
    const method = value['method'];
    if (typeof method !== 'string') return undefined; // a response: judged by the transport peer (T02)
    const checked = validateMessage('2026-07-28', value, { sender: 'client' });
    if (!checked.ok)
      this.#rec.fail('CV1', `expected a valid 2026-07-28 message: ${checked.error}`, [received(raw)]);
    if (!('id' in value)) return undefined;
    this.requests++;
    const id = value['id'] as Id;
    if (id === null || (typeof id !== 'string' && !Number.isInteger(id)))
      this.#rec.fail('CJ1', `expected a string or integer request id, received ${JSON.stringify(id)}`, [
        received(raw),
      ]);
    const params = isObject(value['params']) ? value['params'] : {};
    const meta = isObject(params['_meta']) ? params['_meta'] : {};
    const version = meta[META_PROTOCOL_VERSION];
    if (!MODERN_REVISIONS.includes(version as (typeof MODERN_REVISIONS)[number])) {
      return error(
        id,
        -32022,
        `Unsupported protocol version: expected 2026-07-28, received ${String(version)}`,
        {
          supported: [...MODERN_REVISIONS],
          requested: String(version),
        },
      );
    }
    const capabilities = isObject(meta[META_CLIENT_CAPABILITIES]) ? meta[META_CLIENT_CAPABILITIES] : {};
    if (method === 'server/discover') return this.#discover(id);
    if (method === 'initialize') {
      if (this.discovered)
        this.#rec.warn('M18', 'expected no initialize after a DiscoverResult (the server is modern)', [
          received(raw),
        ]);
      return error(id, -32601, 'Method not found: initialize (this server speaks 2026-07-28 only)');
    }
    const gate = this.#gated[method];
    if (gate !== undefined) {
      this.#rec.fail('L04', `expected no ${method}: the server did not advertise ${gate}`, [received(raw)]);
      return error(id, -32601, `Method not found: ${method} (capability ${gate} not advertised)`);
    }
    if (method === 'tools/list') return this.#toolsList(id, params, raw);
    if (method === 'tools/call') return this.#toolsCall(id, params, capabilities, raw);
    return error(id, -32601, `Method not found: ${method}`);
  }

  #discover(id: Id): JsonObject {
    this.discovered = true;
    return complete(id, {
      supportedVersions: [...MODERN_REVISIONS],
      capabilities: { tools: {} },
      _meta: {
        'io.modelcontextprotocol/serverInfo': { name: 'mcpwire-conformance-check-client', version: '0.1.0' },
      },
      ttlMs: 0,
      cacheScope: 'private',
    });
  }

  #toolsList(id: Id, params: JsonObject, raw: string): JsonObject {
    const cursor = params['cursor'];
    let page = 0;
    if (cursor !== undefined) {
      page = this.#cursors.indexOf(cursor as string) + 1;
      if (page === 0) {
        this.#rec.fail(
          'F10',
          `expected a cursor passed back unchanged (one of ${JSON.stringify(this.#cursors)}), received ${JSON.stringify(cursor)}`,
          [received(raw)],
        );
        return error(
          id,
          -32602,
          `Invalid cursor: expected a cursor this server issued, received ${JSON.stringify(cursor)}`,
        );
      }
      this.#rec.pass('F10', `cursor ${JSON.stringify(cursor)} came back unchanged`);
    }
    this.pagesServed = Math.max(this.pagesServed, page + 1);
    const result: JsonObject = { tools: [...(this.#pages[page] ?? [])], ttlMs: 0, cacheScope: 'private' };
    if (page < this.#cursors.length) result['nextCursor'] = this.#cursors[page]!;
    return complete(id, result);
  }

  #toolsCall(id: Id, params: JsonObject, capabilities: JsonObject, raw: string): JsonObject {
    const name = String(params['name'] ?? '');
    this.called.add(name);
    if (name === MRTR_TOOL) {
      const answer = this.mrtr.onCall(id, params, capabilities, raw);
      if (answer !== undefined) return { jsonrpc: '2.0', id, result: answer };
      return complete(id, { content: [{ type: 'text', text: 'confirmed' }] });
    }
    if (name === BAD_HEADER_TOOL)
      return complete(id, { content: [{ type: 'text', text: 'should not be called' }] });
    if (!this.tools.has(name))
      return error(id, -32602, `Unknown tool: expected one of tools/list, received ${JSON.stringify(name)}`);
    const args = isObject(params['arguments']) ? params['arguments'] : {};
    return complete(id, { content: [{ type: 'text', text: String(args['text'] ?? name) }] });
  }

  /** What this era leaves to judge when the client is done. */
  conclude(): void {
    this.mrtr.conclude(this.called.has(MRTR_TOOL), this.modernToolsListed);
  }
}

function complete(id: Id, result: JsonObject): JsonObject {
  return { jsonrpc: '2.0', id, result: { resultType: 'complete', ...result } };
}

function error(id: Id, code: number, message: string, data?: JsonObject): JsonObject {
  return { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } };
}
