#!/usr/bin/env node
/**
 * Generates spec-fixtures/<revision>/*.json: for every method of every revision a valid and an invalid message,
 * a valid result for every request, plus JSON-RPC-level and era-difference fixtures. The output is committed;
 * after editing this file run `node scripts/generate-fixtures.mjs && npx biome format --write spec-fixtures`.
 * test/fixtures-agreement.test.ts checks every fixture against the official JSON schema (ajv) and @mcpwire/core.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../spec-fixtures/', import.meta.url));
const REVISIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'];
const MODERN = '2026-07-28';
const at = (rev, min) => rev >= min;

// ---- revision-aware building blocks -----------------------------------------------------------------------

/** Request `_meta`: 2026-07-28 requires the protocol version and client capabilities on every request. */
const reqMeta = (rev) =>
  rev === MODERN
    ? {
        _meta: {
          'io.modelcontextprotocol/protocolVersion': rev,
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      }
    : {};
const params = (rev, body) => ({ ...reqMeta(rev), ...body });
/** A result: 2026-07-28 requires `resultType`, and caching hints on cacheable results. */
const result = (rev, body, cacheable = false) =>
  rev === MODERN
    ? { resultType: 'complete', ...(cacheable ? { ttlMs: 60000, cacheScope: 'public' } : {}), ...body }
    : body;
const text = { type: 'text', text: 'hello' };
const tool = {
  name: 'echo',
  description: 'Echoes text',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
};
const task = {
  taskId: 't-1',
  status: 'working',
  createdAt: '2025-11-25T10:00:00Z',
  lastUpdatedAt: '2025-11-25T10:00:00Z',
  ttl: 60000,
};
const samplingParams = { messages: [{ role: 'user', content: text }], maxTokens: 100 };
const formSchema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };

/**
 * Per method: valid params, invalid params (with why), and a valid result. `params` may be undefined when the
 * method allows omitting them. Builders get the revision so shapes follow it.
 */
