/**
 * The OAuth client the fixture uses in the official suite's auth scenarios: our OAuthClientProvider set up
 * as the SDK's reference client is (redirect URI that is never served, the suite's CIMD URL, headless
 * authorization since the suite's AS auto-approves), plus what each scenario's context asks for.
 * The suite's servers live on http://localhost, so the SSRF policy runs in development mode.
 */
import {
  createHeadlessAuthorizer,
  nodeResolver,
  OAuthClientProvider,
  type OAuthClientProviderOptions,
} from '@mcpwire/auth/client';
import { requireField, type ScenarioContext } from './context.js';

/** The redirect URI of the SDK's reference client: the AS redirects there, nobody listens. */
export const FIXTURE_REDIRECT_URI = 'http://localhost:3000/callback';
/** The Client ID Metadata Document URL the suite expects when the AS supports CIMD. */
export const FIXTURE_CIMD_URL = 'https://conformance-test.local/client-metadata.json';

export type AuthMode = 'authorization_code' | 'client_credentials_jwt' | 'client_credentials_basic';

export function createFixtureAuthProvider(
  serverUrl: string,
  mode: AuthMode,
  context: ScenarioContext,
): OAuthClientProvider {
  const common: OAuthClientProviderOptions = {
    serverUrl,
    urlPolicy: { allowInsecureLoopback: true, resolve: nodeResolver },
    clientMetadata: { client_name: 'mcpwire-conformance-fixture-client' },
    maxStepUpAttempts: 2,
    timeoutMs: 10_000,
  };
  if (mode === 'client_credentials_jwt') {
    const clientId = requireField(context, 'client_id');
    return new OAuthClientProvider({
      ...common,
      grantType: 'client_credentials',
      preRegistered: { client_id: clientId, token_endpoint_auth_method: 'private_key_jwt' },
      signingKey: {
        key: requireField(context, 'private_key_pem'),
        alg: context.signing_algorithm ?? 'ES256',
      },
    });
  }
  if (mode === 'client_credentials_basic') {
    return new OAuthClientProvider({
      ...common,
      grantType: 'client_credentials',
      preRegistered: {
        client_id: requireField(context, 'client_id'),
        client_secret: requireField(context, 'client_secret'),
        token_endpoint_auth_method: 'client_secret_basic',
      },
    });
  }
  const preRegistered =
    context.client_id !== undefined
      ? { client_id: context.client_id, client_secret: context.client_secret }
      : undefined;
  return new OAuthClientProvider({
    ...common,
    redirectUri: FIXTURE_REDIRECT_URI,
    authorize: createHeadlessAuthorizer({ timeoutMs: 10_000 }),
    clientMetadataUrl: FIXTURE_CIMD_URL,
    ...(preRegistered ? { preRegistered } : {}),
  });
}
