// A hand-written 2026-07-28 client in plain Node for check-client tests, over its own stdin/stdout (`stdio`)
// or Streamable HTTP to the URL appended last (`http`). It probes with server/discover, lists every tool
// page, drops tools with an invalid x-mcp-header (HTTP), calls every tool with its schema defaults and the
// Mcp-* headers, and answers input_required rounds. `--break <kind>` violates one rule: reuse-id (the MRTR
// retry reuses the JSON-RPC id, M10), alter-state (the retry changes requestState, M10), no-method (no
// Mcp-Method header, M15), keep-invalid-tool (calls the tool whose x-mcp-header is invalid, M15), respond
// (a JSON-RPC response on stdout, T02), fetch-ref (dereferences a network $ref, M16).
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const mode = args[0];
const breakAt = args.indexOf('--break');
const breakKind = breakAt >= 0 ? args[breakAt + 1] : undefined;
const url = mode === 'http' ? args.at(-1) : undefined;
const meta = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw-modern', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
};
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function headerValue(value) {
  const text = typeof value === 'string' ? value : String(value);
  const plain = /^[\x20-\x7e\t]*$/.test(text) && text === text.trim() && !/^=\?base64\?.*\?=$/.test(text);
  return plain ? text : `=?base64?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** [path, header] of every x-mcp-header reachable through `properties`, or undefined if one is invalid. */
function annotations(schema, path = [], found = []) {
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    const header = property['x-mcp-header'];
    if (header !== undefined) {
      if (typeof header !== 'string' || !TOKEN.test(header)) return undefined;
      found.push([[...path, key], header]);
    }
    if (property.properties !== undefined && annotations(property, [...path, key], found) === undefined)
      return undefined;
  }
  return found;
}

const waiting = new Map();
if (mode === 'stdio') {
  createInterface({ input: process.stdin }).on('line', (line) => {
    const message = JSON.parse(line);
    waiting.get(message.id)?.(message);
  });
}

async function send(message, headers) {
  if (mode === 'stdio') {
    const answer = new Promise((resolve) => waiting.set(message.id, resolve));
    process.stdout.write(`${JSON.stringify(message)}\n`);
    return answer;
  }
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      ...(breakKind === 'no-method' ? {} : { 'mcp-method': message.method }),
      ...headers,
    },
    body: JSON.stringify(message),
  });
  return response.json();
}

let nextId = 1;
const headerSpecs = new Map();

async function request(method, params, id = nextId++) {
  const headers = {};
  if (method === 'tools/call') {
    headers['mcp-name'] = headerValue(params.name);
    for (const [path, header] of headerSpecs.get(params.name) ?? []) {
      const value = path.reduce((at, key) => at?.[key], params.arguments);
      if (value !== undefined && value !== null) headers[`mcp-param-${header}`] = headerValue(value);
    }
  }
  return send({ jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } }, headers);
}

function answer(inputRequest) {
  if (inputRequest.method === 'elicitation/create') {
    const content = {};
    for (const [key, field] of Object.entries(inputRequest.params.requestedSchema?.properties ?? {}))
      if ('default' in field) content[key] = field.default;
    return { action: 'accept', content };
  }
  if (inputRequest.method === 'roots/list') return { roots: [] };
  return { role: 'assistant', content: { type: 'text', text: 'ok' }, model: 'raw' };
}

async function callTool(name, toolArgs) {
  let id = nextId++;
  let response = await request('tools/call', { name, arguments: toolArgs }, id);
  for (let round = 0; round < 4 && response.result?.resultType === 'input_required'; round++) {
    const { inputRequests, requestState } = response.result;
    const retry = { name, arguments: toolArgs };
    if (inputRequests !== undefined)
      retry.inputResponses = Object.fromEntries(
        Object.entries(inputRequests).map(([k, r]) => [k, answer(r)]),
      );
    if (requestState !== undefined)
      retry.requestState = breakKind === 'alter-state' ? requestState.trim() : requestState;
    if (breakKind !== 'reuse-id') id = nextId++;
    response = await request('tools/call', retry, id);
  }
}

await request('server/discover', {});
if (breakKind === 'respond')
  process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: 'x', result: {} })}\n`);
const tools = [];
let cursor;
for (let page = 0; page < 10; page++) {
  const { result } = await request('tools/list', cursor === undefined ? {} : { cursor });
  tools.push(...result.tools);
  cursor = result.nextCursor;
  if (cursor === undefined) break;
}
if (breakKind === 'fetch-ref') {
  for (const tool of tools)
    for (const property of Object.values(tool.inputSchema.properties ?? {}))
      if (typeof property.$ref === 'string' && property.$ref.startsWith('http')) await fetch(property.$ref);
}
for (const tool of tools) {
  const found = annotations(tool.inputSchema);
  // 2026-07-28 §Custom Headers: an HTTP client drops the tool (unless told to break that rule).
  if (found === undefined && mode === 'http' && breakKind !== 'keep-invalid-tool') continue;
  headerSpecs.set(tool.name, found ?? []);
  const toolArgs = {};
  for (const [key, property] of Object.entries(tool.inputSchema.properties ?? {}))
    if ('default' in property) toolArgs[key] = property.default;
  await callTool(tool.name, toolArgs);
}
process.exit(0);
