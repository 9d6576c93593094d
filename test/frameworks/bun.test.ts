/**
 * The Bun recipe (examples/frameworks/src/bun.ts) on a real Bun 1.4, through every scenario check; then
 * Bun's idle timeout: the handler exempts its streams through the Server Bun passes it, and a stream
 * served by a wrapper that hides the Server is cut.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runtimes, startRecipe } from './recipe-process.js';
import { describeServer, openGetStream, openSession } from './scenario.js';

const IDLE_SERVER = fileURLToPath(new URL('./bun-idle.ts', import.meta.url));

/** Reads a GET stream for `ms`: whether it ended (or broke) meanwhile. */
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

describeServer(
  'Bun.serve',
  () => startRecipe(runtimes.bun('src/bun.ts')),
  () => {
    it('keeps a GET stream open past Bun’s idle timeout (cut when the handler cannot see Bun’s Server)', async () => {
      const bun = await startRecipe(runtimes.bun(IDLE_SERVER));
      try {
        const watchStream = async (url: string): Promise<boolean> => {
          const session = await openSession(url);
          const abort = new AbortController();
          const reader = await openGetStream(url, session, abort.signal);
          // Idle timeout 2 s, checked in 4 s ticks by Bun: 5 s is past it whichever tick it falls on.
          const ended = await endsWithin(reader, 5000);
          abort.abort();
          return ended;
        };
        // Keep-alive comments do not count as activity for Bun; `server.timeout(request, 0)` does.
        const [direct, wrapped] = await Promise.all([
          watchStream(bun.url),
          watchStream(bun.url.replace(/\/mcp$/, '/wrapped')),
        ]);
        expect({ direct, wrapped }).toEqual({ direct: false, wrapped: true });
      } finally {
        await bun.stop();
      }
    }, 30_000);
  },
);
