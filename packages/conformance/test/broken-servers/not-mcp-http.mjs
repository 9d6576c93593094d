// An HTTP server that is not an MCP endpoint: `node not-mcp-http.mjs`. Prints `listening <port>`.
// /html answers every request with a 200 HTML page, /missing with a 404 HTML page, /json with JSON that
// is not JSON-RPC, /locked with 401 and a WWW-Authenticate challenge.
import { createServer } from 'node:http';

const PAGE = '<!DOCTYPE html><html><body><h1>Welcome to our shop</h1></body></html>';
const server = createServer((req, res) => {
  req.resume();
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/json')
    return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  if (path === '/locked')
    return res
      .writeHead(401, { 'www-authenticate': 'Bearer realm="shop"', 'content-type': 'text/plain' })
      .end('unauthorized');
  res.writeHead(path === '/html' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