const METHODS = {
  initialize: {
    params: (rev) => ({
      protocolVersion: rev,
      capabilities: {},
      clientInfo: { name: 'client', version: '1.0.0' },
    }),
    invalid: () => [{ protocolVersion: '2024-11-05', capabilities: {} }, 'clientInfo is required'],
    result: (rev) => ({
      protocolVersion: rev,
      capabilities: { tools: {} },
      serverInfo: { name: 'server', version: '1.0.0' },
    }),
  },
  ping: {
    params: () => undefined,
    invalid: () => [{ _meta: 'not an object' }, '_meta must be an object'],
    result: () => ({}),
  },
  'server/discover': {
    params: (rev) => params(rev, {}),
    invalid: () => [{}, '_meta with the protocol version and client capabilities is required'],
    result: (rev) =>
      result(rev, { supportedVersions: [rev], capabilities: { tools: { listChanged: true } } }, true),
  },
  'resources/list': {
    params: (rev) => (rev === MODERN ? params(rev, {}) : undefined),
    invalid: (rev) => [params(rev, { cursor: 42 }), 'cursor must be a string'],
    result: (rev) =>
      result(rev, { resources: [{ uri: 'file:///a.txt', name: 'a.txt', mimeType: 'text/plain' }] }, true),
  },
  'resources/templates/list': {
    params: (rev) => params(rev, { cursor: 'page-2' }),
    invalid: (rev) => [params(rev, { cursor: ['page-2'] }), 'cursor must be a string'],
    result: (rev) =>
      result(rev, { resourceTemplates: [{ uriTemplate: 'file:///{path}', name: 'files' }] }, true),
  },
  'resources/read': {
    params: (rev) => params(rev, { uri: 'file:///a.txt' }),
    invalid: (rev) => [params(rev, {}), 'uri is required'],
    result: (rev) =>
      result(rev, { contents: [{ uri: 'file:///a.txt', mimeType: 'text/plain', text: 'hello' }] }, true),
  },
  'resources/subscribe': {
    params: (rev) => params(rev, { uri: 'file:///a.txt' }),
    invalid: (rev) => [params(rev, { uri: 7 }), 'uri must be a string'],
    result: () => ({}),
  },
  'resources/unsubscribe': {
    params: (rev) => params(rev, { uri: 'file:///a.txt' }),
    invalid: (rev) => [params(rev, {}), 'uri is required'],
    result: () => ({}),
  },
  'subscriptions/listen': {
    params: (rev) =>
      params(rev, { notifications: { toolsListChanged: true, resourceSubscriptions: ['file:///a.txt'] } }),
    invalid: (rev) => [
      params(rev, { notifications: { toolsListChanged: 'yes' } }),
      'toolsListChanged must be a boolean',
    ],
    result: (rev) => result(rev, { _meta: { 'io.modelcontextprotocol/subscriptionId': 1 } }),
  },
  'prompts/list': {
    params: (rev) => (rev === MODERN ? params(rev, {}) : undefined),
    invalid: (rev) => [params(rev, { cursor: null }), 'cursor must be a string'],
    result: (rev) =>
      result(rev, { prompts: [{ name: 'greet', arguments: [{ name: 'who', required: true }] }] }, true),
  },
  'prompts/get': {
    params: (rev) => params(rev, { name: 'greet', arguments: { who: 'world' } }),
    invalid: (rev) => [params(rev, { name: 'greet', arguments: { who: 3 } }), 'prompt arguments are strings'],
    result: (rev) => result(rev, { messages: [{ role: 'user', content: text }] }),
  },
  'tools/list': {
    params: (rev) => (rev === MODERN ? params(rev, {}) : undefined),
    invalid: (rev) => [params(rev, { cursor: 1 }), 'cursor must be a string'],
    result: (rev) => result(rev, { tools: [tool] }, true),
  },
  'tools/call': {
    params: (rev) => params(rev, { name: 'echo', arguments: { text: 'hi' } }),
    invalid: (rev) => [params(rev, { arguments: { text: 'hi' } }), 'name is required'],
    result: (rev) => result(rev, { content: [text], isError: false }),
  },
  'logging/setLevel': {
    params: (rev) => params(rev, { level: 'info' }),
    invalid: (rev) => [params(rev, { level: 'verbose' }), 'level must be one of the eight syslog levels'],
    result: () => ({}),
  },
  'completion/complete': {
    params: (rev) =>
      params(rev, { ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'who', value: 'wo' } }),
    invalid: (rev) => [params(rev, { ref: { type: 'ref/prompt', name: 'greet' } }), 'argument is required'],
    result: (rev) => result(rev, { completion: { values: ['world'], total: 1, hasMore: false } }),
  },
  'sampling/createMessage': {
    params: () => samplingParams,
    invalid: () => [{ messages: [{ role: 'user', content: text }] }, 'maxTokens is required'],
    result: () => ({ role: 'assistant', content: text, model: 'model-1', stopReason: 'endTurn' }),
  },
  'roots/list': {
    params: () => undefined,
    invalid: () => [{ _meta: [] }, '_meta must be an object'],
    result: () => ({ roots: [{ uri: 'file:///home/user/project', name: 'project' }] }),
  },
  'elicitation/create': {
    params: () => ({ message: 'Your name?', requestedSchema: formSchema }),
    invalid: () => [{ message: 'Your name?' }, 'requestedSchema is required'],
    result: () => ({ action: 'accept', content: { name: 'Ada' } }),
  },
  'tasks/get': {
    params: () => ({ taskId: 't-1' }),
    invalid: () => [{}, 'taskId is required'],
    result: () => task,
  },
  'tasks/result': {
    params: () => ({ taskId: 't-1' }),
    invalid: () => [{ taskId: 1 }, 'taskId must be a string'],
    result: () => ({ content: [text] }),
  },
  'tasks/cancel': {
    params: () => ({ taskId: 't-1' }),
    invalid: () => [{}, 'taskId is required'],
    result: () => ({ ...task, status: 'cancelled' }),
  },
  'tasks/list': {
    params: () => undefined,
    invalid: () => [{ cursor: false }, 'cursor must be a string'],
    result: () => ({ tasks: [task] }),
  },
  'notifications/cancelled': {
    params: () => ({ requestId: 7, reason: 'user abort' }),
    invalid: () => [{ requestId: null }, 'requestId must be a string or an integer'],
  },
  'notifications/initialized': {
    params: () => undefined,
    invalid: () => [[], 'params must be an object'],
  },
  'notifications/progress': {
    params: () => ({ progressToken: 'p-1', progress: 50, total: 100 }),
    invalid: () => [{ progressToken: 'p-1' }, 'progress is required'],
  },
  'notifications/roots/list_changed': {
    params: () => undefined,
    invalid: () => [42, 'params must be an object'],
  },
  'notifications/resources/list_changed': {
    params: () => ({}),
    invalid: () => ['x', 'params must be an object'],
  },
  'notifications/resources/updated': {
    params: () => ({ uri: 'file:///a.txt' }),
    invalid: () => [{}, 'uri is required'],
  },
  'notifications/prompts/list_changed': {
    params: () => undefined,
    invalid: () => [true, 'params must be an object'],
  },
  'notifications/tools/list_changed': {
    params: () => undefined,
    invalid: () => [[1], 'params must be an object'],
  },
  'notifications/message': {
    params: () => ({ level: 'info', logger: 'app', data: { event: 'started' } }),
    invalid: () => [{ level: 'info' }, 'data is required'],
  },
  'notifications/tasks/status': {
    params: () => task,
    invalid: () => [{ ...task, status: 'running' }, 'status must be a TaskStatus'],
  },
  'notifications/elicitation/complete': {
    params: () => ({ elicitationId: 'e-1' }),
    invalid: () => [{}, 'elicitationId is required'],
  },
  'notifications/subscriptions/acknowledged': {
    params: () => ({
      notifications: { toolsListChanged: true },
      _meta: { 'io.modelcontextprotocol/subscriptionId': 1 },
    }),
    invalid: () => [{}, 'notifications is required'],
  },
};

