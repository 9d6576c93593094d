/** @mcpwire/conformance: the reference fixture server (and, later, the fixture client and the runner). */

export { serveFixtureStdio } from './fixture/stdio.js';
export { createFixtureServer, type FixtureServerOptions, PNG_1X1, WAV_TINY } from './fixture/surface.js';
