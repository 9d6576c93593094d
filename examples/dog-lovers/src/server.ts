// "MCP for Dog Lovers": the server definition, shared by the stdio entry (index.ts) and the HTTP entry
// (http.ts). One tool, getRandomDogImage, asks dog.ceo for a random picture of a breed. Set
// DOG_API_BASE_URL to point it somewhere else (tests use a local server).
import { McpServer } from '@mcpwire/server';
import { z } from 'zod';

export const baseUrl = (process.env.DOG_API_BASE_URL ?? 'https://dog.ceo/api').replace(/\/+$/, '');

interface DogApiAnswer {
  status?: string;
  message?: string;
}

/** Builds the server (not connected): one McpServer serves any number of connections, on any transport. */
export function createDogServer(): McpServer {
  const server = new McpServer({ name: 'mcp-for-dog-lovers', version: '1.0.0' });
  server.tool(
    'getRandomDogImage',
    {
      title: 'Random dog image',
      description:
        'Returns the URL of a random dog image for a breed (e.g. "hound", or "hound/afghan" for a sub-breed)',
      inputSchema: { breed: z.string().min(1).describe('Breed name as dog.ceo spells it, e.g. "beagle"') },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async ({ breed }, ctx) => {
      const path = breed.trim().toLowerCase().split('/').map(encodeURIComponent).join('/');
      const url = `${baseUrl}/breed/${path}/images/random`;
      let answer: DogApiAnswer;
      try {
        const response = await fetch(url, { signal: ctx.signal });
        answer = (await response.json()) as DogApiAnswer;
      } catch (error) {
        // Thrown errors become isError results the model can read.
        throw new Error(
          `Could not reach the dog API at ${url}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (answer.status !== 'success' || typeof answer.message !== 'string') {
        throw new Error(`The dog API refused breed "${breed}": ${answer.message ?? 'no message'}`);
      }
      return `Your dog image is here: ${answer.message}`;
    },
  );
  return server;
}
