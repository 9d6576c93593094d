/** The `mcpwire` executable: runs the command, exits with its code; Ctrl-C shuts the server down first. */
import { runCli } from './run.js';

const controller = new AbortController();
/** 128 + signal number, as shells report it: 130 for SIGINT, 143 for SIGTERM. */
let signalExit: number | undefined;
const onSignal = (code: number) => (): void => {
  // A second signal gives up waiting; the stdio transport's exit hook still kills the server's group.
  if (signalExit !== undefined) process.exit(code);
  signalExit = code;
  controller.abort(new Error('interrupted'));
};
process.on('SIGINT', onSignal(130));
process.on('SIGTERM', onSignal(143));

const result = await runCli(process.argv.slice(2), {
  io: { stdout: process.stdout, stderr: process.stderr, env: process.env },
  signal: controller.signal,
});
const code = signalExit ?? result;
process.exitCode = code;
// Do not wait for stray handles (keep-alive sockets); the output is flushed by the stream writes above.
setTimeout(() => process.exit(code), 50).unref();
