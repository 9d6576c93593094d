/**
 * examples/scale-out, as docs/deploying.md runs it: its compose-free start script (from sources, through
 * tsx) starts redis-server and two replicas; HAProxy in front sends each request to the next replica; our
 * client runs a session through it: both replicas answer, an elicitation is answered through the other
 * replica, an update made on one replica reaches the subscription. SIGTERM stops every process it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Client } from '@mcpwire/client';
import { StreamableHttpClientTransport } from '@mcpwire/transports/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from './cluster.js';
import { type RoundRobin, startRoundRobin } from './services.mjs';

// Each test is a whole session over several processes: generous for a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 120_000 });

let launcher: ChildProcess;
let balancer: RoundRobin;
let replicaUrls: string[] = [];
const pids = new Set<number>();

beforeAll(async () => {
  launcher = spawn(
    process.execPath,
    ['--import', 'tsx', 'examples/scale-out/src/start.ts', '--port', '0', '--redis-port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Expected "all ready" within 90 s: ${text}`)), 90_000);
    launcher.stdout!.on('data', (chunk: Buffer) => {
      text += chunk;
      if (text.includes('all ready\n')) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    launcher.stderr!.on('data', (chunk: Buffer) => {
      text += chunk;
    });
    launcher.once('exit', (code) =>
      reject(new Error(`Expected the launcher to keep running, it exited (${code}): ${text}`)),
    );
  });
  replicaUrls = [...output.matchAll(/replica ready at (http:\/\/\S+)\/mcp/g)].map((m) => m[1]!);
  balancer = await startRoundRobin(replicaUrls.map((url) => new URL(url).host));
  // Generous: three processes compiling through tsx at once take long on a loaded 2-core CI machine.
}, 120_000);

afterAll(async () => {
  await balancer?.stop();
  if (launcher !== undefined && launcher.exitCode === null) {
    const exited = new Promise((resolve) => launcher.once('exit', resolve));
    launcher.kill('SIGTERM');
    await exited;
  }
});

describe('examples/scale-out: redis-server and two replicas behind a round-robin balancer', () => {
  it('serves one session from both replicas', async () => {
    expect(replicaUrls).toHaveLength(2);
    const updates: string[] = [];
    const client = new Client(
      { name: 'example-client', version: '1.0.0' },
      {
        revision: '2025-11-25',
        handlers: { elicitation: async () => ({ action: 'accept', content: { sure: true } }) },
        onResourceUpdated: (uri) => void updates.push(uri),
      },
    );
    await client.connect(new StreamableHttpClientTransport(`${balancer.url}/mcp`));
    try {
      for (let i = 0; i < 4; i++) {
        const text = (await client.callTool('whoami')).content[0];
        pids.add(Number(/pid (\d+)/.exec((text as { text: string }).text)?.[1]));
      }
      expect(pids.size).toBe(2);
      for (const action of ['deploy', 'rollback']) {
        const answer = (await client.callTool('confirm', { action })).content[0] as { text: string };
        expect(answer.text).toMatch(new RegExp(`^${action}: done \\(pid \\d+\\)$`));
      }
      await client.subscribeResource('demo://clock');
      expect((await client.callTool('tick')).content[0]).toMatchObject({ text: 'ticked' });
      await eventually(() => updates.length === 1);
      expect(updates).toEqual(['demo://clock']);
    } finally {
      await client.close();
    }
  });

  it('stops redis-server and both replicas on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', resolve));
    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of pids) {
      expect(() => process.kill(pid, 0)).toThrow();
    }
    const down = await fetch(`${replicaUrls[0]}/mcp`, { method: 'POST' }).then(
      () => 'answered',
      () => 'refused',
    );
    expect(down).toBe('refused');
  });
});
