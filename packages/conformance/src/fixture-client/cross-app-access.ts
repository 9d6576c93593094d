/** auth/cross-app-access-complete-flow: SEP-990 with the IdP token and credentials from the context. */
import { CrossAppAccessProvider, nodeResolver } from '@mcpwire/auth/client';
import { requireField, type ScenarioContext } from './context.js';

export function createCrossAppAccessProvider(
  serverUrl: string,
  context: ScenarioContext,
): CrossAppAccessProvider {
  return new CrossAppAccessProvider({
    serverUrl,
    idpTokenEndpoint: requireField(context, 'idp_token_endpoint'),
    idpClientId: requireField(context, 'idp_client_id'),
    idToken: requireField(context, 'idp_id_token'),
    clientId: requireField(context, 'client_id'),
    clientSecret: requireField(context, 'client_secret'),
    urlPolicy: { allowInsecureLoopback: true, resolve: nodeResolver },
    timeoutMs: 10_000,
  });
}
