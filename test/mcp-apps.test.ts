/**
 * MCP Apps (`io.modelcontextprotocol/ui`) against the extension's own package: what our server sends to a
 * client that renders apps passes the schemas of @modelcontextprotocol/ext-apps (tool `_meta.ui`, the
 * view's listing and content `_meta.ui`, the tool result a host forwards to the view), our client's
 * declaration is read by the package's own helper, and a client without the extension gets plain tools.
 */
import { Client } from '@mcpwire/client';
import { createInMemoryPair, ProtocolError, type Revision } from '@mcpwire/core';
import {
  MCP_APP_MIME_TYPE,
  MCP_APPS_EXTENSION,
  McpServer,
  registerAppResource,
  registerAppTool,
} from '@mcpwire/server';
import {
  McpUiResourceMetaSchema,
  McpUiToolMetaSchema,
  McpUiToolResultNotificationSchema,
  RESOURCE_MIME_TYPE,
  RESOURCE_URI_META_KEY,
} from '@modelcontextprotocol/ext-apps';
import { EXTENSION_ID, getUiCapability } from '@modelcontextprotocol/ext-apps/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const VIEW = 'ui://weather/view.html';
const HTML = '<!DOCTYPE html><html><body><div id="forecast"></div></body></html>';
const APP_HOST = { [MCP_APPS_EXTENSION]: { mimeTypes: [MCP_APP_MIME_TYPE] } };

function makeServer(): McpServer {
  const server = new McpServer({ name: 'weather-app', version: '1.0.0' });
  registerAppResource(
    server,
    'Weather View',
    VIEW,
    {
      description: 'Interactive forecast',
      ui: { csp: { connectDomains: ['https://api.example.com'] }, prefersBorder: true },
    },
    () => HTML,
  );
  registerAppTool(
    server,
    'get-weather',
    {
      description: 'Forecast for a city',
      inputSchema: { city: z.string() },
      outputSchema: { city: z.string(), celsius: z.number() },
      ui: { resourceUri: VIEW },
    },
    ({ city }) => ({
      content: [{ type: 'text', text: `${city}: 21 °C` }],
      structuredContent: { city, celsius: 21 },
    }),
  );
  registerAppTool(
    server,
    'refresh-weather',
    { description: 'Refresh (called by the view)', ui: { resourceUri: VIEW, visibility: ['app'] } },
    () => 'refreshed',
  );
  server.tool('plain-tool', {}, () => 'plain');
  return server;
}

/** `revision` undefined: the client probes (server/discover), so it learns the server's capabilities. */
async function connect(revision: Revision | undefined, extensions?: typeof APP_HOST) {
  const [clientSide, serverSide] = createInMemoryPair();
  await makeServer().connect(serverSide);
  const client = new Client(
    { name: 'host', version: '1.0.0' },
    { ...(revision === undefined ? {} : { revision }), ...(extensions === undefined ? {} : { extensions }) },
  );
  await client.connect(clientSide);
  return client;
}

