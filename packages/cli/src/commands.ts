/** The commands: each prints human output (or one JSON document with --json) and returns an exit code. */
import type { CallOptions, CallToolResult, Client } from '@mcpwire/client';
import { collect } from '@mcpwire/client';
import type { JsonObject, Tool } from '@mcpwire/core';
import { type ParsedArgs, UsageError } from './args.js';
import { formatTable, type Io, ProgressBar, type Style } from './output.js';
import { closestNames } from './suggest.js';
import { buildToolArguments, missingRequired } from './tool-args.js';

export interface CommandContext {
  client: Client;
  args: ParsedArgs;
  io: Io;
  style: Style;
  /** Options every request gets: timeout and the interrupt signal. */
  callOptions: CallOptions;
}

const EXIT_OK = 0;
const EXIT_FAILED = 1;

/** Terminal width for tables; no truncation when the output goes to a file or a pipe. */
function width(io: Io): number {
  return io.stdout.isTTY === true ? (io.stdout.columns ?? 100) : Number.POSITIVE_INFINITY;
}

function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export async function info(ctx: CommandContext): Promise<number> {
  const { client, io, style } = ctx;
  const report = {
    serverInfo: client.serverInfo ?? null,
    revision: client.revision,
    era: client.era,
    capabilities: client.serverCapabilities ?? null,
    instructions: client.instructions ?? null,
  };
  if (ctx.args.json) {
    printJson(io, report);
    return EXIT_OK;
  }
  const server = client.serverInfo;
  const lines = [
    `${style.bold('Server')}        ${server ? `${server.name} ${server.version}` : '(not announced)'}${server?.title ? ` — ${server.title}` : ''}`,
    `${style.bold('Revision')}      ${client.revision} (${client.era})`,
    `${style.bold('Capabilities')}  ${describeCapabilities(client.serverCapabilities)}`,
  ];
  if (client.instructions) lines.push(`${style.bold('Instructions')}`, client.instructions.trimEnd());
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

function describeCapabilities(capabilities: JsonObject | undefined): string {
  if (capabilities === undefined) return '(unknown)';
  const parts = Object.entries(capabilities).map(([name, value]) => {
    const flags =
      typeof value === 'object' && value !== null
        ? Object.entries(value as JsonObject)
            .filter(([, flag]) => flag === true)
            .map(([flag]) => flag)
        : [];
    return flags.length > 0 ? `${name} (${flags.join(', ')})` : name;
  });
  return parts.length > 0 ? parts.join(', ') : '(none)';
}

function argumentSummary(tool: Tool): string {
  const schema = tool.inputSchema as { properties?: Record<string, { type?: unknown }>; required?: string[] };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .map(
      ([name, property]) =>
        `${name}${required.has(name) ? '' : '?'}${typeof property.type === 'string' ? `:${property.type}` : ''}`,
    )
    .join(' ');
}

export async function toolsList(ctx: CommandContext): Promise<number> {
  const tools = await collect(ctx.client.tools(ctx.callOptions));
  if (ctx.args.json) printJson(ctx.io, { tools });
  else if (tools.length === 0) ctx.io.stdout.write('No tools.\n');
  else {
    const rows = tools.map((tool) => [
      tool.name,
      argumentSummary(tool),
      tool.description ?? tool.title ?? '',
    ]);
    ctx.io.stdout.write(formatTable(['NAME', 'ARGUMENTS', 'DESCRIPTION'], rows, ctx.style, width(ctx.io)));
  }
  return EXIT_OK;
}

export async function toolsCall(ctx: CommandContext, name: string | undefined): Promise<number> {
  if (name === undefined)
    throw new UsageError(
      'tools call: expected a tool name (mcpwire tools call <name> --arg k=v), received none',
    );
  const tools = await ctx.client.listAllTools(ctx.callOptions);
  const tool = tools.find((candidate) => candidate.name === name);
  if (tool === undefined) {
    const close = closestNames(
      name,
      tools.map((candidate) => candidate.name),
    );
    throw new UsageError(
      `Unknown tool "${name}": expected one of the server's ${tools.length} tools.` +
        (close.length > 0 ? ` Did you mean: ${close.join(', ')}?` : ' Run "mcpwire tools list" to see them.'),
    );
  }
  const args = buildToolArguments(tool, ctx.args.args, ctx.args.argsJson);
  const missing = missingRequired(tool, args);
  if (missing.length > 0) {
    throw new UsageError(
      `tools call ${name}: expected the required argument${missing.length > 1 ? 's' : ''} ${missing.map((key) => `--arg ${key}=…`).join(' ')}, received none`,
    );
  }
  const bar = new ProgressBar(ctx.io, ctx.args.verbose);
  let result: CallToolResult;
  try {
    result = await ctx.client.callTool(name, args, {
      ...ctx.callOptions,
      resetTimeoutOnProgress: true,
      onprogress: (progress) => bar.update(progress.progress, progress.total, progress.message),
    });
  } finally {
    bar.clear();
  }
  if (ctx.args.json) printJson(ctx.io, result);
  else printToolResult(ctx, result);
  return result.isError === true ? EXIT_FAILED : EXIT_OK;
}

function printToolResult(ctx: CommandContext, result: CallToolResult): void {
  const out = result.isError === true ? ctx.io.stderr : ctx.io.stdout;
  if (result.isError === true) out.write(ctx.style.red('Tool returned an error:\n'));
  let printed = false;
  for (const block of result.content ?? []) {
    out.write(`${describeBlock(block as unknown as JsonObject)}\n`);
    printed = true;
  }
  if (result.structuredContent !== undefined && !printed) {
    out.write(`${JSON.stringify(result.structuredContent, null, 2)}\n`);
  }
}

function describeBlock(block: JsonObject): string {
  switch (block.type) {
    case 'text':
      return String(block.text);
    case 'image':
    case 'audio':
      return `[${block.type} ${block.mimeType}, ${Math.floor((String(block.data).length * 3) / 4)} bytes]`;
    case 'resource_link':
      return `[resource link] ${block.uri}${block.name ? ` (${block.name})` : ''}`;
    case 'resource': {
      const resource = block.resource as JsonObject;
      return typeof resource.text === 'string'
        ? resource.text
        : `[embedded resource ${resource.uri}, ${resource.mimeType ?? 'binary'}]`;
    }
    default:
      return JSON.stringify(block);
  }
}

export async function resourcesList(ctx: CommandContext): Promise<number> {
  const resources = await collect(ctx.client.resources(ctx.callOptions));
  if (ctx.args.json) printJson(ctx.io, { resources });
  else if (resources.length === 0) ctx.io.stdout.write('No resources.\n');
  else {
    const rows = resources.map((r) => [
      r.uri,
      r.mimeType ?? '',
      r.name + (r.description ? ` — ${r.description}` : ''),
    ]);
    ctx.io.stdout.write(formatTable(['URI', 'MIME', 'NAME'], rows, ctx.style, width(ctx.io)));
  }
  return EXIT_OK;
}

export async function resourcesRead(ctx: CommandContext, uri: string | undefined): Promise<number> {
  if (uri === undefined)
    throw new UsageError(
      'resources read: expected a resource URI (mcpwire resources read <uri>), received none',
    );
  const result = await ctx.client.readResource(uri, ctx.callOptions);
  if (ctx.args.json) {
    printJson(ctx.io, result);
    return EXIT_OK;
  }
  for (const content of result.contents as unknown as JsonObject[]) {
    if (typeof content.text === 'string')
      ctx.io.stdout.write(content.text.endsWith('\n') ? content.text : `${content.text}\n`);
    else
      ctx.io.stdout.write(
        `[binary ${content.uri} ${content.mimeType ?? ''}, ${Math.floor((String(content.blob).length * 3) / 4)} bytes; use --json for the base64]\n`,
      );
  }
  return EXIT_OK;
}

export async function promptsList(ctx: CommandContext): Promise<number> {
  const prompts = await collect(ctx.client.prompts(ctx.callOptions));
  if (ctx.args.json) printJson(ctx.io, { prompts });
  else if (prompts.length === 0) ctx.io.stdout.write('No prompts.\n');
  else {
    const rows = prompts.map((p) => [
      p.name,
      (p.arguments ?? []).map((a) => `${a.name}${a.required ? '' : '?'}`).join(' '),
      p.description ?? p.title ?? '',
    ]);
    ctx.io.stdout.write(formatTable(['NAME', 'ARGUMENTS', 'DESCRIPTION'], rows, ctx.style, width(ctx.io)));
  }
  return EXIT_OK;
}

export async function promptsGet(ctx: CommandContext, name: string | undefined): Promise<number> {
  if (name === undefined)
    throw new UsageError(
      'prompts get: expected a prompt name (mcpwire prompts get <name> --arg k=v), received none',
    );
  const prompts = await collect(ctx.client.prompts(ctx.callOptions));
  const prompt = prompts.find((candidate) => candidate.name === name);
  if (prompt === undefined) {
    const close = closestNames(
      name,
      prompts.map((candidate) => candidate.name),
    );
    throw new UsageError(
      `Unknown prompt "${name}": expected one of the server's ${prompts.length} prompts.${close.length > 0 ? ` Did you mean: ${close.join(', ')}?` : ''}`,
    );
  }
  const args: Record<string, string> = {};
  for (const { key, value } of ctx.args.args) args[key] = value;
  const missing = (prompt.arguments ?? []).filter((a) => a.required && !(a.name in args)).map((a) => a.name);
  if (missing.length > 0) {
    throw new UsageError(
      `prompts get ${name}: expected the required argument${missing.length > 1 ? 's' : ''} ${missing.map((key) => `--arg ${key}=…`).join(' ')}, received none`,
    );
  }
  const result = await ctx.client.getPrompt(name, args, ctx.callOptions);
  if (ctx.args.json) {
    printJson(ctx.io, result);
    return EXIT_OK;
  }
  if (result.description) ctx.io.stdout.write(`${ctx.style.dim(result.description)}\n`);
  for (const message of result.messages) {
    ctx.io.stdout.write(
      `${ctx.style.bold(`${message.role}:`)} ${describeBlock(message.content as unknown as JsonObject)}\n`,
    );
  }
  return EXIT_OK;
}

export async function ping(ctx: CommandContext): Promise<number> {
  const started = performance.now();
  await ctx.client.ping(ctx.callOptions);
  const ms = Math.round((performance.now() - started) * 10) / 10;
  if (ctx.args.json) printJson(ctx.io, { ok: true, ms });
  else ctx.io.stdout.write(`${ctx.style.green('pong')} (${ms} ms)\n`);
  return EXIT_OK;
}
