/**
 * MCP Apps (extension `io.modelcontextprotocol/ui`, SEP-1865, stable 2026-01-26; the spec and schemas
 * ship in @modelcontextprotocol/ext-apps): a tool names an HTML view, a `ui://` resource of MIME type
 * `text/html;profile=mcp-app`, through `_meta.ui.resourceUri`; a host that renders apps shows the view
 * with the tool's result.
 *
 * Fallback for clients that did not declare the extension (extensions MUST fall back or refuse): they
 * get plain tools. The `_meta.ui` link is listed only to clients that declared it, tools meant only for
 * the view (`visibility: ['app']`) and the views themselves are hidden from them, and results are
 * ordinary tool results: an app tool must return meaningful `content`, as the spec requires anyway.
 */
import { ConfigError, type JsonObject } from '@mcpwire/core/runtime';
import type { RegisteredHandle } from './registry.js';
import type { ReadReturn, ResourceChanges, ResourceConfig, ResourceReader } from './resources.js';
import type { ArgsOf, ArgumentsSchema } from './schema-input.js';
import type { McpServer } from './server.js';
import type { ToolChanges, ToolConfig, ToolHandler } from './tools.js';
import type { Caller, VisibilityRule } from './visibility.js';

/** The extension id of MCP Apps. */
export const MCP_APPS_EXTENSION = 'io.modelcontextprotocol/ui';
/** The MIME type of an MCP App's HTML resource. */
export const MCP_APP_MIME_TYPE = 'text/html;profile=mcp-app';
/** The flat key older hosts read (deprecated by the spec; the official helper still writes it too). */
const LEGACY_RESOURCE_URI_KEY = 'ui/resourceUri';

/** Who may call an app tool: the model (agent), the app (its view), or both (the default). */
export type AppToolVisibility = 'model' | 'app';

/** `_meta.ui` of a tool. */
export interface AppToolUi {
  /** The view: the `ui://` URI of a resource registered with `registerAppResource`. */
  resourceUri: string;
  /** Default ['model', 'app']. */
  visibility?: AppToolVisibility[];
}

/** `_meta.ui` of a view: what the host needs to sandbox it. */
export interface AppResourceUi {
  /** Origins the view may reach (CSP); omitted: none. */
  csp?: {
    connectDomains?: string[];
    resourceDomains?: string[];
    frameDomains?: string[];
    baseUriDomains?: string[];
  };
  /** Browser features the view asks for (the host may refuse). */
  permissions?: {
    camera?: JsonObject;
    microphone?: JsonObject;
    geolocation?: JsonObject;
    clipboardWrite?: JsonObject;
  };
  /** A dedicated sandbox origin, in the host's own format. */
  domain?: string;
  prefersBorder?: boolean;
}

/** A tool's configuration for {@link registerAppTool}: a tool config with the app's `ui` settings. */
export type AppToolConfig<S extends ArgumentsSchema = ArgumentsSchema> = Omit<
  ToolConfig<S>,
  'extensionMeta'
> & {
  ui: AppToolUi;
};

/**
 * A resource's configuration for {@link registerAppResource}: a resource config with the app's `ui` settings.
 */
export type AppResourceConfig = Omit<ResourceConfig, 'mimeType' | 'extensionMeta'> & { ui?: AppResourceUi };

/** Whether the caller's client renders MCP Apps: it declared the extension with the app MIME type. */
export function supportsApps(caller: Caller): boolean {
  const mimeTypes = caller.clientExtension(MCP_APPS_EXTENSION)?.mimeTypes;
  return Array.isArray(mimeTypes) && mimeTypes.includes(MCP_APP_MIME_TYPE);
}

function checkViewUri(uri: unknown, where: string): void {
  if (typeof uri !== 'string' || !uri.startsWith('ui://') || uri.length === 'ui://'.length) {
    throw new ConfigError(
      `${where}: expected a ui:// URI (MCP Apps views use that scheme), received ${JSON.stringify(uri)}`,
    );
  }
}

/** The server declares the extension too, with no settings, unless the application declared it already. */
function declareApps(server: McpServer): void {
  const declared = server.capabilitiesFor('2026-07-28').extensions as JsonObject | undefined;
  if (declared?.[MCP_APPS_EXTENSION] === undefined) server.extension(MCP_APPS_EXTENSION, {});
}

/** Both rules must pass; `undefined` when neither exists (no rule at all costs nothing per request). */
function both(
  first: VisibilityRule | undefined,
  second: VisibilityRule | undefined,
): VisibilityRule | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return (caller) => first(caller) && second(caller);
}

/** Registers a tool whose results a host that renders MCP Apps shows in the view `config.ui.resourceUri`. */
export function registerAppTool<S extends ArgumentsSchema>(
  server: McpServer,
  name: string,
  config: AppToolConfig<S>,
  handler: ToolHandler<ArgsOf<S>>,
): RegisteredHandle<ToolChanges> {
  const { ui, visible, ...rest } = config;
  checkViewUri(ui?.resourceUri, `App tool "${name}" ui.resourceUri`);
  const visibility = ui.visibility;
  if (
    visibility !== undefined &&
    (!Array.isArray(visibility) || visibility.some((v) => v !== 'model' && v !== 'app'))
  ) {
    throw new ConfigError(
      `App tool "${name}" ui.visibility: expected an array of "model" and "app", received ${JSON.stringify(visibility)}`,
    );
  }
  declareApps(server);
  const uiMeta: JsonObject = { resourceUri: ui.resourceUri };
  if (visibility !== undefined) uiMeta.visibility = [...visibility];
  // A tool only the view may call means nothing to a client that renders no views.
  const forModel = visibility === undefined || visibility.includes('model');
  const rule = both(forModel ? undefined : supportsApps, visible);
  return server.tool<S>(
    name,
    {
      ...(rest as ToolConfig<S, undefined>),
      extensionMeta: { [MCP_APPS_EXTENSION]: { ui: uiMeta, [LEGACY_RESOURCE_URI_KEY]: ui.resourceUri } },
      ...(rule === undefined ? {} : { visible: rule }),
    },
    handler,
  );
}

/**
 * Registers a view: a `ui://` resource served as `text/html;profile=mcp-app`, listed and readable only
 * by clients that render MCP Apps. `read` returns the HTML; `config.ui` (CSP, permissions, domain,
 * border) goes on the listing and on the content read.
 */
export function registerAppResource(
  server: McpServer,
  name: string,
  uri: string,
  config: AppResourceConfig,
  read: ResourceReader,
): RegisteredHandle<ResourceChanges> {
  checkViewUri(uri, `App resource "${name}"`);
  const { ui, visible, ...rest } = config;
  declareApps(server);
  return server.resource(
    name,
    uri,
    {
      ...rest,
      mimeType: MCP_APP_MIME_TYPE,
      visible: both(supportsApps, visible),
      ...(ui === undefined ? {} : { extensionMeta: { [MCP_APPS_EXTENSION]: { ui: ui as JsonObject } } }),
    },
    async (requested, ctx) => withViewMeta(await read(requested, ctx), requested, ui),
  );
}

/** HTML returned as a string becomes one content with the app MIME type and, given, `_meta.ui`. */
function withViewMeta(returned: ReadReturn, uri: string, ui: AppResourceUi | undefined): ReadReturn {
  if (typeof returned !== 'string') return returned;
  const content: JsonObject = { uri, mimeType: MCP_APP_MIME_TYPE, text: returned };
  if (ui !== undefined) content._meta = { ui: ui as JsonObject };
  return [content as never];
}
