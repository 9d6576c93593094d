/**
 * Lifecycle: implementation info, capabilities, initialize and ping (legacy revisions), per revision.
 * 2026-07-28 has no initialize: capabilities travel in each request's `_meta` (see modern.ts).
 */
import { z } from 'zod';
import { AnyObject, JSONObject, obj } from './base.js';
import { Icon } from './content.js';
import { type Kit, noteParams, reqParams, result } from './kit.js';

// ---- Implementation ---------------------------------------------------------------------------------------

const Implementation2024 = obj({ name: z.string(), version: z.string() });
const Implementation2025_06 = Implementation2024.extend({ title: z.string().optional() });
const Implementation2025_11 = Implementation2025_06.extend({
  description: z.string().optional(),
  icons: z.array(Icon).optional(),
  websiteUrl: z.string().optional(),
});
export const implementations = {
  '2024-11-05': Implementation2024,
  '2025-03-26': Implementation2024,
  '2025-06-18': Implementation2025_06,
  '2025-11-25': Implementation2025_11,
  '2026-07-28': Implementation2025_11,
} as const;

// ---- Capabilities -----------------------------------------------------------------------------------------

const listChanged = obj({ listChanged: z.boolean().optional() });
const experimental = z.record(z.string(), AnyObject).optional();

const ClientCapabilities2024 = obj({
  experimental,
  roots: listChanged.optional(),
  sampling: AnyObject.optional(),
});
const ClientCapabilities2025_06 = ClientCapabilities2024.extend({ elicitation: AnyObject.optional() });
const ClientCapabilities2025_11 = ClientCapabilities2024.extend({
  sampling: obj({ context: AnyObject.optional(), tools: AnyObject.optional() }).optional(),
  elicitation: obj({ form: AnyObject.optional(), url: AnyObject.optional() }).optional(),
  tasks: obj({
    list: AnyObject.optional(),
    cancel: AnyObject.optional(),
    requests: obj({
      sampling: obj({ createMessage: AnyObject.optional() }).optional(),
      elicitation: obj({ create: AnyObject.optional() }).optional(),
    }).optional(),
  }).optional(),
});
const jsonExtensions = z.record(z.string(), JSONObject).optional();
const ClientCapabilities2026 = obj({
  experimental: jsonExtensions,
  extensions: jsonExtensions,
  roots: obj({}).optional(),
  sampling: obj({ context: JSONObject.optional(), tools: JSONObject.optional() }).optional(),
  elicitation: obj({ form: JSONObject.optional(), url: JSONObject.optional() }).optional(),
});

const ServerCapabilities2024 = obj({
  experimental,
  logging: AnyObject.optional(),
  prompts: listChanged.optional(),
  resources: obj({ subscribe: z.boolean().optional(), listChanged: z.boolean().optional() }).optional(),
  tools: listChanged.optional(),
});
const ServerCapabilities2025_03 = ServerCapabilities2024.extend({ completions: AnyObject.optional() });
const ServerCapabilities2025_11 = ServerCapabilities2025_03.extend({
  tasks: obj({
    list: AnyObject.optional(),
    cancel: AnyObject.optional(),
    requests: obj({ tools: obj({ call: AnyObject.optional() }).optional() }).optional(),
  }).optional(),
});
const ServerCapabilities2026 = ServerCapabilities2024.extend({
  experimental: jsonExtensions,
  extensions: jsonExtensions,
  logging: JSONObject.optional(),
  completions: JSONObject.optional(),
});

export const clientCapabilities = {
  '2024-11-05': ClientCapabilities2024,
  '2025-03-26': ClientCapabilities2024,
  '2025-06-18': ClientCapabilities2025_06,
  '2025-11-25': ClientCapabilities2025_11,
  '2026-07-28': ClientCapabilities2026,
} as const;

export const serverCapabilities = {
  '2024-11-05': ServerCapabilities2024,
  '2025-03-26': ServerCapabilities2025_03,
  '2025-06-18': ServerCapabilities2025_03,
  '2025-11-25': ServerCapabilities2025_11,
  '2026-07-28': ServerCapabilities2026,
} as const;

// ---- initialize / initialized / ping (legacy revisions) --------------------------------------------------

export function lifecycleArea<K extends Kit, I extends z.ZodType, CC extends z.ZodType, SC extends z.ZodType>(
  k: K,
  implementation: I,
  client: CC,
  server: SC,
) {
  return {
    InitializeRequestParams: reqParams(k, {
      protocolVersion: z.string(),
      capabilities: client,
      clientInfo: implementation,
    }),
    InitializeResult: result(k, {
      protocolVersion: z.string(),
      capabilities: server,
      serverInfo: implementation,
      instructions: z.string().optional(),
    }),
    InitializedNotificationParams: noteParams(k, {}),
    PingRequestParams: reqParams(k, {}),
    EmptyResult: result(k, {}),
  };
}
