/** @mcpwire/auth/server — the resource-server side of MCP authorization (and the 2025-03-26 proxy AS). */
export { AuthError, AuthErrorReason, type AuthErrorReasonValue } from '../shared/errors.js';
export type {
  AuthorizationServerMetadata,
  IntrospectionResponse,
  ProtectedResourceMetadata,
} from '../shared/schemas.js';
export { canonicalResourceUri } from '../shared/urls.js';
export { formatBearerChallenge } from '../shared/www-authenticate.js';
export {
  type BearerAuthenticator,
  type BearerAuthOptions,
  createBearerAuthenticator,
} from './authenticate.js';
export { createDelegatedAuth, type DelegatedAuth, type DelegatedAuthOptions } from './delegation.js';
export {
  createProtectedResourceMetadataRoute,
  type ProtectedResourceOptions,
  protectedResourceMetadata,
  protectedResourceMetadataPaths,
  protectedResourceMetadataResponse,
  protectedResourceMetadataUrl,
} from './metadata.js';
export { MemoryProxyAuthStore } from './proxy/memory-store.js';
export type {
  IssuedCode,
  IssuedToken,
  PendingRequest,
  ProxyAuthStore,
  ProxyRecordKind,
  ProxyRecords,
  RegisteredClient,
  UpstreamPendingRequest,
  UpstreamSession,
} from './proxy/records.js';
export {
  createProxyAuthorizationServer,
  type ProxyAuthorizationServer,
} from './proxy/server.js';
export type { ProxyAuthorizationServerOptions, UpstreamOptions } from './proxy/state.js';
export {
  createScopePolicy,
  expandScopes,
  type ProtectedKind,
  type ScopeCheckResult,
  type ScopedCaller,
  type ScopeHierarchy,
  type ScopePolicy,
  type ScopePolicyOptions,
  type ScopeRequirements,
} from './scopes.js';
export {
  createIntrospectionVerifier,
  createJwtVerifier,
  type FetchLike,
  type IntrospectionVerifierOptions,
  type JwtVerifierOptions,
  type TokenVerifier,
} from './verifier.js';
