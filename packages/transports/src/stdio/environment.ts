/**
 * The environment a spawned MCP server gets by default: a small allow-list of variables a program needs to
 * run (find executables, a home folder, a locale), not the parent's secrets. The caller's `env` is merged on
 * top; a variable set to `undefined` there removes a default.
 */

/** Variables inherited by default on POSIX systems. */
export const DEFAULT_INHERITED_ENV_VARS_POSIX: readonly string[] = [
  'HOME',
  'LOGNAME',
  'PATH',
  'SHELL',
  'TERM',
  'USER',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TMPDIR',
];

/** Variables inherited by default on Windows (programs fail in odd ways without SYSTEMROOT and friends). */
export const DEFAULT_INHERITED_ENV_VARS_WINDOWS: readonly string[] = [
  'APPDATA',
  'COMSPEC',
  'HOMEDRIVE',
  'HOMEPATH',
  'LOCALAPPDATA',
  'PATH',
  'PATHEXT',
  'PROCESSOR_ARCHITECTURE',
  'PROGRAMDATA',
  'PROGRAMFILES',
  'SYSTEMDRIVE',
  'SYSTEMROOT',
  'TEMP',
  'TMP',
  'USERNAME',
  'USERPROFILE',
  'WINDIR',
];

/** The allow-listed part of `source` (default `process.env`) for this platform. */
export function getDefaultEnvironment(
  source: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const names = platform === 'win32' ? DEFAULT_INHERITED_ENV_VARS_WINDOWS : DEFAULT_INHERITED_ENV_VARS_POSIX;
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = source[name];
    // Values starting with "()" are exported shell functions: a known injection vector, never passed on.
    if (value === undefined || value.startsWith('()')) continue;
    env[name] = value;
  }
  return env;
}

/** Default environment merged with the caller's; `undefined` values remove a variable. */
export function buildChildEnvironment(
  overrides: Record<string, string | undefined> | undefined,
): Record<string, string> {
  const env = getDefaultEnvironment();
  if (overrides === undefined) return env;
  for (const name of Object.keys(overrides)) {
    const value = overrides[name];
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
