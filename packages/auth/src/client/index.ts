/** @mcpwire/auth/client — the OAuth 2.1 client side of MCP. */

export { authorizationServerMetadataUrls } from '../shared/as-discovery.js';
export { AuthError, AuthErrorReason, type AuthErrorReasonValue } from '../shared/errors.js';
export type {
  AuthorizationServerMetadata,
  ClientInformation,
  ClientMetadata,
  ProtectedResourceMetadata,
  TokenResponse,
} from '../shared/schemas.js';
export { canonicalResourceUri } from '../shared/urls.js';
export { type BearerChallenge, parseBearerChallenge } from '../shared/www-authenticate.js';
export {
  assertPkceS256,
  buildAuthorizationUrl,
  type PendingAuthorization,
  readAuthorizationResponse,
} from './authorization.js';
export {
  type CrossAppAccessOptions,
  CrossAppAccessProvider,
  GRANT_JWT_BEARER,
  GRANT_TOKEN_EXCHANGE,
  TOKEN_TYPE_ID_JAG,
  TOKEN_TYPE_ID_TOKEN,
} from './cross-app-access.js';
export { protectedResourceMetadataCandidates } from './discovery.js';
export type { FetchLike } from './http.js';
export { type LoopbackOptions, type LoopbackReceiver, listenForAuthorizationCode } from './loopback.js';
export { nodeResolver } from './node-resolver.js';
export { createPkce, type Pkce } from './pkce.js';
export { OAuthClientProvider, type OAuthClientProviderOptions } from './provider.js';
export { buildClientMetadataDocument, type PreRegisteredClient } from './registration.js';
export { InMemoryOAuthStorage, type OAuthStorage, type StoredTokens } from './storage.js';
export type { ClientSigningKey, TokenEndpointAuthMethod } from './token-endpoint.js';
export { assertSafeUrl, classifyAddress, type HostResolver, type UrlPolicy } from './url-policy.js';
export { type Authorizer, createHeadlessAuthorizer, type HeadlessAuthorizerOptions } from './user-agent.js';