const AREA = (method) => {
  if (method === 'initialize' || method === 'ping' || method === 'notifications/initialized')
    return 'lifecycle';
  if (
    method === 'server/discover' ||
    method.startsWith('subscriptions/') ||
    method.includes('subscriptions/')
  )
    return 'modern';
  const m = method.replace(/^notifications\//, '');
  if (m.startsWith('resources/')) return 'resources';
  if (m.startsWith('prompts/')) return 'prompts';
  if (m.startsWith('tools/')) return 'tools';
  if (m.startsWith('tasks/')) return 'tasks';
  if (m.startsWith('roots/')) return 'roots';
  if (m.startsWith('sampling/')) return 'sampling';
  if (m.startsWith('elicitation/')) return 'elicitation';
  if (m === 'message' || m.startsWith('logging/')) return 'logging';
  if (m.startsWith('completion/')) return 'completion';
  return 'utilities';
};
const SPEC = {
  lifecycle: 'basic/lifecycle',
  modern: 'server/discover',
  resources: 'server/resources',
  prompts: 'server/prompts',
  tools: 'server/tools',
  tasks: 'basic/utilities/tasks',
  roots: 'client/roots',
  sampling: 'client/sampling',
  elicitation: 'client/elicitation',
  logging: 'server/utilities/logging',
  completion: 'server/utilities/completion',
  utilities: 'basic/utilities',
};

/** Methods of a revision, read from its official schema (the same way the agreement test does). */
function methodsOf(rev) {
  const doc = JSON.parse(readFileSync(`${root}schemas/${rev}/schema.json`, 'utf8'));
  const defs = doc.definitions ?? doc.$defs;
  const out = new Map();
  for (const [union, kind] of [
    ['ClientRequest', 'request'],
    ['ServerRequest', 'request'],
    ['ClientNotification', 'notification'],
    ['ServerNotification', 'notification'],
  ]) {
    const def = defs[union];
    if (!def) continue;
    const refs = def.anyOf ? def.anyOf.map((a) => defs[a.$ref.split('/').pop()]) : [def];
    for (const d of refs) out.set(d.properties.method.const, kind);
  }
  return out;
}

function message(kind, method, p, id = 1) {
  if (kind === 'request')
    return p === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params: p };
  return p === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params: p };
}

