/**
 * The table of outgoing requests awaiting a response, and the per-request record. A record is its own
 * AbortSignal listener (`handleEvent`), so aborting needs no closure per request; the timeout callback
 * is one function per engine that receives the record as its argument (see ./timeouts.ts).
 */
import type { JsonObject, RequestId } from '../jsonrpc/types.js';
import type { OutgoingSpan } from './telemetry.js';
import type { Progress, RequestOptions } from './types.js';

/** What a pending record calls back into (the engine). */
export interface PendingOwner {
  onPendingAborted(pending: PendingRequest): void;
}

export class PendingRequest {
  /** When the request times out (Date.now() scale); Infinity when it never does or has settled. */
  deadline = Number.POSITIVE_INFINITY;
  /** When the clock started (for the maximum total time). */
  startedAt = 0;
  readonly timeoutMs: number;
  readonly maxTotalTimeoutMs: number | undefined;
  readonly resetTimeoutOnProgress: boolean;
  readonly onprogress: ((progress: Progress) => void) | undefined;
  readonly signal: AbortSignal | undefined;
  /** Highest progress value delivered, so out-of-order or repeated values are not reported. */
  lastProgress = Number.NEGATIVE_INFINITY;
  /** The telemetry span of this request, ended when it settles (undefined when nothing is recorded). */
  span: OutgoingSpan | undefined = undefined;

  constructor(
    private readonly owner: PendingOwner,
    readonly id: RequestId,
    readonly method: string,
    /** The params as the caller gave them (before the lifecycle added its fields), for a retry with input. */
    readonly params: JsonObject | undefined,
    readonly options: RequestOptions | undefined,
    /** The caller's promise: settled once, by the last round of the call (`resolve` / `reject` below). */
    readonly fulfil: (result: JsonObject) => void,
    readonly fail: (error: Error) => void,
    timeoutMs: number,
    /** How many times this call was sent again with more input (2026-07-28 multi round-trip requests). */
    readonly round: number,
  ) {
    this.timeoutMs = timeoutMs;
    this.maxTotalTimeoutMs = options?.maxTotalTimeoutMs;
    this.resetTimeoutOnProgress = options?.resetTimeoutOnProgress === true;
    this.onprogress = options?.onprogress;
    this.signal = options?.signal;
  }

  /** Settles the caller's promise with the peer's result. */
  resolve(result: JsonObject): void {
    this.span?.end(result, undefined);
    this.fulfil(result);
  }

  /** Settles the caller's promise with an error (the peer's, a timeout, an abort, a closed connection). */
  reject(error: Error): void {
    this.span?.end(undefined, error);
    this.fail(error);
  }

  /** This round ended with an interim (input_required) result: its span ends, the caller's promise stays open. */
  endRound(result: JsonObject): void {
    this.span?.end(result, undefined);
  }

  /** AbortSignal listener (EventListenerObject). */
  handleEvent(): void {
    this.owner.onPendingAborted(this);
  }
}

/**
 * Outgoing requests by id. Ids are allocated here: a counter, so ids are unique among every request this
 * side ever sent on the connection (the spec asks for uniqueness among in-flight ones). A server's ids
 * are `<random>-<n>` instead (see `unguessableIds`).
 */
export class PendingTable {
  private readonly byId = new Map<RequestId, PendingRequest>();
  private nextId = 1;
  /**
   * Set for server connections: the answer to a server→client request (an elicitation, say) is accepted
   * by id, so ids must not be guessable by anyone else who can reach the session. 96 random bits, drawn
   * on the first request only (most connections never send one).
   */
  unguessableIds = false;
  private prefix: string | undefined;
  /** Ids given up on (timeout, abort): a late response to one of them is dropped quietly. Made on first use. */
  private abandoned: Set<RequestId> | undefined;
  private static readonly MAX_ABANDONED = 4096;

  allocateId(): RequestId {
    if (!this.unguessableIds) return this.nextId++;
    this.prefix ??= randomPrefix();
    return this.prefix + (this.nextId++).toString(36);
  }

  get size(): number {
    return this.byId.size;
  }

  add(pending: PendingRequest): void {
    this.byId.set(pending.id, pending);
  }

  get(id: RequestId): PendingRequest | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<PendingRequest> {
    return this.byId.values();
  }

  /** Removes and returns the record, or undefined when it already settled. */
  take(id: RequestId): PendingRequest | undefined {
    const pending = this.byId.get(id);
    if (pending !== undefined) this.byId.delete(id);
    return pending;
  }

  markAbandoned(id: RequestId): void {
    this.abandoned ??= new Set();
    if (this.abandoned.size >= PendingTable.MAX_ABANDONED) {
      // Sets iterate in insertion order: drop the oldest.
      const oldest = this.abandoned.values().next().value;
      if (oldest !== undefined) this.abandoned.delete(oldest);
    }
    this.abandoned.add(id);
  }

  /** True (once) when the id was abandoned: its late response is expected and harmless. */
  consumeAbandoned(id: RequestId): boolean {
    return this.abandoned?.delete(id) === true;
  }

  /** Empties the table, returning every record so the caller can reject them. */
  drain(): PendingRequest[] {
    const all = [...this.byId.values()];
    this.byId.clear();
    this.abandoned = undefined;
    return all;
  }
}

/** 16 base64url characters from 12 random bytes, then a dash. */
function randomPrefix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `${btoa(binary).replaceAll('+', '-').replaceAll('/', '_')}-`;
}
