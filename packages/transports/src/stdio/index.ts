/** @mcpwire/transports/stdio: the stdio transport, server side and client side (with process management). */

export {
  StdioClientTransport,
  type StdioClientTransportOptions,
  type StdioServerParameters,
} from './client-transport.js';
export {
  buildChildEnvironment,
  DEFAULT_INHERITED_ENV_VARS_POSIX,
  DEFAULT_INHERITED_ENV_VARS_WINDOWS,
  getDefaultEnvironment,
} from './environment.js';
export { StdioServerTransport, type StdioServerTransportOptions } from './server-transport.js';
