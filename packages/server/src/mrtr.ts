/**
 * 2026-07-28 multi round-trip requests, server side (basic/patterns/mrtr).
 *
 * Re-run model: a handler that calls `ctx.elicit()`, `ctx.sample()` or `ctx.listRoots()` on a modern request
 * is run again on every retry. Its client calls are numbered in call order ("0", "1", ...). A call whose
 * answer arrived (in this retry's `inputResponses`, or in an earlier round, carried in `requestState`) and
 * whose request is the same as the one asked returns that answer; a call without an answer is collected and
 * the request ends with an InputRequiredResult asking for every collected input. Handlers must therefore be
 * deterministic up to their client calls (ask the same things in the same order), or keep what they need
 * in `ctx.state`, which round-trips inside `requestState`.
 *
 * `requestState` is attacker-controlled input (mrtr §Security): it is HMAC-SHA-256 signed with a per-server
 * key (Web Crypto) and bound to the request: method, tool/prompt/resource name, a SHA-256 digest of the
 * arguments, the authenticated principal, and an expiry. Anything that fails verification is refused -32602.
 */
import { ErrorCode, type IncomingSpan, type JsonObject, ProtocolError } from '@mcpwire/core/runtime';

export interface InputRequestEntry {
  method: 'elicitation/create' | 'sampling/createMessage' | 'roots/list';
  params?: JsonObject;
}

/** What the signed state binds to. */
export interface RequestBinding {
  method: string;
  /** Tool or prompt name, or resource URI. */
  name: string;
  arguments: unknown;
  principal: string | undefined;
}

interface StatePayload {
  v: 1;
  m: string;
  n: string;
  a: string;
  p: string | null;
  e: number;
  /** key → digest of the request asked under that key */
  q: Record<string, string>;
  /** key → answer received in an earlier round */
  r: Record<string, unknown>;
  /** handler state (`ctx.state`) */
  s?: unknown;
}

/** Thrown by a client call whose answer is not there yet; the server turns it into an InputRequiredResult. */
export class InputRequiredSignal extends Error {
  /** Thrown by the server's client calls in a 2026-07-28 round that still needs the client's input. */
  constructor() {
    super('Input required: the client must answer the collected input requests and retry');
    this.name = 'InputRequiredSignal';
  }
}

const encoder = new TextEncoder();
const hasOwn = Object.prototype.hasOwnProperty;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * How deep arguments bound to a requestState may nest. Deeper ones are refused with -32602 instead of
 * running the digest out of stack (a RangeError, which would surface as -32603).
 */
const MAX_CANONICAL_DEPTH = 512;

/** JSON with object keys sorted, so equal values have equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return canonical(value, 0);
}

function canonical(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (depth >= MAX_CANONICAL_DEPTH) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Invalid params: expected arguments nested at most ${MAX_CANONICAL_DEPTH} levels deep for a request with input rounds, received deeper ones`,
    );
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, depth + 1)).join(',')}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const item = (value as JsonObject)[key];
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${canonical(item, depth + 1)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Two FNV-1a passes (64 bits): a synchronous fingerprint to recognise "the same request as last round". */
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}

export class RequestStateSealer {
  private key: Promise<CryptoKey> | undefined;

  constructor(
    /** Read on first use: a random key is drawn lazily (see server-secret.ts). */
    private readonly secret: { readonly key: Uint8Array },
    /** How long a requestState stays valid. */
    readonly ttlMs: number,
  ) {}

