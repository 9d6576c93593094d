// The lean stdio client of the benchmarks (bench/server-stdio.mjs, bench/client-stdio.mjs): newline JSON
// over a child's pipes, responses matched by id, nothing else. It is the ceiling a client is measured
// against, and the neutral driver a server is measured with.
import { spawn } from 'node:child_process';

export class LeanStdioClient {
  /**
   * `env`: variables added to this process's environment for the child. `detached`: start the server in a
   * session (and process group) of its own, as StdioClientTransport does so that closing reaches the whole
   * process tree; where Linux groups scheduling by session (autogroup), that alone changes how a busy
   * machine shares its CPU with the server.
   */
  constructor(args, env, { detached = false } = {}) {
    this.child = spawn(process.execPath, args, {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: env === undefined ? process.env : { ...process.env, ...env },
      detached,
    });
    this.waiting = new Map();
    this.nextId = 1;
    this.buffer = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      this.buffer += chunk;
      let newline = this.buffer.indexOf('\n');
      while (newline !== -1) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        newline = this.buffer.indexOf('\n');
        const message = JSON.parse(line);
        const resolve = this.waiting.get(message.id);
        if (resolve !== undefined) {
          this.waiting.delete(message.id);
          resolve(message);
        }
      }
    });
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  }

  /** The legacy handshake: initialize with `protocolVersion`, then notifications/initialized. */
  async initialize(protocolVersion = '2025-06-18') {
    const response = await this.request('initialize', {
      protocolVersion,
      capabilities: {},
      clientInfo: { name: 'lean-bench-client', version: '1' },
    });
    if (response.result === undefined) throw new Error(`initialize failed: ${JSON.stringify(response)}`);
    this.child.stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
  }

  async close() {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await new Promise((resolve) => this.child.once('exit', resolve));
    clearTimeout(timer);
  }
}
