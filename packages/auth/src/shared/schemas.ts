/**
 * Zod schemas of the OAuth documents mcpwire reads and writes. Unknown members pass through (loose objects):
 * metadata documents are extensible by design, and we must not drop what we do not know.
 */
import { z } from 'zod';

const stringList = z.array(z.string());

/** RFC 9728 OAuth 2.0 Protected Resource Metadata. */
export const ProtectedResourceMetadataSchema = z.looseObject({
  resource: z.string(),
  authorization_servers: stringList.optional(),
  jwks_uri: z.string().optional(),
  scopes_supported: stringList.optional(),
  bearer_methods_supported: stringList.optional(),
  resource_signing_alg_values_supported: stringList.optional(),
  resource_name: z.string().optional(),
  resource_documentation: z.string().optional(),
});
/** OAuth 2.0 Protected Resource Metadata (RFC 9728). */
export type ProtectedResourceMetadata = z.infer<typeof ProtectedResourceMetadataSchema>;

/** RFC 8414 Authorization Server Metadata (also the subset of OpenID provider metadata we use). */
export const AuthorizationServerMetadataSchema = z.looseObject({
  issuer: z.string(),
  authorization_endpoint: z.string().optional(),
  token_endpoint: z.string().optional(),
  registration_endpoint: z.string().optional(),
  jwks_uri: z.string().optional(),
  introspection_endpoint: z.string().optional(),
  revocation_endpoint: z.string().optional(),
  scopes_supported: stringList.optional(),
  response_types_supported: stringList.optional(),
  grant_types_supported: stringList.optional(),
  code_challenge_methods_supported: stringList.optional(),
  token_endpoint_auth_methods_supported: stringList.optional(),
  authorization_response_iss_parameter_supported: z.boolean().optional(),
  client_id_metadata_document_supported: z.boolean().optional(),
});
/** OAuth 2.0 Authorization Server Metadata (RFC 8414). */
export type AuthorizationServerMetadata = z.infer<typeof AuthorizationServerMetadataSchema>;

/** RFC 6749 §5.1 successful token response. */
export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
  id_token: z.string().optional(),
});
/** A token endpoint's successful answer (RFC 6749 §5.1). */
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

/** RFC 6749 §5.2 error response. */
export const OAuthErrorResponseSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
  error_uri: z.string().optional(),
});

/** RFC 7591 client metadata, as sent to a registration endpoint or published as a CIMD document. */
export const ClientMetadataSchema = z.looseObject({
  redirect_uris: stringList.optional(),
  token_endpoint_auth_method: z.string().optional(),
  grant_types: stringList.optional(),
  response_types: stringList.optional(),
  client_name: z.string().optional(),
  client_uri: z.string().optional(),
  scope: z.string().optional(),
  application_type: z.string().optional(),
  jwks_uri: z.string().optional(),
  software_id: z.string().optional(),
  software_version: z.string().optional(),
});
/** OAuth client metadata (RFC 7591), as registered or published in a client ID metadata document. */
export type ClientMetadata = z.infer<typeof ClientMetadataSchema>;

/** RFC 7591 §3.2.1 registration response: the metadata plus the issued credentials. */
export const ClientInformationSchema = ClientMetadataSchema.extend({
  client_id: z.string().min(1),
  client_secret: z.string().optional(),
  client_id_issued_at: z.number().optional(),
  client_secret_expires_at: z.number().optional(),
});
/** A registered client: its id, and secret when it has one. */
export type ClientInformation = z.infer<typeof ClientInformationSchema>;

/** RFC 7662 §2.2 introspection response. */
export const IntrospectionResponseSchema = z.looseObject({
  active: z.boolean(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  username: z.string().optional(),
  token_type: z.string().optional(),
  exp: z.number().optional(),
  iat: z.number().optional(),
  nbf: z.number().optional(),
  sub: z.string().optional(),
  aud: z.union([z.string(), stringList]).optional(),
  iss: z.string().optional(),
});
/** A token introspection answer (RFC 7662). */
export type IntrospectionResponse = z.infer<typeof IntrospectionResponseSchema>;
