/**
 * NodeInput answers headers as the Fetch Headers API would (lower-case names, a repeated name's values
 * joined with ", "), whether it reuses Node's own req.headers (every name once) or builds its own map (a
 * name repeated, where Node keeps the first Host, joins Cookie with "; " and makes Set-Cookie an array),
 * and whatever a middleware wrote into req.headers before it.
 */
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeInput } from '../src/http/node/node-input.js';

interface Seen {
  record: Record<string, string>;
  fetchRecord: Record<string, string>;
  cookie: string | null;
  host: string;
}

let server: Server;
let port: number;
/** Runs on each request before NodeInput reads it (a middleware's edits). */
let before: (req: IncomingMessage) => void = () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    before(req);
    const input = new NodeInput(req, res);
    const fetchHeaders = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      fetchHeaders.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    }
    const seen: Seen = {
      record: input.headerRecord(),
      fetchRecord: Object.fromEntries(fetchHeaders),
      cookie: input.get('Cookie'),
      host: input.host,
    };
    res.end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function seen(headers: Record<string, string | string[]>): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', path: '/', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve(JSON.parse(body) as Seen));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('NodeInput headers', () => {
  it('every name once: the Fetch answer, and the Host header', async () => {
    before = () => {};
    const got = await seen({ 'X-One': 'a', cookie: 'k=v', 'Content-Type': 'application/json' });
    expect(got.record).toEqual(got.fetchRecord);
    expect(got.record['x-one']).toBe('a');
    expect(got.cookie).toBe('k=v');
    expect(got.host).toBe(`127.0.0.1:${port}`);
  });

  it('a repeated name: values joined with ", " as Fetch does, not as req.headers does', async () => {
    before = () => {};
    const got = await seen({ 'x-dup': ['a', 'b'], cookie: ['k=v', 'l=w'], 'set-cookie': 'm=n' });
    expect(got.record).toEqual(got.fetchRecord);
    expect(got.record['x-dup']).toBe('a, b');
    expect(got.cookie).toBe(got.fetchRecord.cookie);
    expect(got.record['set-cookie']).toBe('m=n');
    // Last in the request, so every earlier value of req.headers matches: only the count tells.
    const last = await seen({
      host: 'example.test',
      connection: 'close',
      'content-type': ['text/plain', 'application/json'],
    });
    expect(last.record).toEqual(last.fetchRecord);
    expect(last.record['content-type']).toBe('text/plain, application/json');
  });

  it('a value a middleware replaced or added in req.headers is not taken: the request as sent is', async () => {
    before = (req) => {
      req.headers['x-one'] = 'changed';
    };
    const replaced = await seen({ 'x-one': 'a' });
    expect(replaced.record).toEqual(replaced.fetchRecord);
    expect(replaced.record['x-one']).toBe('a');
    before = (req) => {
      req.headers['x-added'] = 'b';
    };
    const added = await seen({ 'x-one': 'a' });
    expect(added.record).toEqual(added.fetchRecord);
    expect(added.record['x-added']).toBeUndefined();
  });
});
