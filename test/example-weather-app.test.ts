/**
 * The MCP App example (examples/weather-app) as a real stdio server: a host that renders apps sees the
 * tool linked to its view, a plain client sees a plain tool; and in headless Chromium the view itself,
 * embedded by a minimal host page, completes the ui/initialize handshake, shows the tool result the host
 * forwards, and calls the view-only tool through the host when its Refresh button is clicked.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@mcpwire/client';
import { MCP_APP_MIME_TYPE, MCP_APPS_EXTENSION } from '@mcpwire/server';
import { StdioClientTransport } from '@mcpwire/transports/stdio';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VIEW = 'ui://weather/forecast.html';

async function connect(extensions?: Record<string, { mimeTypes: string[] }>): Promise<Client> {
  const client = new Client(
    { name: 'example-host', version: '1.0.0' },
    { revision: '2025-11-25', ...(extensions === undefined ? {} : { extensions }) },
  );
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'examples/weather-app/src/index.ts'],
      cwd: ROOT,
      stderr: 'ignore',
    }),
  );
  return client;
}

describe('examples/weather-app over stdio', () => {
  let host: Client;
  beforeAll(async () => {
    host = await connect({ [MCP_APPS_EXTENSION]: { mimeTypes: [MCP_APP_MIME_TYPE] } });
  });
  afterAll(async () => {
    await host.close();
  });

  it('lists the forecast tool linked to its view, and the view-only refresh tool, to a host that renders apps', async () => {
    const tools = (await host.listTools()).tools;
    expect(tools.map((tool) => [tool.name, tool._meta?.ui])).toEqual([
      ['get-forecast', { resourceUri: VIEW }],
      ['refresh-forecast', { resourceUri: VIEW, visibility: ['app'] }],
    ]);
    const view = (await host.readResource(VIEW)).contents[0] as { mimeType: string; text: string };
    expect(view.mimeType).toBe(MCP_APP_MIME_TYPE);
    expect(view.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('is a plain weather tool to a client without the extension', async () => {
    const plain = await connect();
    const tools = (await plain.listTools()).tools;
    expect(tools.map((tool) => [tool.name, tool._meta])).toEqual([['get-forecast', undefined]]);
    const result = await plain.callTool('get-forecast', { city: 'Oslo' });
    expect(result.content).toEqual([
      { type: 'text', text: expect.stringMatching(/^Oslo: -?\d+ °C, (clear|cloudy|rain|snow|fog)$/) },
    ]);
    await plain.close();
  });

  it('renders in Chromium: handshake, the forwarded result, and Refresh calling the server through the host', async () => {
    const html = ((await host.readResource(VIEW)).contents[0] as { text: string }).text;
    const first = await host.callTool('get-forecast', { city: 'Oslo' });
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
    try {
      const page = await browser.newPage();
      const calls: unknown[] = [];
      // The host relays the view's tools/call to the MCP server (here: our Client over stdio).
      await page.exposeFunction('callServerTool', async (params: { name: string; arguments: never }) => {
        calls.push(params);
        return host.callTool(params.name, params.arguments);
      });
      await page.setContent('<!DOCTYPE html><html><body><iframe id="view"></iframe></body></html>');
      await page.evaluate(
        ({ html, result }) => {
          const frame = document.getElementById('view') as HTMLIFrameElement;
          const post = (message: unknown) => frame.contentWindow!.postMessage(message, '*');
          window.addEventListener('message', async (event) => {
            const message = event.data;
            if (message?.method === 'ui/initialize') {
              post({
                jsonrpc: '2.0',
                id: message.id,
                result: {
                  protocolVersion: message.params.protocolVersion,
                  hostInfo: { name: 'test-host', version: '1.0.0' },
                  hostCapabilities: {},
                  hostContext: {},
                },
              });
            } else if (message?.method === 'ui/notifications/initialized') {
              post({ jsonrpc: '2.0', method: 'ui/notifications/tool-result', params: result });
            } else if (message?.method === 'tools/call') {
              const answer = await (
                window as unknown as { callServerTool(params: unknown): Promise<unknown> }
              ).callServerTool(message.params);
              post({ jsonrpc: '2.0', id: message.id, result: answer });
            }
          });
          frame.srcdoc = html;
        },
        { html, result: first },
      );
      const view = page.frameLocator('#view');
      await expect.poll(() => view.locator('#city').textContent(), { timeout: 10_000 }).toBe('Oslo');
      const shown = await view.locator('#temperature').textContent();
      expect(shown).toBe(`${(first.structuredContent as { celsius: number }).celsius} °C`);
      await view.locator('#refresh').click();
      await expect.poll(() => calls.length, { timeout: 10_000 }).toBe(1);
      expect(calls[0]).toEqual({ name: 'refresh-forecast', arguments: { city: 'Oslo' } });
    } finally {
      await browser.close();
    }
  });
});