function fixture(rev, name, kind, method, valid, msg, why, spec) {
  const f = { name, revision: rev, kind, method, valid, message: msg };
  if (!valid) f.why = why;
  f.spec = spec;
  return f;
}

function generate(rev) {
  const files = new Map();
  const add = (area, f) => {
    if (!files.has(area)) files.set(area, []);
    files.get(area).push(f);
  };
  for (const [method, kind] of methodsOf(rev)) {
    const def = METHODS[method];
    if (!def) throw new Error(`no fixture template for ${rev} ${method}`);
    const area = AREA(method);
    const spec = SPEC[area];
    const p = def.params(rev);
    add(
      area,
      fixture(rev, `${method} ${kind}`, kind, method, true, message(kind, method, p), undefined, spec),
    );
    const [bad, why] = def.invalid(rev);
    add(
      area,
      fixture(rev, `${method} ${kind}: ${why}`, kind, method, false, message(kind, method, bad), why, spec),
    );
    if (kind === 'request') {
      const r = JSON.parse(JSON.stringify(def.result(rev)));
      add(
        area,
        fixture(
          rev,
          `${method} result`,
          'result',
          method,
          true,
          { jsonrpc: '2.0', id: 1, result: r },
          undefined,
          spec,
        ),
      );
    }
  }
  for (const [area, list] of extras(rev)) for (const f of list) add(area, f);
  return files;
}

