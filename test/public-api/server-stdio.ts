// A complete server over stdio, as the README shows one: a tool with an output schema, a resource, a
// template with completion, a prompt with completion.
import { McpServer } from '@mcpwire/server';
import { StdioServerTransport } from '@mcpwire/transports/stdio';
import { z } from 'zod';

const server = new McpServer({ name: 'weather', version: '1.0.0' });

server.tool(
  'forecast',
  {
    description: 'Forecast for a city',
    inputSchema: z.object({ city: z.string(), days: z.number().int().min(1).max(7).default(1) }),
    outputSchema: z.object({ city: z.string(), highs: z.array(z.number()) }),
    annotations: { readOnlyHint: true },
  },
  async ({ city, days }, ctx) => {
    await ctx.progress(1, 2, 'asking the sky');
    return { structuredContent: { city, highs: Array.from({ length: days }, () => 21) } };
  },
);

server.resource('cities', 'weather://cities', { mimeType: 'application/json' }, () =>
  JSON.stringify(['Oslo', 'Rome']),
);

server.resourceTemplate(
  'city',
  'weather://cities/{name}',
  { complete: { name: (value) => ['Oslo', 'Rome'].filter((city) => city.startsWith(value)) } },
  (uri, { name }) => `The weather in ${name}: sunny (${uri})`,
);

server.prompt(
  'packing-list',
  {
    description: 'What to pack for a trip',
    arguments: { city: z.string(), nights: z.coerce.number().int().optional() },
    complete: { city: () => ['Oslo', 'Rome'] },
  },
  ({ city, nights }) => `Make a packing list for ${nights ?? 3} nights in ${city}.`,
);

const session = await server.connect(new StdioServerTransport());
void session;
