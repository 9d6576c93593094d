/**
 * The ProtocolEngine options of a lifecycle connection: the caller's timeout and method specs (every
 * revision's, loaded on first need, by default: ./deferred-specs.ts), and no fixed revision, since the
 * lifecycle negotiates it. Built member by member rather than as `{ ...options, ... }`: a stateless server
 * makes one connection per request, and V8 gives each spread-then-extended object a hidden class of its own
 * (see ../objects.ts).
 */
import type { ProtocolEngineOptions } from '../protocol/engine.js';
import { deferredMethodSpecs } from './deferred-specs.js';

export function lifecycleEngineOptions(options: ProtocolEngineOptions): ProtocolEngineOptions {
  return {
    defaultTimeoutMs: options.defaultTimeoutMs,
    methodSpecs: options.methodSpecs ?? deferredMethodSpecs,
    revision: undefined,
  };
}
