/**
 * Quick checks that prove the params of the most called methods valid without running their zod schema
 * (a tools/call's params check was a tenth of a stdio server's CPU time per call). Each accepts only a
 * shape its schema certainly accepts, and says nothing about anything else: the schema then decides, and
 * gives the error message.
 */

/** An object as JSON.parse makes it (zod's record and object schemas accept every such object). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * tools/call params of the legacy revisions with a string `name`, optionally `arguments` as an object, and
 * nothing else (`_meta`, `task` and the rest go through the schema, which checks them).
 */
export function isPlainToolCall(params: unknown): boolean {
  if (!isJsonObject(params)) return false;
  for (const key in params) if (key !== 'name' && key !== 'arguments') return false;
  if (typeof params.name !== 'string') return false;
  const args = params.arguments;
  return args === undefined || isJsonObject(args);
}

/** Params that are empty (ping, notifications/initialized): `{}`, as the engine passes absent params. */
export function isEmptyParams(params: unknown): boolean {
  if (!isJsonObject(params)) return false;
  for (const _ in params) return false;
  return true;
}

/** List params (tools/list and the like): `{}` or `{ cursor: string }`, nothing else. */
export function isPlainPaginated(params: unknown): boolean {
  if (!isJsonObject(params)) return false;
  for (const key in params) if (key !== 'cursor') return false;
  return params.cursor === undefined || typeof params.cursor === 'string';
}
