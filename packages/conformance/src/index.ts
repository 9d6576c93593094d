/** @mcpwire/conformance: the reference fixture server (and, later, the fixture client and the runner). */

export { serveFixtureStdio } from './fixture/stdio.js';
export { createFixtureServer, type FixtureServerOptions, PNG_1X1, WAV_TINY } from './fixture/surface.js';
export {
  type FixtureHttpOptions,
  type FixtureHttpServer,
  MCP_PATH,
  MESSAGES_PATH,
  SSE_PATH,
  serveFixtureHttp,
} from './fixture-http/serve.js';
