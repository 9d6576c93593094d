/** @mcpwire/client/node — Node-only helpers: the mcpServers configuration loader and connectors. */
export {
  type HttpServerConfig,
  loadMcpServersConfig,
  type McpServersConfig,
  type ParseConfigOptions,
  parseMcpServersConfig,
  type ServerConfig,
  type StdioServerConfig,
} from './config.js';
export {
  type ConnectAllResult,
  type ConnectServerOptions,
  connectAll,
  connectConfigured,
  connectServer,
  createTransport,
  targetOf,
} from './connect.js';
