/**
 * The client address of a web-standard Request that the Node adapter built from a socket, for handlers
 * that take a Request (the legacy SSE handler) and count sessions per client. Requests built elsewhere
 * (Deno, Bun, Workers) are not known here: those handlers take a `clientKey` option instead.
 * Runtime-neutral: no Node imports.
 */
const addresses = new WeakMap<Request, string>();

export function rememberRemoteAddress(request: Request, address: string | undefined): void {
  if (address !== undefined) addresses.set(request, address);
}

export function remoteAddressOf(request: Request): string | undefined {
  return addresses.get(request);
}
