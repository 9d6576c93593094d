/** Node-only: resolves hostnames with the system resolver, for the SSRF guard. */
import { lookup } from 'node:dns/promises';
import type { HostResolver } from './url-policy.js';

/** Resolves a hostname with `node:dns` (all addresses), so the SSRF guard can classify where a URL leads. */
export const nodeResolver: HostResolver = async (hostname) => {
  const results = await lookup(hostname, { all: true, verbatim: true });
  return results.map((r) => r.address);
};
