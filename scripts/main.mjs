#!/usr/bin/env node
// The main job (README quick start): the conformance runner judges the bundled reference server over
// stdio and over HTTP (Streamable HTTP at /mcp, both eras; legacy HTTP+SSE at /sse), printing each report.
// Exit code 0 only when no MUST check failed in any run. Needs a build (`pnpm run build`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../packages/conformance/dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error(`expected a built conformance package at ${cli}; run \`pnpm run build\` first`);
  process.exit(1);
}
const node = JSON.stringify(process.execPath);
const fixtureCommand = `${node} ${JSON.stringify(cli)} fixture-server --stdio`;

function runChecks(title, args) {
  console.log(`\n=== ${title} ===`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'check-server', ...args], { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function startHttpFixture() {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [cli, 'fixture-server', '--http', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`fixture server did not print its URL in 10 s: ${output}`)),
      10_000,
    );
    server.on('exit', (code) =>
      reject(new Error(`fixture server exited with code ${code} before listening`)),
    );
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+\/mcp)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ server, mcpUrl: match[1] });
      }
    });
  });
}

const codes = [];
codes.push(await runChecks('reference server over stdio (both eras)', ['--stdio', fixtureCommand]));
const { server, mcpUrl } = await startHttpFixture();
try {
  codes.push(await runChecks(`reference server over Streamable HTTP (${mcpUrl})`, ['--url', mcpUrl]));
  const sseUrl = mcpUrl.replace(/\/mcp$/, '/sse');
  codes.push(await runChecks(`reference server over legacy HTTP+SSE (${sseUrl})`, ['--url', sseUrl]));
} finally {
  server.kill('SIGTERM');
}
const failedRuns = codes.filter((code) => code !== 0).length;
console.log(`\nmain: ${codes.length - failedRuns} of ${codes.length} runs with no MUST failure`);
process.exit(failedRuns === 0 ? 0 : 1);
