export {
  type CapabilityPath,
  capabilityObject,
  hasCapability,
  requireClientCapability,
} from './capabilities.js';
export {
  ClientConnection,
  type ClientConnectionOptions,
} from './client-connection.js';
export { DEFAULT_PROBE_TIMEOUT_MS } from './client-connection-options.js';
export { type EraCache, type EraRecord, MemoryEraCache } from './era-cache.js';
export {
  checkedExtensions,
  extensionSettings,
  isExtensionId,
  requireClientExtension,
  requireServerExtension,
  withExtensions,
} from './extensions.js';
export {
  META_CLIENT_CAPABILITIES,
  META_CLIENT_INFO,
  META_LOG_LEVEL,
  META_PROTOCOL_VERSION,
  META_SERVER_INFO,
  META_SUBSCRIPTION_ID,
} from './modern-meta.js';
export {
  type CapabilitiesOption,
  ServerConnection,
  type ServerConnectionOptions,
} from './server-connection.js';
export type { SessionStateExtension } from './session-state.js';
