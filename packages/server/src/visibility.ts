/**
 * Per-caller visibility: a tool, prompt, resource or template may be hidden from callers who may not use
 * it. A rule looks at the caller (auth info and its scopes, client capabilities and extensions, era); a
 * hidden item is left out of its list and refused as unknown when called, read or completed. With no rule
 * anywhere nothing here runs.
 *
 * A client is told (list_changed) when what it can see changes: a legacy session is re-checked when its
 * auth token changes (step-up authorization) and when the application calls `server.refreshVisibility()`;
 * a 2026-07-28 `subscriptions/listen` stream is re-checked on `refreshVisibility()`.
 */
import {
  type AuthInfo,
  type Era,
  extensionSettings,
  type Implementation,
  type JsonObject,
  type Revision,
} from '@mcpwire/core/runtime';
import type { PromptEntry } from './prompts.js';
import type { ListKind } from './registry.js';
import type { ResourceTemplateEntry, StaticResource } from './resources.js';
import type { McpServer } from './server.js';
import type { ToolEntry } from './tools.js';

/** What a visibility rule may look at (a handler's `ctx` is one). */
export interface Caller {
  readonly authInfo: AuthInfo | undefined;
  readonly clientCapabilities: JsonObject;
  readonly clientInfo: Implementation | undefined;
  readonly era: Era;
  readonly revision: Revision | undefined;
  readonly sessionId: string | undefined;
  /** The settings of an extension the client declared, or undefined. */
  clientExtension(id: string): JsonObject | undefined;
  /** Whether the client declared an extension. */
  supportsExtension(id: string): boolean;
}

/** A rule of one item: true shows it to `caller`. */
export type VisibilityRule = (caller: Caller) => boolean;

/** What a visibility rule applies to. */
export type VisibleKind = 'tool' | 'prompt' | 'resource';

/** The server-wide rule (e.g. from a scope policy): resources are named by URI, templates by URI template. */
export type ServerVisibilityRule = (caller: Caller, item: { kind: VisibleKind; name: string }) => boolean;

/** Who asked last, kept without the request it came with. */
class CallerSnapshot implements Caller {
  readonly authInfo: AuthInfo | undefined;
  readonly clientCapabilities: JsonObject;
  readonly clientInfo: Implementation | undefined;
  readonly era: Era;
  readonly revision: Revision | undefined;
  readonly sessionId: string | undefined;

  constructor(caller: Caller) {
    this.authInfo = caller.authInfo;
    this.clientCapabilities = caller.clientCapabilities;
    this.clientInfo = caller.clientInfo;
    this.era = caller.era;
    this.revision = caller.revision;
    this.sessionId = caller.sessionId;
  }

  clientExtension(id: string): JsonObject | undefined {
    return extensionSettings(this.clientCapabilities, id);
  }

  supportsExtension(id: string): boolean {
    return this.clientExtension(id) !== undefined;
  }
}

/** Whether an item is shown to `caller`: its own rule and the server's must both agree. A rule that throws hides. */
export function isVisible(
  server: McpServer,
  caller: Caller,
  kind: VisibleKind,
  name: string,
  rule: VisibilityRule | undefined,
): boolean {
  try {
    if (rule !== undefined && rule(caller) !== true) return false;
    const serverRule = server.options.visibility;
    return serverRule === undefined || serverRule(caller, { kind, name }) === true;
  } catch {
    return false; // fail closed: an item whose rule cannot decide stays hidden
  }
}

/** The tool named `name` if `caller` may see it (a hidden tool is as unknown as a missing one). */
export function visibleTool(server: McpServer, caller: Caller, name: string): ToolEntry | undefined {
  const tool = server.tools.get(name);
  if (tool === undefined || !server.hasVisibilityRules) return tool;
  return isVisible(server, caller, 'tool', name, tool.config.visible) ? tool : undefined;
}

export function visiblePrompt(server: McpServer, caller: Caller, name: string): PromptEntry | undefined {
  const prompt = server.prompts.get(name);
  if (prompt === undefined || !server.hasVisibilityRules) return prompt;
  return isVisible(server, caller, 'prompt', name, prompt.config.visible) ? prompt : undefined;
}

