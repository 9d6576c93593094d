/**
 * isLoopbackHost answers for Host header values (name, or name:port) whether they name this machine's
 * loopback interface; its quick path for the usual `127.0.0.1:port` must not accept look-alikes.
 */
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../src/http/server/security.js';

describe('isLoopbackHost', () => {
  it('accepts loopback names, with or without a port, in any case', () => {
    for (const host of [
      '127.0.0.1',
      '127.0.0.1:8080',
      'localhost',
      'localhost:1',
      'LOCALHOST:80',
      '[::1]',
      '[::1]:443',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it('refuses names that only start like one', () => {
    for (const host of [
      '127.0.0.1.evil.example',
      '127.0.0.10',
      'localhost.evil.example:80',
      'localhostx',

      '::1',
      'evil.example',
      '',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
