/** @mcpwire/cli — the `mcpwire` command as a function, for embedding and tests. */
export { type ParsedArgs, parseArgs, UsageError } from './args.js';
export type { Io } from './output.js';
export { EXIT_INTERRUPTED, EXIT_USAGE, type RunOptions, runCli } from './run.js';
export { splitCommandLine } from './shell-split.js';
export { closestNames, editDistance } from './suggest.js';
