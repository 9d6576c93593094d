/**
 * The steps of every client scenario of the official suite (0.1.16). Each scenario gets the server URL and
 * the parsed context; it resolves when the steps are done and rejects on any failure (→ non-zero exit).
 */

import type { Client } from '@mcpwire/client';
import type { JsonObject } from '@mcpwire/core';
import { type AuthMode, createFixtureAuthProvider } from './auth.js';
import type { ScenarioContext } from './context.js';
import { createCrossAppAccessProvider } from './cross-app-access.js';
import { withSession } from './session.js';

export interface ScenarioRun {
  url: string;
  context: ScenarioContext;
  log: (line: string) => void;
  /** Per-request budget (the scenario's deadline bounds the whole run). */
  timeoutMs: number;
}

export type Scenario = (run: ScenarioRun) => Promise<void>;

async function listAndCall(client: Client, log: ScenarioRun['log'], name: string, args?: JsonObject) {
  const tools = await client.listTools();
  log(`tools: ${tools.tools.map((t) => t.name).join(', ') || '(none)'}`);
  const result = await client.callTool(name, args);
  log(`${name} → ${JSON.stringify(result.content).slice(0, 200)}`);
  if (result.isError === true) throw new Error(`Expected ${name} to succeed, received isError: true`);
}

/** The generic OAuth scenario: connect (401 starts the flow), list tools, call test-tool. */
function authScenario(mode: AuthMode): Scenario {
  return ({ url, context, log, timeoutMs }) =>
    withSession(
      url,
      { authProvider: createFixtureAuthProvider(url, mode, context), log, timeoutMs },
      (client) => listAndCall(client, log, 'test-tool'),
    );
}

const AUTH_CODE_SCENARIOS = [
  'auth/metadata-default',
  'auth/metadata-var1',
  'auth/metadata-var2',
  'auth/metadata-var3',
  'auth/basic-cimd',
  'auth/scope-from-www-authenticate',
  'auth/scope-from-scopes-supported',
  'auth/scope-omitted-when-undefined',
  'auth/scope-step-up',
  'auth/scope-retry-limit',
  'auth/token-endpoint-auth-basic',
  'auth/token-endpoint-auth-post',
  'auth/token-endpoint-auth-none',
  'auth/pre-registration',
  'auth/2025-03-26-oauth-metadata-backcompat',
  'auth/2025-03-26-oauth-endpoint-fallback',
  'auth/resource-mismatch',
  'auth/offline-access-scope',
  'auth/offline-access-not-supported',
] as const;

export const SCENARIOS: ReadonlyMap<string, Scenario> = new Map<string, Scenario>([
  [
    'initialize',
    ({ url, log, timeoutMs }) =>
      withSession(url, { log, timeoutMs }, async (client) => void (await client.listTools())),
  ],
  [
    'tools_call',
    ({ url, log, timeoutMs }) =>
      withSession(url, { log, timeoutMs }, (client) =>
        listAndCall(client, log, 'add_numbers', { a: 5, b: 3 }),
      ),
  ],
  [
    'elicitation-sep1034-client-defaults',
    ({ url, log, timeoutMs }) =>
      withSession(
        url,
        {
          log,
          timeoutMs,
          // Accept with nothing filled in: the Client completes the answer with the schema's defaults (SEP-1034).
          handlers: { elicitation: async () => ({ action: 'accept', content: {} }) },
        },
        (client) => listAndCall(client, log, 'test_client_elicitation_defaults'),
      ),
  ],
  // The call's SSE stream closes after a priming event with `retry: 500`; the transport resumes it with
  // GET + Last-Event-ID after the server's delay and the result arrives there.
  [
    'sse-retry',
    ({ url, log, timeoutMs }) =>
      withSession(url, { log, timeoutMs }, (client) => listAndCall(client, log, 'test_reconnection')),
  ],
  ...AUTH_CODE_SCENARIOS.map((name): [string, Scenario] => [name, authScenario('authorization_code')]),
  ['auth/client-credentials-jwt', authScenario('client_credentials_jwt')],
  ['auth/client-credentials-basic', authScenario('client_credentials_basic')],
  [
    'auth/cross-app-access-complete-flow',
    ({ url, context, log, timeoutMs }) =>
      withSession(
        url,
        { authProvider: createCrossAppAccessProvider(url, context), log, timeoutMs },
        (client) => listAndCall(client, log, 'test-tool'),
      ),
  ],
]);
