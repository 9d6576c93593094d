/**
 * Opaque list cursors (server/utilities/pagination): base64url of "<list>:<offset>:<check>", where the
 * check is a keyed hash so a cursor from another list, another server, or a hand-edited one is refused
 * with -32602 instead of silently returning the wrong page.
 */
import { ErrorCode, ProtocolError } from '@mcpwire/core/runtime';

export interface Page<T> {
  items: T[];
  nextCursor: string | undefined;
}

/** FNV-1a over the salt and the text: cheap, synchronous, and enough to catch tampering by accident. */
function checksum(salt: string, text: string): string {
  let hash = 0x811c9dc5;
  const input = salt + text;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
}

export class Paginator {
  constructor(
    /** Where the checksum salt comes from (read on first use: it may be drawn lazily). */
    private readonly secret: { readonly salt: string },
    /** Items per page; 0 or Infinity means everything in one page. */
    readonly pageSize: number,
  ) {}

  encode(list: string, offset: number): string {
    const body = `${list}:${offset}`;
    return toBase64Url(`${body}:${checksum(this.secret.salt, body)}`);
  }

  decode(list: string, cursor: string): number {
    let text: string;
    try {
      text = fromBase64Url(cursor);
    } catch {
      throw invalidCursor(list, cursor);
    }
    const [kind, offsetText, check, extra] = text.split(':');
    const offset = Number(offsetText);
    if (
      extra !== undefined ||
      kind !== list ||
      !Number.isSafeInteger(offset) ||
      offset < 0 ||
      check !== checksum(this.secret.salt, `${kind}:${offsetText}`)
    ) {
      throw invalidCursor(list, cursor);
    }
    return offset;
  }

  page<T>(list: string, all: readonly T[], cursor: string | undefined): Page<T> {
    const start = cursor === undefined ? 0 : this.decode(list, cursor);
    if (start > all.length) throw invalidCursor(list, cursor!);
    const size = this.pageSize > 0 ? this.pageSize : Number.POSITIVE_INFINITY;
    const end = Math.min(all.length, start + size);
    return {
      items: start === 0 && end === all.length ? (all as T[]) : all.slice(start, end),
      nextCursor: end < all.length ? this.encode(list, end) : undefined,
    };
  }
}

function invalidCursor(list: string, cursor: string): ProtocolError {
  const shown = cursor.length > 60 ? `${cursor.slice(0, 60)}…` : cursor;
  return new ProtocolError(
    ErrorCode.InvalidParams,
    `Invalid params: expected a cursor returned by a previous ${list} response, received ${JSON.stringify(shown)}`,
  );
}
