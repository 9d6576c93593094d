/**
 * Scope requirements as data: per tool, resource and prompt, plus a default for every request. The server
 * package (or HTTP glue) asks `check(authInfo, kind, name)` and answers 403 insufficient_scope on failure.
 */
import type { AuthInfo } from '@mcpwire/core';

/** What a scope requirement protects. */
export type ProtectedKind = 'tool' | 'resource' | 'prompt';

/** The scopes each operation needs: a default for everything, and more per tool, resource or prompt. */
export interface ScopeRequirements {
  /** Scopes every authenticated request needs (also announced in the 401 challenge). */
  default?: string[];
  /** tool name → scopes needed to call it. */
  tools?: Record<string, string[]>;
  /** resource URI → scopes needed to read it. */
  resources?: Record<string, string[]>;
  /** prompt name → scopes needed to get it. */
  prompts?: Record<string, string[]>;
}

/** scope → narrower scopes it implies (`files:write` → [`files:read`]); applied transitively. */
export type ScopeHierarchy = Record<string, string[]>;

/** Whether a token's scopes allow an operation, and if not which scopes it needs. */
export type ScopeCheckResult =
  | { allowed: true }
  | {
      allowed: false /** Every scope the operation needs, for the challenge. */;
      required: string[];
      missing: string[];
    };

/** What a scope rule knows about the caller (the server's visibility `Caller` has it). */
export interface ScopedCaller {
  readonly authInfo: AuthInfo | undefined;
}

/** Options of {@link createScopePolicy}. */
export interface ScopePolicyOptions {
  /**
   * Hide what the token's scopes do not cover instead of challenging for it: pass the policy's
   * `visibility` to the McpServer (its `visibility` option), and tools, prompts and resources the token
   * may not use are left out of lists and refused as unknown; the HTTP handler then enforces only the
   * `default` scopes (no 403 insufficient_scope, hence no step-up, for a hidden operation).
   * Default false: everything is listed, and a call the token's scopes do not cover gets 403.
   */
  hide?: boolean;
}

/** Per-operation scope checks, for the HTTP handlers' `auth.scopes` and the server's `visibility`. */
export interface ScopePolicy {
  /** All scopes the operation needs: the default ones plus the operation's own. */
  required(kind?: ProtectedKind, name?: string): string[];
  /** Whether the caller's scopes allow using this tool, resource or prompt (or, without a kind, anything). */
  check(authInfo: AuthInfo | undefined, kind?: ProtectedKind, name?: string): ScopeCheckResult;
  /** Scopes the operation addressed by a JSON-RPC request needs (tools/call, resources/read, prompts/get). */
  requiredForRequest(method: string, params: unknown): string[];
  /** Whether the caller's scopes allow this JSON-RPC request (method and params). */
  checkRequest(authInfo: AuthInfo | undefined, method: string, params: unknown): ScopeCheckResult;
  /** A visibility rule for McpServer: shows a tool, prompt or resource when the caller's scopes cover it. */
  visibility(caller: ScopedCaller, item: { kind: ProtectedKind; name: string }): boolean;
}

const ALLOWED: ScopeCheckResult = { allowed: true };

/** Expands granted scopes with everything they imply (bounded: each scope is visited once). */
export function expandScopes(granted: Iterable<string>, hierarchy: ScopeHierarchy | undefined): Set<string> {
  const out = new Set<string>();
  const queue = [...granted];
  while (queue.length > 0) {
    const scope = queue.pop()!;
    if (out.has(scope)) continue;
    out.add(scope);
    const implied = hierarchy?.[scope];
    if (implied) queue.push(...implied);
  }
  return out;
}

/** Builds a {@link ScopePolicy} from requirements and an optional scope hierarchy. */
export function createScopePolicy(
  requirements: ScopeRequirements,
  hierarchy?: ScopeHierarchy,
  options: ScopePolicyOptions = {},
): ScopePolicy {
  const base = requirements.default ?? [];
  const tables: Record<ProtectedKind, Map<string, string[]>> = {
    tool: toMap(requirements.tools, base),
    resource: toMap(requirements.resources, base),
    prompt: toMap(requirements.prompts, base),
  };
  const required = (kind?: ProtectedKind, name?: string): string[] =>
    (kind && name !== undefined ? tables[kind].get(name) : undefined) ?? base;
  const check = (authInfo: AuthInfo | undefined, kind?: ProtectedKind, name?: string): ScopeCheckResult => {
    const needed = required(kind, name);
    if (needed.length === 0) return ALLOWED;
    const granted = expandScopes(authInfo?.scopes ?? [], hierarchy);
    const missing = needed.filter((s) => !granted.has(s));
    return missing.length === 0 ? ALLOWED : { allowed: false, required: needed, missing };
  };
  const target = (method: string, params: unknown): [ProtectedKind, string] | undefined => {
    if (typeof params !== 'object' || params === null) return undefined;
    const p = params as Record<string, unknown>;
    if (method === 'tools/call' && typeof p['name'] === 'string') return ['tool', p['name']];
    if (method === 'prompts/get' && typeof p['name'] === 'string') return ['prompt', p['name']];
    if (method === 'resources/read' && typeof p['uri'] === 'string') return ['resource', p['uri']];
    return undefined;
  };
  return {
    required,
    check,
    requiredForRequest: (method, params) => {
      const t = target(method, params);
      return t ? required(t[0], t[1]) : base;
    },
    checkRequest: (authInfo, method, params) => {
      // Hidden operations are the server's to refuse (as unknown): only the default scopes are checked here.
      const t = options.hide === true ? undefined : target(method, params);
      return t ? check(authInfo, t[0], t[1]) : check(authInfo);
    },
    visibility: (caller, item) => check(caller.authInfo, item.kind, item.name).allowed,
  };
}

function toMap(table: Record<string, string[]> | undefined, base: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, scopes] of Object.entries(table ?? {})) map.set(name, [...new Set([...base, ...scopes])]);
  return map;
}
