// A minimal, correct MCP server core in plain Node (no mcpwire code), used by the runner tests. Each
// `--break <kind>` switch violates exactly one MUST of the spec, so the matching check must catch it.
// dispatch(message) returns the messages to send back (responses and, for `sampling`, a server request).

export const SUPPORTED = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

const TOOL = {
  name: 'echo',
  description: 'Returns its text',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  annotations: { readOnlyHint: true },
};

/** How a broken server alters the id it echoes; correct servers echo it unchanged. */
function alterId(breaks, id) {
  for (const kind of breaks) id = alterIdOnce(kind, id);
  return id;
}

function alterIdOnce(breakKind, id) {
  switch (breakKind) {
    case 'id-string': // every id comes back as a string
      return String(id);
    case 'id-digits': // a string of digits comes back as a number ("0042" → 42)
      return typeof id === 'string' && /^[0-9]+$/.test(id) ? Number(id) : id;
    case 'id-big': // integers beyond 32 bits come back as strings (an int32 id store)
      return typeof id === 'number' && Math.abs(id) > 2 ** 31 - 1 ? String(id) : id;
    case 'id-unicode': // non-ASCII characters are lost (a Latin-1 round trip)
      return typeof id === 'string' ? id.replace(/[^ -~]/gu, '?') : id;
    default:
      return id;
  }
}

/** `breakKind` names one breakage, or several separated by commas. */
export function createDispatcher(breakKind) {
  const breaks = new Set((breakKind ?? '').split(',').filter((k) => k !== ''));
  let initialized = false;
  let sampled = false;

  const reply = (id, result) => ({ jsonrpc: '2.0', id: alterId(breaks, id), result });
  // An unreadable request id is omitted, as the 2025-11-25 schema wants; `null-id` sends JSON-RPC 2.0's null.
  const fail = (id, code, message) =>
    id === null
      ? { jsonrpc: '2.0', ...(breaks.has('null-id') ? { id: null } : {}), error: { code, message } }
      : { jsonrpc: '2.0', id: alterId(breaks, id), error: { code, message } };

  function dispatch(message) {
    if (Array.isArray(message))
      return [fail(null, -32600, 'Invalid Request: batches are not supported in 2025-06-18 and later')];
    if (typeof message !== 'object' || message === null || typeof message.method !== 'string') {
      if (message && ('result' in message || 'error' in message)) return [];
      return [fail(null, -32600, 'Invalid Request')];
    }
    const { id, method, params = {} } = message;
    if (id === undefined) {
      if (method === 'notifications/initialized') initialized = true;
      const out = breaks.has('reply-notification') ? [{ jsonrpc: '2.0', id: null, result: {} }] : [];
      if (breaks.has('sampling') && initialized && !sampled) {
        sampled = true;
        out.push({
          jsonrpc: '2.0',
          id: 'srv-1',
          method: 'sampling/createMessage',
          params: { messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 10 },
        });
      }
      return out;
    }
    switch (method) {
      case 'initialize': {
        const requested = params.protocolVersion;
        const version = SUPPORTED.includes(requested) || breaks.has('version') ? requested : SUPPORTED[0];
        return [
          reply(id, {
            protocolVersion: version,
            capabilities: { tools: {} },
            serverInfo: { name: 'mini-server', version: '1.0.0' },
          }),
        ];
      }
      case 'ping':
        return [reply(id, {})];
      case 'tools/list': {
        const tool = breaks.has('tool-schema')
          ? { ...TOOL, inputSchema: { properties: TOOL.inputSchema.properties } }
          : TOOL;
        return [reply(id, { tools: [tool] })];
      }
      case 'tools/call':
        if (params.name !== 'echo' && breaks.has('unknown-tool-result'))
          return [
            reply(id, { content: [{ type: 'text', text: `Unknown tool: ${params.name}` }], isError: true }),
          ];
        if (params.name !== 'echo') return [fail(id, -32602, `Unknown tool: ${params.name}`)];
        return [reply(id, { content: [{ type: 'text', text: String(params.arguments?.text ?? '') }] })];
      default:
        if (breaks.has('unknown-method-result')) return [reply(id, {})];
        if (breaks.has('result-and-error'))
          return [{ ...fail(id, -32601, `Method not found: ${method}`), result: {} }];
        return [fail(id, -32601, `Method not found: ${method}`)];
    }
  }
  return { dispatch };
}

export function parse(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
