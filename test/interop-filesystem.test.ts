/**
 * @mcpwire/client against the real @modelcontextprotocol/server-filesystem over stdio: read a real file
 * from a temporary folder, write one, stay inside the allowed folders, and steer the server with roots.
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNode, FILESYSTEM_BIN, isAlive, waitFor } from '../packages/client/test/helpers.js';

let dir: string;
let other: string;

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'mcpwire-fs-')));
  other = realpathSync(mkdtempSync(join(tmpdir(), 'mcpwire-fs-other-')));
  writeFileSync(join(dir, 'notes.txt'), 'first line\nsecond line ✓\n');
  writeFileSync(join(other, 'secret.txt'), 'not for you');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(other, { recursive: true, force: true });
});

function text(result: { content: unknown[] }): string {
  return result.content.map((block) => (block as { text?: string }).text ?? '').join('\n');
}

describe('server-filesystem over stdio', () => {
  it('reads a real file, lists and writes inside the allowed folder, and refuses paths outside it', async () => {
    const { client, transport } = await connectNode([FILESYSTEM_BIN, dir]);
    try {
      const tools = (await client.listAllTools()).map((tool) => tool.name);
      expect(tools).toEqual(expect.arrayContaining(['read_text_file', 'write_file', 'list_directory']));

      const read = await client.callTool('read_text_file', { path: join(dir, 'notes.txt') });
      expect(read.isError).not.toBe(true);
      expect(text(read)).toBe('first line\nsecond line ✓\n');

      const head = await client.callTool('read_text_file', { path: join(dir, 'notes.txt'), head: 1 });
      expect(text(head)).toBe('first line');

      const written = await client.callTool('write_file', {
        path: join(dir, 'out.txt'),
        content: 'written by mcpwire',
      });
      expect(written.isError).not.toBe(true);
      expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('written by mcpwire');

      const listing = await client.callTool('list_directory', { path: dir });
      expect(text(listing)).toContain('[FILE] notes.txt');
      expect(text(listing)).toContain('[FILE] out.txt');

      const outside = await client.callTool('read_text_file', { path: join(other, 'secret.txt') });
      expect(outside.isError).toBe(true);
      expect(text(outside)).not.toContain('not for you');
    } finally {
      const pid = transport.pid!;
      await client.close();
      expect(await waitFor(() => !isAlive(pid))).toBe(true);
    }
  });

  it('follows our roots, including after notifications/roots/list_changed', async () => {
    const { client } = await connectNode([FILESYSTEM_BIN, dir], {
      roots: [{ uri: pathToFileURL(other).href, name: 'other' }],
    });
    try {
      // The server asks for roots after initialization; wait until it has switched.
      const allowed = async () => text(await client.callTool('list_allowed_directories', {}));
      expect(await pollUntil(async () => (await allowed()).includes(other))).toBe(true);
      expect(text(await client.callTool('read_text_file', { path: join(other, 'secret.txt') }))).toBe(
        'not for you',
      );

      await client.setRoots([{ uri: pathToFileURL(dir).href, name: 'dir' }]);
      expect(await pollUntil(async () => !(await allowed()).includes(other))).toBe(true);
      expect((await client.callTool('read_text_file', { path: join(other, 'secret.txt') })).isError).toBe(
        true,
      );
      expect(text(await client.callTool('read_text_file', { path: join(dir, 'notes.txt') }))).toContain(
        'first line',
      );
    } finally {
      await client.close();
    }
  });
});

async function pollUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
