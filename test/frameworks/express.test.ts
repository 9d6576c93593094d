/**
 * Express 5 through every scenario check, both ways docs/frameworks.md shows: the recipe
 * (examples/frameworks/src/express.ts: express.json() mounted first, then the MCP route) in its own Node
 * process, and createNodeRouter serving /mcp ahead of an Express app with express.json() on (in this
 * process), while the app keeps its other routes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeRouter, createStreamableHttpHandler } from '@mcpwire/transports/http';
import express from 'express';
import { expect, it } from 'vitest';
import { createNotesServer } from '../../examples/frameworks/src/server.js';
import { runtimes, startRecipe } from './recipe-process.js';
import { describeServer } from './scenario.js';

describeServer('Express 5 (express.json() mounted first)', () =>
  startRecipe(runtimes.node('src/express.ts')),
);

describeServer(
  'Express 5 app behind createNodeRouter',
  async () => {
    const server = createNotesServer();
    const handler = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
    const app = express();
    app.use(express.json());
    app.post('/echo', (req, res) => void res.json({ parsed: req.body }));
    const router = createNodeRouter({ '/mcp': handler }, app);
    const http = createServer(router);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
      async stop() {
        await router.close();
        // Also a connection the test's fetch opened but never used (close() alone keeps it until its
        // headers timeout); the router's handler has ended every stream.
        http.closeAllConnections();
        await new Promise((resolve) => http.close(resolve));
      },
    };
  },
  (served) => {
    it('leaves the other routes to the app and its parser', async () => {
      const answer = await fetch(served().url.replace(/\/mcp$/, '/echo'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
      });
      expect(await answer.json()).toEqual({ parsed: { a: 1 } });
    });
  },
);
