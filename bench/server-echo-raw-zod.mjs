// A raw Node echo server that also loads zod (the floor for any server whose tools take zod schemas; used by
// bench/cold-start.mjs).
import { importZod } from './import-zod.mjs';

await importZod(new URL('../packages/server/package.json', import.meta.url));
await import('./server-echo-raw.mjs');