/** JSON-RPC-level fixtures and the era differences, per revision. */
function extras(rev) {
  const out = new Map();
  const add = (area, name, kind, method, valid, msg, why, spec) => {
    if (!out.has(area)) out.set(area, []);
    out.get(area).push(fixture(rev, name, kind, method, valid, msg, why, spec));
  };
  const listMethod = 'tools/list';
  const listParams = rev === MODERN ? params(rev, {}) : undefined;
  const base = 'basic/index';
  const anyRequest = rev === MODERN ? 'server/discover' : 'ping';
  add(
    'jsonrpc',
    'request with a string id',
    'request',
    listMethod,
    true,
    message('request', listMethod, listParams, 'req-1'),
    undefined,
    base,
  );
  add(
    'jsonrpc',
    'request id null',
    'request',
    listMethod,
    false,
    { jsonrpc: '2.0', id: null, method: listMethod, ...(listParams ? { params: listParams } : {}) },
    'request ids must be strings or integers, never null',
    base,
  );
  add(
    'jsonrpc',
    'request id fractional',
    'request',
    listMethod,
    false,
    { jsonrpc: '2.0', id: 1.5, method: listMethod, ...(listParams ? { params: listParams } : {}) },
    'request ids must be strings or integers',
    base,
  );
  add(
    'jsonrpc',
    'request without jsonrpc',
    'request',
    listMethod,
    false,
    { id: 1, method: listMethod, ...(listParams ? { params: listParams } : {}) },
    'jsonrpc: "2.0" is required',
    base,
  );
  add(
    'jsonrpc',
    'request with jsonrpc 1.0',
    'request',
    listMethod,
    false,
    { jsonrpc: '1.0', id: 1, method: listMethod, ...(listParams ? { params: listParams } : {}) },
    'jsonrpc must be exactly "2.0"',
    base,
  );
  add(
    'jsonrpc',
    'request params not an object',
    'request',
    'tools/call',
    false,
    { jsonrpc: '2.0', id: 1, method: 'tools/call', params: ['echo'] },
    'params must be an object (by-name)',
    base,
  );
  add(
    'jsonrpc',
    'notification without jsonrpc',
    'notification',
    'notifications/cancelled',
    false,
    { method: 'notifications/cancelled', params: { requestId: 1 } },
    'jsonrpc: "2.0" is required',
    base,
  );
  add(
    'jsonrpc',
    'error response',
    'error',
    'tools/call',
    true,
    { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'Unknown tool: nope', data: { tool: 'nope' } } },
    undefined,
    base,
  );
  add(
    'jsonrpc',
    'error response with a fractional code',
    'error',
    'tools/call',
    false,
    { jsonrpc: '2.0', id: 1, error: { code: -32602.5, message: 'x' } },
    'error.code must be an integer',
    base,
  );
  add(
    'jsonrpc',
    'error response without message',
    'error',
    'tools/call',
    false,
    { jsonrpc: '2.0', id: 1, error: { code: -32601 } },
    'error.message is required',
    base,
  );
  add(
    'jsonrpc',
    'error response with id null',
    'error',
    'tools/call',
    false,
    { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } },
    'ids are never null (omit the id instead, from 2025-11-25)',
    base,
  );
  add(
    'jsonrpc',
    'response with both result and error',
    'result',
    anyRequest,
    false,
    { jsonrpc: '2.0', id: 1, result: result(rev, {}, rev === MODERN), error: { code: -32603, message: 'x' } },
    'a response carries exactly one of result and error',
    base,
  );
  add(
    'jsonrpc',
    'result response with id null',
    'result',
    anyRequest,
    false,
    { jsonrpc: '2.0', id: null, result: result(rev, {}, rev === MODERN) },
    'ids are never null',
    base,
  );
  add(
    'jsonrpc',
    'result that is not an object',
    'result',
    'tools/call',
    false,
    { jsonrpc: '2.0', id: 1, result: 'done' },
    'result must be an object',
    base,
  );
  if (rev < '2025-11-25') {
    add(
      'jsonrpc',
      'error response without id',
      'error',
      'tools/call',
      false,
      { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } },
      'before 2025-11-25 an error response must carry an id',
      base,
    );
  } else {
    add(
      'jsonrpc',
      'error response without id',
      'error',
      'tools/call',
      true,
      { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } },
      undefined,
      base,
    );
  }
  const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
  const note = { jsonrpc: '2.0', method: 'notifications/initialized' };
  if (rev === '2025-03-26') {
    add(
      'jsonrpc',
      'batch of requests and notifications',
      'request',
      'ping',
      true,
      [ping, { ...ping, id: 2, method: 'tools/list' }, note],
      undefined,
      'basic/index#batching',
    );
    add(
      'jsonrpc',
      'batch of responses',
      'result',
      'ping',
      true,
      [
        { jsonrpc: '2.0', id: 1, result: {} },
        { jsonrpc: '2.0', id: 2, error: { code: -32601, message: 'Method not found' } },
      ],
      undefined,
      'basic/index#batching',
    );
    add(
      'jsonrpc',
      'batch with an invalid member',
      'request',
      'ping',
      false,
      [ping, { jsonrpc: '2.0', id: null, method: 'ping' }],
      'every member of a batch must be a valid message (id null)',
      'basic/index#batching',
    );
    add(
      'jsonrpc',
      'batch mixing requests and responses',
      'request',
      'ping',
      false,
      [ping, { jsonrpc: '2.0', id: 3, result: {} }],
      'a batch holds requests/notifications or responses, not both',
      'basic/index#batching',
    );
  } else if (rev !== MODERN) {
    add(
      'jsonrpc',
      'batch where batches are not allowed',
      'request',
      'ping',
      false,
      [ping, note],
      `JSON-RPC batches exist only in 2025-03-26, not in ${rev}`,
      'basic/index',
    );
  } else {
    add(
      'jsonrpc',
      'batch where batches are not allowed',
      'request',
      'tools/list',
      false,
      [message('request', 'tools/list', listParams)],
      'JSON-RPC batches exist only in 2025-03-26',
      'basic/index',
    );
  }
  eraFixtures(rev, add);
  return out;
}

