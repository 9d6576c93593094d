/**
 * 2026-07-28 Server Validation (streamable-http §Request Metadata): the headers that mirror the body
 * (MCP-Protocol-Version, Mcp-Method, Mcp-Name, Mcp-Param-*) must be present and agree with it.
 */
import {
  ErrorCode,
  type JSONRPCRequest,
  type JsonObject,
  META_CLIENT_CAPABILITIES,
  MODERN_REVISIONS,
} from '@mcpwire/core/runtime';
import {
  HEADER_METHOD,
  HEADER_NAME,
  HEADER_PARAM_PREFIX,
  HEADER_PROTOCOL_VERSION,
  META_PROTOCOL_VERSION,
  NAMED_METHODS,
} from '../../shared-http/header-names.js';
import { decodeHeaderValue, headerStringOf } from '../../shared-http/header-values.js';
import type { HeaderReader } from './http-io.js';

/** An argument of a tool that the server mirrors into `Mcp-Param-<header>` (from `x-mcp-header`). */
export interface ParamHeader {
  /** The `x-mcp-header` value (the part after `Mcp-Param-`). */
  header: string;
  /** Property path inside `arguments` (a chain of `properties` keys). */
  path: readonly string[];
  /** Integers compare numerically (`42.0` equals `42`). */
  type?: 'string' | 'integer' | 'boolean';
}

export interface ValidationFailure {
  status: number;
  code: number;
  message: string;
  data?: unknown;
}

const MODERN: ReadonlySet<string> = new Set(MODERN_REVISIONS);

export function metaProtocolVersion(message: JSONRPCRequest): unknown {
  const meta = message.params?._meta as JsonObject | undefined;
  return typeof meta === 'object' && meta !== null ? meta[META_PROTOCOL_VERSION] : undefined;
}

function mismatch(message: string): ValidationFailure {
  return { status: 400, code: ErrorCode.HeaderMismatch, message: `Header mismatch: ${message}` };
}

export function validateModernHeaders(
  headers: HeaderReader,
  message: JSONRPCRequest,
  supportedVersions: readonly string[],
  paramHeaders: ((toolName: string) => readonly ParamHeader[] | undefined) | undefined,
): ValidationFailure | undefined {
  const bodyVersion = metaProtocolVersion(message);
  const headerVersion = headers.get(HEADER_PROTOCOL_VERSION);
  if (headerVersion === null) return mismatch('expected an MCP-Protocol-Version header, received none');
  if (bodyVersion === undefined) {
    return {
      status: 400,
      code: ErrorCode.InvalidParams,
      message: `Invalid params: expected _meta["${META_PROTOCOL_VERSION}"] in the request, received none`,
    };
  }
  if (headerVersion !== bodyVersion) {
    return mismatch(
      `MCP-Protocol-Version header value ${JSON.stringify(headerVersion)} does not match body value ${JSON.stringify(bodyVersion)}`,
    );
  }
  // Only a modern revision can be served statelessly; a legacy one here needs initialize instead.
  if (!supportedVersions.includes(headerVersion) || !MODERN.has(headerVersion)) {
    return {
      status: 400,
      code: ErrorCode.UnsupportedProtocolVersion,
      message: `Unsupported protocol version: expected one of ${supportedVersions.join(', ')}, received ${JSON.stringify(headerVersion)}`,
      data: { supported: [...supportedVersions], requested: headerVersion },
    };
  }
  // The envelope is checked here, not left to the engine: on HTTP a request missing a required
  // per-request field MUST get 400 (basic/index §_meta), while a handler's -32602 stays in-band with 200.
  const capabilities = (message.params?._meta as JsonObject | undefined)?.[META_CLIENT_CAPABILITIES];
  if (typeof capabilities !== 'object' || capabilities === null || Array.isArray(capabilities)) {
    return {
      status: 400,
      code: ErrorCode.InvalidParams,
      message: `Invalid params: expected _meta["${META_CLIENT_CAPABILITIES}"] to be an object, received ${capabilities === undefined ? 'none' : JSON.stringify(capabilities).slice(0, 80)}`,
    };
  }
  const method = headers.get(HEADER_METHOD);
  if (method === null) return mismatch('expected an Mcp-Method header, received none');
  if (method !== message.method) {
    return mismatch(
      `Mcp-Method header value ${JSON.stringify(method)} does not match body value ${JSON.stringify(message.method)}`,
    );
  }
  const nameField = NAMED_METHODS.get(message.method);
  if (nameField !== undefined) {
    const raw = headers.get(HEADER_NAME);
    if (raw === null) return mismatch(`expected an Mcp-Name header for ${message.method}, received none`);
    const decoded = decodeHeaderValue(raw);
    if (decoded === undefined) {
      return mismatch(
        `expected Mcp-Name to be visible ASCII or a valid base64 sentinel, received ${JSON.stringify(raw)}`,
      );
    }
    const bodyValue = message.params?.[nameField];
    if (decoded !== bodyValue) {
      return mismatch(
        `Mcp-Name header value ${JSON.stringify(decoded)} does not match body value ${JSON.stringify(bodyValue)}`,
      );
    }
    if (message.method === 'tools/call' && paramHeaders !== undefined && typeof bodyValue === 'string') {
      const declared = paramHeaders(bodyValue);
      if (declared !== undefined && declared.length > 0) {
        return validateParamHeaders(headers, message.params?.arguments, declared);
      }
    }
  }
  return undefined;
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as JsonObject)[key];
  }
  return current;
}

function validateParamHeaders(
  headers: HeaderReader,
  args: unknown,
  declared: readonly ParamHeader[],
): ValidationFailure | undefined {
  for (const param of declared) {
    const headerName = HEADER_PARAM_PREFIX + param.header;
    const raw = headers.get(headerName);
    const bodyValue = valueAt(args, param.path);
    if (bodyValue === undefined || bodyValue === null) {
      if (raw !== null) {
        return mismatch(
          `Mcp-Param-${param.header} header is present but the argument is absent from the body`,
        );
      }
      continue;
    }
    if (raw === null) {
      return mismatch(
        `expected an Mcp-Param-${param.header} header for argument ${param.path.join('.')}, received none`,
      );
    }
    const decoded = decodeHeaderValue(raw);
    if (decoded === undefined) {
      return mismatch(`Mcp-Param-${param.header} holds invalid characters or a broken base64 sentinel`);
    }
    const equal =
      typeof bodyValue === 'number'
        ? decoded.trim() !== '' && Number(decoded) === bodyValue
        : headerStringOf(bodyValue) === decoded;
    if (!equal) {
      return mismatch(
        `Mcp-Param-${param.header} header value ${JSON.stringify(decoded)} does not match body value ${JSON.stringify(bodyValue)}`,
      );
    }
  }
  return undefined;
}
