/**
 * Connect 3 (the middleware stack Express grew from) through every scenario check, wired as
 * docs/frameworks.md says: body-parser's JSON parser mounted first, then `app.use('/mcp',
 * toNodeListener(handler))`. Connect strips the mount path from `req.url` and calls the listener with
 * `(req, res, next)`; the body comes from `req.body`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStreamableHttpHandler, toNodeListener } from '@mcpwire/transports/http';
import bodyParser from 'body-parser';
import connect from 'connect';
import { expect, it } from 'vitest';
import { createNotesServer } from '../../examples/frameworks/src/server.js';
import { describeServer } from './scenario.js';

let parsedBodies = 0;

describeServer(
  'Connect 3 with body-parser mounted first',
  async () => {
    const server = createNotesServer();
    const handler = createStreamableHttpHandler({ connect: (transport) => server.connect(transport) });
    const app = connect();
    app.use(bodyParser.json());
    app.use('/mcp', (req, _res, next) => {
      if ((req as { body?: unknown }).body !== undefined) parsedBodies++;
      next();
    });
    app.use('/mcp', toNodeListener(handler));
    const http = createServer(app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
      async stop() {
        http.closeAllConnections();
        await new Promise((resolve) => http.close(resolve));
      },
    };
  },
  () => {
    it('was handed the bodies body-parser had parsed', () => {
      expect(parsedBodies).toBeGreaterThan(0);
    });
  },
);