const audio = { type: 'audio', data: 'UklGRg==', mimeType: 'audio/wav' };

/** Fixtures that pin the differences between revisions. */
function eraFixtures(rev, add) {
  const r = (name, method, valid, res, why, spec) =>
    add(AREA(method), name, 'result', method, valid, { jsonrpc: '2.0', id: 1, result: res }, why, spec);
  const spec = 'server/tools';
  // audio content: added in 2025-03-26
  r(
    'tools/call result with audio content',
    'tools/call',
    at(rev, '2025-03-26'),
    result(rev, { content: [audio] }),
    'audio content does not exist before 2025-03-26',
    spec,
  );
  // In 2026-07-28 the official schema lets any result with a resultType pass as an InputRequiredResult, so these
  // two are only invalid before it (core also rejects them in 2026-07-28: see packages/core/test/schemas*.test.ts).
  if (rev !== MODERN) {
    r(
      'tools/call result with an unknown content type',
      'tools/call',
      false,
      result(rev, { content: [{ type: 'video', data: 'AA==' }] }),
      'content blocks are text, image, audio, resource_link or resource',
      spec,
    );
    r(
      'tools/call result without content',
      'tools/call',
      false,
      result(rev, { isError: false }),
      'content is required',
      spec,
    );
  }
  // structured output: a declared field from 2025-06-18, an unknown extra field before (kept, not rejected)
  r(
    'tools/call result with structuredContent',
    'tools/call',
    true,
    result(rev, { content: [text], structuredContent: { temperature: 21.5 } }),
    undefined,
    spec,
  );
  r(
    'tools/call result with extra fields',
    'tools/call',
    true,
    result(rev, { content: [text], vendorField: { anything: true } }),
    undefined,
    spec,
  );
  if (at(rev, '2025-06-18') && rev !== MODERN) {
    r(
      'tools/call result with structuredContent not an object',
      'tools/call',
      false,
      result(rev, { content: [text], structuredContent: [1, 2] }),
      'structuredContent is an object in 2025-06-18 and 2025-11-25',
      spec,
    );
  } else {
    r(
      'tools/call result with structuredContent as an array',
      'tools/call',
      true,
      result(rev, { content: [text], structuredContent: [1, 2] }),
      undefined,
      spec,
    );
  }
  // resource links: 2025-06-18
  const link = { type: 'resource_link', uri: 'file:///a.txt', name: 'a.txt' };
  r(
    'tools/call result with a resource link',
    'tools/call',
    at(rev, '2025-06-18'),
    result(rev, { content: [link] }),
    'resource_link content does not exist before 2025-06-18',
    spec,
  );
  // tools with output schemas and icons are extra fields earlier, typed later
  r(
    'tools/list result with outputSchema',
    'tools/list',
    true,
    result(
      rev,
      { tools: [{ ...tool, outputSchema: { type: 'object', properties: { t: { type: 'number' } } } }] },
      true,
    ),
    undefined,
    spec,
  );
  r(
    'tools/list result with a tool without inputSchema',
    'tools/list',
    false,
    result(rev, { tools: [{ name: 'x' }] }, true),
    'inputSchema is required',
    spec,
  );
  if (at(rev, '2025-06-18') && rev !== MODERN) {
    r(
      'tools/list result with an outputSchema of type array',
      'tools/list',
      false,
      result(rev, { tools: [{ ...tool, outputSchema: { type: 'array' } }] }, true),
      'outputSchema must have type "object"',
      spec,
    );
  }
  if (at(rev, '2025-11-25')) {
    r(
      'tools/list result with tool icons',
      'tools/list',
      true,
      result(
        rev,
        {
          tools: [
            {
              ...tool,
              icons: [{ src: 'https://example.com/icon.png', mimeType: 'image/png', sizes: ['48x48'] }],
            },
          ],
        },
        true,
      ),
      undefined,
      spec,
    );
    r(
      'tools/list result with an icon without src',
      'tools/list',
      false,
      result(rev, { tools: [{ ...tool, icons: [{ mimeType: 'image/png' }] }] }, true),
      'icon.src is required',
      spec,
    );
  }
  // sampling content
  if (rev !== MODERN) {
    const sm = (content) => ({
      jsonrpc: '2.0',
      id: 1,
      method: 'sampling/createMessage',
      params: { messages: [{ role: 'user', content }], maxTokens: 10 },
    });
    add(
      'sampling',
      'sampling with audio content',
      'request',
      'sampling/createMessage',
      at(rev, '2025-03-26'),
      sm(audio),
      'audio content does not exist before 2025-03-26',
      'client/sampling',
    );
    add(
      'sampling',
      'sampling with an array of content blocks',
      'request',
      'sampling/createMessage',
      at(rev, '2025-11-25'),
      sm([text, text]),
      'arrays of sampling content exist from 2025-11-25',
      'client/sampling',
    );
  }
  // 2025-11-25: tasks, URL elicitation, optional requestId on cancel
  if (rev === '2025-11-25') {
    r('tools/call answered with a task', 'tools/call', true, { task }, undefined, 'basic/utilities/tasks');
    add(
      'elicitation',
      'URL-mode elicitation',
      'request',
      'elicitation/create',
      true,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'elicitation/create',
        params: { mode: 'url', message: 'Sign in', elicitationId: 'e-1', url: 'https://example.com/auth' },
      },
      undefined,
      'client/elicitation',
    );
    add(
      'elicitation',
      'URL-mode elicitation without elicitationId',
      'request',
      'elicitation/create',
      false,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'elicitation/create',
        params: { mode: 'url', message: 'Sign in', url: 'https://example.com/auth' },
      },
      'elicitationId is required in URL mode',
      'client/elicitation',
    );
    add(
      'utilities',
      'cancel without requestId',
      'notification',
      'notifications/cancelled',
      true,
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { reason: 'stop' } },
      undefined,
      'basic/utilities/cancellation',
    );
    add(
      'jsonrpc',
      'URL elicitation required error',
      'error',
      'tools/call',
      true,
      {
        jsonrpc: '2.0',
        id: 1,
        error: {
          code: -32042,
          message: 'Authorization required',
          data: {
            elicitations: [
              { mode: 'url', message: 'Sign in', elicitationId: 'e-1', url: 'https://example.com/auth' },
            ],
          },
        },
      },
      undefined,
      'client/elicitation',
    );
  }
  // 2026-07-28: resultType, caching, MRTR, per-request _meta
  if (rev === MODERN) {
    const m = 'tools/call';
    r(
      'tools/call result without resultType',
      m,
      false,
      { content: [text] },
      'resultType is required in 2026-07-28',
      spec,
    );
    r(
      'tools/list result without caching hints',
      'tools/list',
      false,
      { resultType: 'complete', tools: [tool] },
      'ttlMs and cacheScope are required on cacheable results',
      'server/utilities/caching',
    );
    r(
      'tools/list result with a negative ttlMs',
      'tools/list',
      false,
      { resultType: 'complete', ttlMs: -1, cacheScope: 'public', tools: [] },
      'ttlMs must be >= 0',
      'server/utilities/caching',
    );
    r(
      'tools/list result with cacheScope shared',
      'tools/list',
      false,
      { resultType: 'complete', ttlMs: 0, cacheScope: 'shared', tools: [] },
      'cacheScope is public or private',
      'server/utilities/caching',
    );
    r(
      'tools/call input required',
      m,
      true,
      {
        resultType: 'input_required',
        inputRequests: {
          'ask-name': {
            method: 'elicitation/create',
            params: { message: 'Your name?', requestedSchema: formSchema },
          },
          roots: { method: 'roots/list' },
        },
        requestState: 'opaque-1',
      },
      undefined,
      'basic/patterns/mrtr',
    );
    r(
      'tools/call input required with an unknown input request',
      m,
      false,
      { resultType: 'input_required', inputRequests: { x: { method: 'tools/list' } } },
      'input requests are sampling/createMessage, roots/list or elicitation/create',
      'basic/patterns/mrtr',
    );
    add(
      'tools',
      'tools/call retry with input responses',
      'request',
      m,
      true,
      {
        jsonrpc: '2.0',
        id: 2,
        method: m,
        params: params(rev, {
          name: 'echo',
          arguments: { text: 'hi' },
          inputResponses: {
            'ask-name': { action: 'accept', content: { name: 'Ada' } },
            roots: { roots: [] },
          },
          requestState: 'opaque-1',
        }),
      },
      undefined,
      'basic/patterns/mrtr',
    );
    add(
      'tools',
      'tools/call without _meta',
      'request',
      m,
      false,
      { jsonrpc: '2.0', id: 1, method: m, params: { name: 'echo' } },
      'every request carries _meta with protocolVersion and clientCapabilities',
      'basic/index',
    );
    add(
      'tools',
      'tools/call with _meta missing clientCapabilities',
      'request',
      m,
      false,
      {
        jsonrpc: '2.0',
        id: 1,
        method: m,
        params: { name: 'echo', _meta: { 'io.modelcontextprotocol/protocolVersion': rev } },
      },
      'clientCapabilities is required in _meta',
      'basic/index',
    );
    add(
      'tools',
      'tools/call with a log level in _meta',
      'request',
      m,
      true,
      {
        jsonrpc: '2.0',
        id: 1,
        method: m,
        params: {
          name: 'echo',
          _meta: {
            ...reqMeta(rev)._meta,
            'io.modelcontextprotocol/logLevel': 'debug',
            'io.modelcontextprotocol/clientInfo': { name: 'c', version: '1' },
          },
        },
      },
      undefined,
      'server/utilities/logging',
    );
    add(
      'tools',
      'tools/call with an unknown log level in _meta',
      'request',
      m,
      false,
      {
        jsonrpc: '2.0',
        id: 1,
        method: m,
        params: {
          name: 'echo',
          _meta: { ...reqMeta(rev)._meta, 'io.modelcontextprotocol/logLevel': 'trace' },
        },
      },
      'logLevel must be a LoggingLevel',
      'server/utilities/logging',
    );
    add(
      'jsonrpc',
      'unsupported protocol version error',
      'error',
      m,
      true,
      {
        jsonrpc: '2.0',
        id: 1,
        error: {
          code: -32022,
          message: 'Unsupported protocol version',
          data: { supported: [rev], requested: '2099-01-01' },
        },
      },
      undefined,
      'basic/index',
    );
    r(
      'completion values over 100',
      'completion/complete',
      false,
      { resultType: 'complete', completion: { values: Array.from({ length: 101 }, (_, i) => `v${i}`) } },
      'completion values are capped at 100 items',
      'server/utilities/completion',
    );
    r(
      'subscriptions/listen result without subscriptionId',
      'subscriptions/listen',
      false,
      { resultType: 'complete', _meta: {} },
      '_meta.io.modelcontextprotocol/subscriptionId is required',
      'basic/patterns/subscriptions',
    );
  }
}

let total = 0;
for (const rev of REVISIONS) {
  const dir = `${root}${rev}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [area, list] of generate(rev)) {
    writeFileSync(`${dir}${area}.json`, `${JSON.stringify(list, null, 2)}\n`);
    total += list.length;
  }
}
console.log(`wrote ${total} fixtures for ${REVISIONS.length} revisions`);