describe.each(['2025-11-25', '2026-07-28'] as const)('MCP Apps (%s)', (revision) => {
  it('our constants are the extension’s, and its own helper reads what our client declares', async () => {
    expect(MCP_APPS_EXTENSION).toBe(EXTENSION_ID);
    expect(MCP_APP_MIME_TYPE).toBe(RESOURCE_MIME_TYPE);
    const client = await connect(revision === '2026-07-28' ? undefined : revision, APP_HOST);
    expect(client.era).toBe(revision === '2026-07-28' ? 'modern' : 'legacy');
    expect(getUiCapability(client.connection.capabilities as never)?.mimeTypes).toEqual([RESOURCE_MIME_TYPE]);
    expect(client.serverExtension(MCP_APPS_EXTENSION)).toEqual({});
    await client.close();
  });

  it('a host that renders apps gets tools linked to ui:// views, all accepted by the extension’s schemas', async () => {
    const client = await connect(revision, APP_HOST);
    const tools = (await client.listTools()).tools;
    expect(tools.map((tool) => tool.name)).toEqual(['get-weather', 'refresh-weather', 'plain-tool']);
    const weather = tools.find((tool) => tool.name === 'get-weather')!;
    const ui = McpUiToolMetaSchema.parse(weather._meta?.ui);
    expect(ui.resourceUri).toBe(VIEW);
    expect(weather._meta?.[RESOURCE_URI_META_KEY]).toBe(VIEW);
    const refresh = tools.find((tool) => tool.name === 'refresh-weather')!;
    expect(McpUiToolMetaSchema.parse(refresh._meta?.ui).visibility).toEqual(['app']);
    expect(tools.find((tool) => tool.name === 'plain-tool')!._meta).toBeUndefined();

    const listed = (await client.listResources()).resources;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ uri: VIEW, name: 'Weather View', mimeType: RESOURCE_MIME_TYPE });
    expect(McpUiResourceMetaSchema.parse(listed[0]!._meta?.ui).prefersBorder).toBe(true);

    const read = await client.readResource(VIEW);
    const content = read.contents[0] as {
      uri: string;
      mimeType: string;
      text: string;
      _meta?: { ui?: unknown };
    };
    expect(content).toMatchObject({ uri: VIEW, mimeType: RESOURCE_MIME_TYPE, text: HTML });
    expect(McpUiResourceMetaSchema.parse(content._meta?.ui).csp?.connectDomains).toEqual([
      'https://api.example.com',
    ]);

    // What the host forwards to the view once the tool answered (ui/notifications/tool-result).
    const result = await client.callTool('get-weather', { city: 'Oslo' });
    const { resultType: _resultType, ...forwarded } = result as typeof result & { resultType?: string };
    const notification = McpUiToolResultNotificationSchema.parse({
      method: 'ui/notifications/tool-result',
      params: forwarded,
    });
    expect(notification.params.structuredContent).toEqual({ city: 'Oslo', celsius: 21 });
    expect(notification.params.content).toEqual([{ type: 'text', text: 'Oslo: 21 °C' }]);
    expect((await client.callTool('refresh-weather')).content).toEqual([{ type: 'text', text: 'refreshed' }]);
    await client.close();
  });

  it('a client without the extension gets plain tools: no ui metadata, no view, no view-only tool', async () => {
    const client = await connect(revision);
    const tools = (await client.listTools()).tools;
    expect(tools.map((tool) => tool.name)).toEqual(['get-weather', 'plain-tool']);
    for (const tool of tools) {
      expect(tool._meta?.ui).toBeUndefined();
      expect(tool._meta?.[RESOURCE_URI_META_KEY]).toBeUndefined();
    }
    expect((await client.listResources()).resources).toEqual([]);
    await expect(client.readResource(VIEW)).rejects.toBeInstanceOf(ProtocolError);
    await expect(client.callTool('refresh-weather')).rejects.toThrow(/Unknown tool/);
    const result = await client.callTool('get-weather', { city: 'Oslo' });
    expect(result.content).toEqual([{ type: 'text', text: 'Oslo: 21 °C' }]);
    await client.close();
  });
});

describe('registering apps', () => {
  it('refuses views outside the ui:// scheme and visibility values the spec does not define', () => {
    const server = new McpServer({ name: 's', version: '1' });
    expect(() => registerAppResource(server, 'v', 'https://example.com/view.html', {}, () => HTML)).toThrow(
      /expected a ui:\/\/ URI/,
    );
    expect(() =>
      registerAppTool(server, 't', { ui: { resourceUri: 'file:///view.html' } }, () => 'x'),
    ).toThrow(/expected a ui:\/\/ URI/);
    expect(() =>
      registerAppTool(server, 't', { ui: { resourceUri: VIEW, visibility: ['user' as never] } }, () => 'x'),
    ).toThrow(/expected an array of "model" and "app"/);
  });
});
