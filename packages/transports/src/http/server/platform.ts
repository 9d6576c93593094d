/**
 * The second argument runtimes pass to a fetch handler: Bun its Server, Deno a ServeHandlerInfo, Workers
 * the env bindings (and Hono hands on its `c.env`, which is one of those). Only Bun's asks something of
 * us: Bun closes a connection that received nothing for `idleTimeout` seconds (10 by default), whatever
 * the server writes meanwhile, so an SSE stream would be cut however many keep-alives it carries; its
 * Server can exempt one request (`server.timeout(request, 0)`), which is done for streams only.
 */

/** The members that identify a Bun Server (a Workers binding named `timeout` alone must not match). */
interface BunServerLike {
  timeout(request: Request, seconds: number): void;
  requestIP(request: Request): unknown;
  upgrade(request: Request): unknown;
}

/** Lets a streamed answer outlive the runtime's idle timeout where it has one per request (Bun). */
export function keepStreamOpen(platform: unknown, request: Request): void {
  if (typeof platform !== 'object' || platform === null) return;
  const server = platform as Partial<BunServerLike>;
  if (
    typeof server.timeout === 'function' &&
    typeof server.requestIP === 'function' &&
    typeof server.upgrade === 'function'
  ) {
    server.timeout(request, 0);
  }
}
