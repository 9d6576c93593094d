// The server definition every replica runs. Nothing in it knows about replicas: the `store` option carries
// what crosses processes (tasks, resource updates), and the tools are ordinary.
import type { McpServerStore } from '@mcpwire/server';
import { McpServer } from '@mcpwire/server';
import { z } from 'zod';

export const CLOCK_URI = 'demo://clock';

export function createDemoServer(options: { store: McpServerStore; requestStateSecret: string }): McpServer {
  const server = new McpServer({
    name: 'scale-out-demo',
    version: '1.0.0',
    store: options.store,
    // Every replica must seal and open 2026-07-28 requestState with the same key.
    requestStateSecret: options.requestStateSecret,
  });
  server.tool(
    'whoami',
    { description: 'Names the replica that served this call' },
    () => `replica pid ${process.pid}`,
  );
  server.tool(
    'confirm',
    { description: 'Asks the user to confirm an action', inputSchema: { action: z.string() } },
    async ({ action }, ctx) => {
      // The client's answer may reach another replica: it is routed back here over Redis.
      const answer = await ctx.elicit({
        message: `Really ${action}?`,
        requestedSchema: { type: 'object', properties: { sure: { type: 'boolean' } }, required: ['sure'] },
      });
      const sure = answer.action === 'accept' && answer.content?.sure === true;
      return sure ? `${action}: done (pid ${process.pid})` : `${action}: cancelled`;
    },
  );
  server.resource('clock', CLOCK_URI, { description: 'The time', mimeType: 'text/plain' }, () =>
    new Date().toISOString(),
  );
  server.tool('tick', { description: `Tells subscribers that ${CLOCK_URI} changed` }, () => {
    // Subscribers on every replica hear it, each session once.
    server.notifyResourceUpdated(CLOCK_URI);
    return 'ticked';
  });
  return server;
}
