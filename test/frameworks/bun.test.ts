/**
 * The Bun recipe (examples/frameworks/src/bun.ts) on a real Bun 1.4, through every scenario check; then
 * Bun's idle timeout: the handler exempts its streams through the Server Bun passes it, and a stream
 * served by a wrapper that hides the Server is cut. One Bun process serves both (./bun-idle.ts runs the
 * recipe and a second server beside it).
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runtimes, startProcess } from './recipe-process.js';
import { describeServer, openGetStream, openSession } from './scenario.js';

const SERVERS = fileURLToPath(new URL('./bun-idle.ts', import.meta.url));

/** Reads a GET stream for up to `ms`: whether it ended (or broke) meanwhile. */
async function endsWithin(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = await Promise.race([
      reader.read().then(
        (chunk) => chunk,
        () => ({ done: true as const }),
      ),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), deadline - Date.now());
      }),
    ]).finally(() => clearTimeout(timer));
    if (next === null) return false;
    if (next.done) return true;
  }
  return false;
}

let idleUrl = '';

describeServer(
  'Bun.serve',
  async () => {
    const { urls, stop } = await startProcess(runtimes.bun(SERVERS), [
      /MCP server on (http:\/\/\S+\/mcp)/,
      /Idle-timeout server on (http:\/\/\S+\/mcp)/,
    ]);
    idleUrl = urls[1]!;
    return { url: urls[0]!, stop };
  },
  () => {
    it('keeps a GET stream open past Bun’s idle timeout (cut when the handler cannot see Bun’s Server)', async () => {
      const open = async (url: string) => {
        const abort = new AbortController();
        const reader = await openGetStream(url, await openSession(url), abort.signal);
        return { reader, abort };
      };
      // The exempt stream opens first, so it has been idle at least as long as the wrapped one.
      const direct = await open(idleUrl);
      const wrapped = await open(idleUrl.replace(/\/mcp$/, '/wrapped'));
      try {
        // Keep-alive comments do not count as activity for Bun: the wrapped stream is cut (2 s idle,
        // checked in ticks of a few seconds; a loaded machine may be slower still, hence the wide limit).
        expect(await endsWithin(wrapped.reader, 40_000)).toBe(true);
        // `server.timeout(request, 0)` exempted the direct one: it outlives a further tick.
        expect(await endsWithin(direct.reader, 5000)).toBe(false);
      } finally {
        direct.abort.abort();
        wrapped.abort.abort();
      }
    }, 60_000);
  },
);
