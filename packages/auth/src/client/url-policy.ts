/**
 * SSRF guard for every URL the client fetches during discovery and registration. Rules:
 * - https only; plain http only for loopback hosts, and only in development mode (allowInsecureLoopback);
 * - never private (RFC 1918, ULA), link-local (incl. the 169.254.169.254 metadata service), CGNAT,
 *   unspecified, multicast or reserved addresses, whether written literally or reached through DNS;
 * - loopback only in development mode.
 * The resolver is injectable; `nodeResolver` (node:dns) lives in its own module so this one stays portable.
 * Known limit: the address is checked before fetch resolves it again (DNS rebinding needs a pinned connector).
 */
import { AuthError, AuthErrorReason } from '../shared/errors.js';

/** Resolves a hostname to its IP addresses. */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** Which URLs the OAuth client may fetch (SSRF guard): https to public addresses by default. */
export interface UrlPolicy {
  /** Development mode: allow http:// and loopback addresses (127.0.0.0/8, ::1, localhost). */
  allowInsecureLoopback?: boolean;
  /** Allow private-network targets (an on-premises AS). Link-local and metadata addresses stay refused. */
  allowPrivateNetworks?: boolean;
  /** Resolves a hostname to addresses; without one, only literal IPs are classified. */
  resolve?: HostResolver;
}

type AddressClass = 'public' | 'loopback' | 'private' | 'forbidden';

function unsafe(url: string, why: string): AuthError {
  return new AuthError(AuthErrorReason.UnsafeUrl, `Refusing to fetch ${url}: ${why}`);
}

/** Classifies one IP address literal (v4 or v6); `undefined` when it is not an IP literal. */
export function classifyAddress(address: string): AddressClass | undefined {
  const v4 = parseIPv4(address);
  if (v4) return classifyIPv4(v4);
  if (!address.includes(':')) return undefined;
  const v6 = parseIPv6(address);
  if (!v6) return undefined;
  return classifyIPv6(v6);
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const part of parts) {
    if (part === '' || part.length > 3) return undefined;
    const n = Number(part);
    if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function classifyIPv4([a = 0, b = 0]: number[]): AddressClass {
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private';
  // 0/8 unspecified, 169.254/16 link-local (cloud metadata), 224/4 multicast, 240/4 reserved.
  if (a === 0 || (a === 169 && b === 254) || a >= 224) return 'forbidden';
  return 'public';
}

/** Parses an IPv6 literal (optionally bracketed, with zone id) into 8 hextets. */
function parseIPv6(input: string): number[] | undefined {
  let text = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (!v4) return undefined;
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) =>
    s === '' ? [] : s.split(':').map((h) => (HEXTET.test(h) ? Number.parseInt(h, 16) : Number.NaN));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const all = [...head, ...new Array<number>(Math.max(fill, 0)).fill(0), ...rest];
  if (all.length !== 8 || all.some(Number.isNaN)) return undefined;
  if (tail.length) all.splice(6, 2, ...tail);
  return all;
}

function classifyIPv6(h: number[]): AddressClass {
  const first = h[0]!;
  const allZeroTo5 = h.slice(0, 5).every((x) => x === 0);
  if (allZeroTo5 && h[5] === 0xffff) {
    // IPv4-mapped: judge the embedded IPv4 address.
    return classifyIPv4([h[6]! >> 8, h[6]! & 255, h[7]! >> 8, h[7]! & 255]);
  }
  if (h.slice(0, 7).every((x) => x === 0)) return h[7] === 1 ? 'loopback' : 'forbidden';
  if ((first & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local (incl. fd00:ec2::254)
  if ((first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00) return 'forbidden'; // link-local, multicast
  if (first === 0x2001 && h[1] === 0x0db8) return 'forbidden'; // documentation
  return 'public';
}

const HEXTET = /^[0-9a-f]{1,4}$/i;
const LOOPBACK_NAMES = new Set(['localhost', 'localhost.']);
const FORBIDDEN_NAMES = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

function isLoopbackName(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.endsWith('.localhost');
}

/** Throws AuthError(`unsafe_url`) unless the URL may be fetched under the policy. */
export async function assertSafeUrl(url: string | URL, policy: UrlPolicy = {}): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw unsafe(String(url), 'expected an absolute URL');
  }
  const text = parsed.href;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw unsafe(text, `expected an https URL, received scheme ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password) throw unsafe(text, 'expected no credentials in the URL');
  const host = parsed.hostname.toLowerCase();
  if (FORBIDDEN_NAMES.has(host)) throw unsafe(text, 'the host is a cloud metadata service');
  const literal = classifyAddress(host);
  let classes: AddressClass[];
  if (literal) classes = [literal];
  else if (isLoopbackName(host)) classes = ['loopback'];
  else if (policy.resolve) {
    let addresses: string[];
    try {
      addresses = await policy.resolve(host);
    } catch (error) {
      throw new AuthError(AuthErrorReason.UnsafeUrl, `Refusing to fetch ${text}: cannot resolve ${host}`, {
        cause: error,
      });
    }
    if (addresses.length === 0) throw unsafe(text, `${host} resolves to no address`);
    classes = addresses.map((a) => classifyAddress(a) ?? 'forbidden');
  } else classes = ['public'];
  for (const c of classes) {
    if (c === 'forbidden')
      throw unsafe(text, 'the host is a link-local, metadata, multicast or reserved address');
    if (c === 'private' && !policy.allowPrivateNetworks)
      throw unsafe(text, 'the host is a private network address');
    if (c === 'loopback' && !policy.allowInsecureLoopback) {
      throw unsafe(text, 'the host is a loopback address (allowed only in development mode)');
    }
  }
  if (
    parsed.protocol === 'http:' &&
    !(policy.allowInsecureLoopback && classes.every((c) => c === 'loopback'))
  ) {
    throw unsafe(text, 'expected https (plain http is allowed only for loopback hosts in development mode)');
  }
  return parsed;
}
