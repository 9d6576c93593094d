/**
 * What the official suite hands the fixture client: the scenario name (MCP_CONFORMANCE_SCENARIO) and, for
 * a few auth scenarios, a JSON context (MCP_CONFORMANCE_CONTEXT) with pre-registered credentials or keys.
 */
import { z } from 'zod';

const ContextSchema = z.looseObject({
  name: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  private_key_pem: z.string().optional(),
  signing_algorithm: z.string().optional(),
  idp_client_id: z.string().optional(),
  idp_id_token: z.string().optional(),
  idp_issuer: z.string().optional(),
  idp_token_endpoint: z.string().optional(),
});

export type ScenarioContext = z.infer<typeof ContextSchema>;

export class ScenarioInputError extends Error {
  override readonly name = 'ScenarioInputError';
}

/** Parses MCP_CONFORMANCE_CONTEXT; absent means an empty context. */
export function parseScenarioContext(raw: string | undefined): ScenarioContext {
  if (raw === undefined || raw === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new ScenarioInputError(
      `Expected MCP_CONFORMANCE_CONTEXT to be JSON, received ${JSON.stringify(raw.slice(0, 80))} (${(error as Error).message})`,
    );
  }
  const parsed = ContextSchema.safeParse(value);
  if (!parsed.success) {
    throw new ScenarioInputError(
      `Expected MCP_CONFORMANCE_CONTEXT to be an object of strings, received ${raw.slice(0, 200)}`,
    );
  }
  return parsed.data;
}

/** A context field the scenario cannot run without. */
export function requireField(context: ScenarioContext, field: keyof ScenarioContext): string {
  const value = context[field];
  if (typeof value !== 'string' || value === '') {
    throw new ScenarioInputError(
      `Expected MCP_CONFORMANCE_CONTEXT.${String(field)} for scenario ${context.name ?? '(unnamed)'}, received ${JSON.stringify(value)}`,
    );
  }
  return value;
}
