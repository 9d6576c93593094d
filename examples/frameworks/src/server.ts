// The server every recipe serves: a small notes server. `add_note` adds a resource, so every connected
// session hears `notifications/resources/list_changed` on its GET stream; `countdown` reports progress,
// so its answer streams (SSE); `echo` answers plainly.
import { McpServer } from '@mcpwire/server';
import { z } from 'zod';

export function createNotesServer(): McpServer {
  // Safe at module scope, even in a Worker: nothing random is drawn until a request needs it. Give every
  // replica (and every Worker isolate) the same `requestStateSecret` when you run more than one.
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  let count = 0;
  server.tool(
    'echo',
    { description: 'Echoes the text', inputSchema: { text: z.string() } },
    ({ text }) => text,
  );
  server.tool(
    'add_note',
    { description: 'Adds a note as a resource', inputSchema: { text: z.string() } },
    ({ text }) => {
      const uri = `note://${++count}`;
      server.resource(`note ${count}`, uri, { mimeType: 'text/plain' }, () => text);
      return `added ${uri}`;
    },
  );
  server.tool(
    'countdown',
    {
      description: 'Counts down, reporting progress',
      inputSchema: { from: z.number().int().min(1).max(10) },
    },
    async ({ from }, ctx) => {
      for (let left = from; left > 0; left--) await ctx.progress(from - left + 1, from, `${left} left`);
      return 'lift-off';
    },
  );
  return server;
}
