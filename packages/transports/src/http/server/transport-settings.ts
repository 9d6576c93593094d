/** What the handler configures for each server transport it creates. */
import type { SessionSnapshot, Transport } from '@mcpwire/core/runtime';
import type { EventStore } from './event-store.js';
import type { ResponseMode } from './exchange.js';
import type { RemoteSession } from './session-remote.js';
import type { SseLimits } from './sse-settings.js';

export interface ServerTransportSettings {
  sessionId: string | undefined;
  eventStore: EventStore | undefined;
  responseMode: ResponseMode;
  /** Whether new SSE streams start with a priming event (needs an event store). */
  prime: (protocolVersion: string | undefined) => boolean;
  retryMs: number | undefined;
  keepAliveMs: number | undefined;
  /** Single-request transport: closes itself once its POST is answered. */
  ephemeral: boolean;
  modern: boolean;
  /** Streams kept for resumption after their connection broke (per session). */
  maxResumableStreams: number;
  /** Messages kept for the GET stream while no client listens and no store records them. */
  maxStandaloneBacklog: number;
  /** Backpressure and buffer limits of SSE responses. */
  sseLimits: SseLimits;
  /** How long a completed stream's events stay resumable (stores with retention). */
  retentionMs: number;
  /** Hydration: the state of a session opened elsewhere, restored by the engine in connect(). */
  snapshot?: SessionSnapshot;
  /** The session's link to the other processes sharing the store; undefined when the store is private. */
  remote?: RemoteSession;
  /** Called once when the transport closes, before `onclose` (the session registry forgets it). */
  onClosed?: (transport: Transport) => void;
}
