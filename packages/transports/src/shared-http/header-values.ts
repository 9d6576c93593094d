/**
 * 2026-07-28 header value encoding (streamable-http §Value Encoding): values that are not plain visible
 * ASCII (or that look like the sentinel itself) travel as `=?base64?<base64 of UTF-8>?=`.
 * Runtime-neutral: btoa/atob and TextEncoder exist in Node, Bun, Deno, browsers and Workers.
 */

const PREFIX = '=?base64?';
const SUFFIX = '?=';
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** True when `value` can be sent as a header value as-is (visible ASCII, space or tab, no edge whitespace). */
export function isPlainHeaderValue(value: string): boolean {
  const length = value.length;
  if (length === 0) return true;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(length - 1);
  if (first === 32 || first === 9 || last === 32 || last === 9) return false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 9) || c > 0x7e) return false;
  }
  return !(value.startsWith(PREFIX) && value.endsWith(SUFFIX));
}

/** Encodes a value for Mcp-Name / Mcp-Param-*: as-is when plain, else with the base64 sentinel. */
export function encodeHeaderValue(value: string): string {
  if (isPlainHeaderValue(value)) return value;
  const bytes = utf8Encoder.encode(value);
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return PREFIX + btoa(binary) + SUFFIX;
}

/**
 * Decodes a received Mcp-Name / Mcp-Param-* value. Returns undefined when the value holds characters a
 * header may not hold, or when the sentinel wraps something that is not base64 of valid UTF-8.
 */
export function decodeHeaderValue(raw: string): string | undefined {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c < 0x20 && c !== 9) || c > 0x7e) return undefined;
  }
  if (!(raw.startsWith(PREFIX) && raw.endsWith(SUFFIX) && raw.length >= PREFIX.length + SUFFIX.length)) {
    return raw;
  }
  const encoded = raw.slice(PREFIX.length, raw.length - SUFFIX.length);
  try {
    const binary = atob(encoded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The string form of a primitive argument mirrored into a header; undefined for other types. */
export function headerStringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}
