/**
 * What a `ts fragment` block of the docs may use without declaring it. Names exported by the packages
 * (and `z` from zod) are imported for it; these variables stand for what the surrounding prose set up
 * ("a server", "a connected client"). A fragment that declares one of these names itself uses its own.
 * Keep the list short: a fragment that needs more should show where it comes from.
 */
export const FRAGMENT_CONTEXT: Readonly<Record<string, string>> = {
  server: "import('@mcpwire/server').McpServer",
  client: "import('@mcpwire/client').Client",
  transport: "import('@mcpwire/core').Transport",
  handler: "import('@mcpwire/transports/http').StreamableHttpHandler",
  request: 'Request',
  ctx: "import('@mcpwire/server').HandlerContext",
  authInfo: "import('@mcpwire/core').AuthInfo",
};

/**
 * Where the auto-imports of fragments come from, in order of preference when several entry points export
 * the same name (the error classes are exported by core, server and client).
 */
export const FRAGMENT_IMPORT_SOURCES: readonly string[] = [
  '@mcpwire/server',
  '@mcpwire/client',
  '@mcpwire/transports/http',
  '@mcpwire/transports/stdio',
  '@mcpwire/transports/sse',
  '@mcpwire/transports/websocket',
  '@mcpwire/auth/server',
  '@mcpwire/auth/client',
  '@mcpwire/redis',
  '@mcpwire/core',
  '@mcpwire/client/node',
];
