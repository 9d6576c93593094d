/**
 * @mcpwire/transports/websocket — MCP over WebSocket (subprotocol `mcp`, one JSON-RPC message per text
 * frame). Not a transport the spec defines: it is the documented example of a custom transport
 * (socket-transport.ts shows every rule a transport has to follow). Needs the optional peer `ws`.
 */
export { type WebSocketClientOptions, WebSocketClientTransport } from './client.js';
export {
  createWebSocketServer,
  type WebSocketMcpServer,
  type WebSocketMcpServerOptions,
  WebSocketServerTransport,
} from './server.js';
export { MCP_SUBPROTOCOL, WebSocketTransport } from './socket-transport.js';