export function visibleResource(server: McpServer, caller: Caller, uri: string): StaticResource | undefined {
  const resource = server.resources.get(uri);
  if (resource === undefined || !server.hasVisibilityRules) return resource;
  return isVisible(server, caller, 'resource', uri, resource.config.visible) ? resource : undefined;
}

/** The entries of a list that `caller` may see (the registry's own array when there are no rules). */
export function visibleTools(server: McpServer, caller: Caller): readonly ToolEntry[] {
  const all = server.tools.list();
  if (!server.hasVisibilityRules) return all;
  return all.filter((tool) => isVisible(server, caller, 'tool', tool.name, tool.config.visible));
}

export function visiblePrompts(server: McpServer, caller: Caller): readonly PromptEntry[] {
  const all = server.prompts.list();
  if (!server.hasVisibilityRules) return all;
  return all.filter((prompt) => isVisible(server, caller, 'prompt', prompt.name, prompt.config.visible));
}

export function visibleResources(server: McpServer, caller: Caller): readonly StaticResource[] {
  const all = server.resources.list();
  if (!server.hasVisibilityRules) return all;
  return all.filter((resource) =>
    isVisible(server, caller, 'resource', resource.uri, resource.config.visible),
  );
}

export function visibleTemplates(server: McpServer, caller: Caller): readonly ResourceTemplateEntry[] {
  const all = server.templates.list();
  if (!server.hasVisibilityRules) return all;
  return all.filter((template) =>
    isVisible(server, caller, 'resource', template.template.template, template.config.visible),
  );
}

/**
 * A listing with the `_meta` members of every extension the caller declared (`extensionMeta`: extension
 * id → members), so metadata only an extension's clients understand goes only to them. A new object;
 * `listing` itself is shared and stays unchanged.
 */
export function withExtensionMeta(
  listing: JsonObject,
  extensionMeta: Record<string, JsonObject> | undefined,
  caller: Caller,
): JsonObject {
  if (extensionMeta === undefined) return listing;
  let meta: JsonObject | undefined;
  for (const id of Object.keys(extensionMeta)) {
    if (!caller.supportsExtension(id)) continue;
    meta = { ...(meta ?? (listing._meta as JsonObject | undefined)), ...extensionMeta[id] };
  }
  return meta === undefined ? listing : { ...listing, _meta: meta };
}

/** The names of the items of a list `caller` can see, as one string to compare. */
function fingerprint(server: McpServer, kind: ListKind, caller: Caller): string {
  if (kind === 'tools')
    return visibleTools(server, caller)
      .map((tool) => tool.name)
      .join('\n');
  if (kind === 'prompts')
    return visiblePrompts(server, caller)
      .map((prompt) => prompt.name)
      .join('\n');
  const uris = visibleResources(server, caller).map((resource) => resource.uri);
  for (const template of visibleTemplates(server, caller)) uris.push(template.template.template);
  return uris.join('\n');
}

const NOTHING: readonly ListKind[] = [];

/** What one client (a legacy session, or one listen stream) was shown, to tell it when that changes. */
export class VisibilityWatch {
  private caller: CallerSnapshot | undefined = undefined;
  private token: string | undefined = undefined;
  private readonly shown = new Map<ListKind, string>();

  constructor(private readonly server: McpServer) {}

  /** A request from the client: a new auth token may change what it can see. Returns the lists that changed. */
  observe(caller: Caller): readonly ListKind[] {
    const token = caller.authInfo?.token;
    if (this.caller !== undefined && token === this.token) return NOTHING;
    const first = this.caller === undefined;
    this.caller = new CallerSnapshot(caller);
    this.token = token;
    return first ? NOTHING : this.recheck();
  }

  /** The client was shown list `kind` (or subscribed to its changes) as the last observed caller. */
  shownList(kind: ListKind): void {
    if (this.caller !== undefined) this.shown.set(kind, fingerprint(this.server, kind, this.caller));
  }

  /** The lists shown whose visible items differ now; they count as shown again. */
  recheck(): readonly ListKind[] {
    const caller = this.caller;
    if (caller === undefined || this.shown.size === 0) return NOTHING;
    const changed: ListKind[] = [];
    for (const [kind, before] of this.shown) {
      const now = fingerprint(this.server, kind, caller);
      if (now !== before) {
        this.shown.set(kind, now);
        changed.push(kind);
      }
    }
    return changed;
  }
}
