/**
 * Loopback redirect receiver for CLIs (RFC 8252 §7.3): a one-shot HTTP server on 127.0.0.1 that resolves
 * with the URL the browser was redirected to, then closes. Bounded by a timeout; never outlives its use.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError, AuthErrorReason } from '../shared/errors.js';

/** Options of {@link listenForAuthorizationCode}. */
export interface LoopbackOptions {
  /** Port to bind; 0 (default) lets the OS choose. */
  port?: number;
  /** Callback path. Default `/callback`. */
  path?: string;
  /** Give up after this long. Default 5 minutes. */
  timeoutMs?: number;
}

/** A loopback HTTP listener waiting for the authorization server's redirect. */
export interface LoopbackReceiver {
  /** `http://127.0.0.1:<port><path>`, to register and use as redirect_uri. */
  redirectUri: string;
  /** The full callback URL (with code, state, iss), for readAuthorizationResponse / the provider. */
  callback: Promise<URL>;
  /** Stops listening (the callback promise then never settles). */
  close(): void;
}

const PAGE =
  '<!doctype html><title>Authorization complete</title><p>You can close this window and return to the terminal.</p>';

/**
 * Starts a listener on 127.0.0.1 that receives the authorization redirect of a CLI or desktop app (RFC 8252
 * loopback redirect); its `redirectUri` is registered and used for the authorization request.
 */
export async function listenForAuthorizationCode(options: LoopbackOptions = {}): Promise<LoopbackReceiver> {
  const path = options.path ?? '/callback';
  let settle!: { resolve: (u: URL) => void; reject: (e: Error) => void };
  const callback = new Promise<URL>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Callers that never await `callback` must not see an unhandled rejection on timeout.
  callback.catch(() => undefined);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1`);
    if (req.method !== 'GET' || url.pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    url.port = String((server.address() as AddressInfo).port);
    settle.resolve(url);
    close();
  });
  const timer = setTimeout(() => {
    settle.reject(
      new AuthError(
        AuthErrorReason.AuthorizationResponse,
        `Expected the browser to return to the loopback redirect within ${options.timeoutMs ?? 300_000} ms, received nothing`,
      ),
    );
    close();
  }, options.timeoutMs ?? 300_000);
  timer.unref();
  function close() {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${port}${path}`, callback, close };
}
