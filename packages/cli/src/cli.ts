/** The `mcpwire` executable: runs the command, exits with its code; Ctrl-C shuts the server down first. */
import { runCli } from './run.js';

const controller = new AbortController();
let interrupts = 0;
const onSignal = (): void => {
  // A second Ctrl-C gives up waiting; the stdio transport's exit hook still kills the server's group.
  if (++interrupts > 1) process.exit(130);
  controller.abort(new Error('interrupted'));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await runCli(process.argv.slice(2), {
  io: { stdout: process.stdout, stderr: process.stderr, env: process.env },
  signal: controller.signal,
});
process.exitCode = code;
// Do not wait for stray handles (keep-alive sockets); the output is flushed by the stream writes above.
setTimeout(() => process.exit(code), 50).unref();