  private hmacKey(): Promise<CryptoKey> {
    this.key ??= crypto.subtle.importKey(
      'raw',
      this.secret.key as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    return this.key;
  }

  async digest(value: unknown): Promise<string> {
    const hash = await crypto.subtle.digest('SHA-256', encoder.encode(canonicalJson(value ?? {})));
    return toBase64Url(new Uint8Array(hash));
  }

  async seal(payload: StatePayload): Promise<string> {
    const body = encoder.encode(JSON.stringify(payload));
    const signature = await crypto.subtle.sign('HMAC', await this.hmacKey(), body);
    return `${toBase64Url(body)}.${toBase64Url(new Uint8Array(signature))}`;
  }

  /** Verifies and decodes, or throws -32602 saying what did not match. */
  async open(state: string, binding: RequestBinding): Promise<StatePayload> {
    const dot = state.indexOf('.');
    let payload: StatePayload;
    try {
      const body = fromBase64Url(state.slice(0, dot));
      const signature = fromBase64Url(state.slice(dot + 1));
      const valid =
        dot > 0 &&
        (await crypto.subtle.verify(
          'HMAC',
          await this.hmacKey(),
          signature as Uint8Array<ArrayBuffer>,
          body as Uint8Array<ArrayBuffer>,
        ));
      if (!valid) throw new Error('bad signature');
      payload = JSON.parse(new TextDecoder().decode(body)) as StatePayload;
    } catch {
      throw refuse('a requestState issued by this server, unmodified', 'one that fails verification');
    }
    if (payload.m !== binding.method || payload.n !== binding.name) {
      throw refuse(
        `a requestState issued for ${binding.method} "${binding.name}"`,
        `one issued for ${payload.m} "${payload.n}"`,
      );
    }
    if (payload.a !== (await this.digest(binding.arguments))) {
      throw refuse('a requestState issued for these arguments', 'one issued for different arguments');
    }
    if (payload.p !== (binding.principal ?? null)) {
      throw refuse('a requestState issued to this caller', 'one issued to a different principal');
    }
    if (Date.now() > payload.e) {
      throw refuse('an unexpired requestState', `one that expired at ${new Date(payload.e).toISOString()}`);
    }
    return payload;
  }
}

function refuse(expected: string, received: string): ProtocolError {
  return new ProtocolError(
    ErrorCode.InvalidParams,
    `Invalid params: expected ${expected}, received ${received}`,
  );
}

/** One modern request's input rounds: answers known so far, and what is still missing. */
export class InputRounds {
  private counter = 0;
  private readonly asked: Record<string, string>;
  private readonly answered: Record<string, unknown>;
  private readonly missing: Record<string, InputRequestEntry> = {};
  private missingCount = 0;
  state: unknown;
  /** Adds trace context to the input requests sent (after fingerprinting: it differs every round). */
  traceContext: IncomingSpan | undefined = undefined;

  constructor(previous: StatePayload | undefined, responses: JsonObject | undefined) {
    this.asked = { ...previous?.q };
    this.answered = { ...previous?.r };
    this.state = previous?.s;
    if (responses !== undefined) {
      // Answers to keys we never asked are ignored (mrtr §Error Handling). Own keys only: `"__proto__"`
      // is "in" every object, and assigning it would replace the answers' prototype.
      for (const key of Object.keys(responses)) {
        if (key !== '__proto__' && hasOwn.call(this.asked, key)) this.answered[key] = responses[key];
      }
    }
  }

  get hasMissing(): boolean {
    return this.missingCount > 0;
  }

  /** Returns the answer for this call, or records it as missing and rejects with InputRequiredSignal. */
  call(request: InputRequestEntry): Promise<unknown> {
    const key = String(this.counter++);
    const print = fingerprint(canonicalJson(request));
    if (this.asked[key] === print && hasOwn.call(this.answered, key)) {
      return Promise.resolve(this.answered[key]);
    }
    // A different request under a known key means the handler changed its mind: drop the stale answer.
    delete this.answered[key];
    this.asked[key] = print;
    const trace = this.traceContext;
    this.missing[key] =
      trace === undefined ? request : { method: request.method, params: trace.inject(request.params) };
    this.missingCount++;
    return Promise.reject(new InputRequiredSignal());
  }

  async result(sealer: RequestStateSealer, binding: RequestBinding): Promise<JsonObject> {
    const payload: StatePayload = {
      v: 1,
      m: binding.method,
      n: binding.name,
      a: await sealer.digest(binding.arguments),
      p: binding.principal ?? null,
      e: Date.now() + sealer.ttlMs,
      q: this.asked,
      r: this.answered,
    };
    if (this.state !== undefined) payload.s = this.state;
    return {
      resultType: 'input_required',
      inputRequests: this.missing as unknown as JsonObject,
      requestState: await sealer.seal(payload),
    };
  }
}
