import { buildChildEnvironment, getDefaultEnvironment } from '@mcpwire/transports/stdio';
import { describe, expect, it } from 'vitest';

describe('default child environment', () => {
  const source = {
    PATH: '/usr/bin',
    HOME: '/home/u',
    SHELL: '() { :; }; echo pwned',
    AWS_SECRET_ACCESS_KEY: 'secret',
    SYSTEMROOT: 'C:\\Windows',
  };

  it('keeps only allow-listed variables and never exported shell functions (POSIX)', () => {
    expect(getDefaultEnvironment(source, 'linux')).toEqual({ PATH: '/usr/bin', HOME: '/home/u' });
  });

  it('uses the Windows allow-list on Windows', () => {
    expect(getDefaultEnvironment(source, 'win32')).toEqual({ PATH: '/usr/bin', SYSTEMROOT: 'C:\\Windows' });
  });

  it('merges the caller env over the defaults; undefined removes a variable', () => {
    const env = buildChildEnvironment({ TOKEN: 't', PATH: undefined });
    expect(env['TOKEN']).toBe('t');
    expect('PATH' in env).toBe(false);
  });
});
