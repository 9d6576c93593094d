/**
 * A check that proves an initialize request's params valid in every revision that has initialize
 * (2024-11-05 to 2025-11-25) without their zod schema, so that a server answers initialize before zod is
 * loaded (see ../lifecycle/deferred-specs.ts). It accepts only shapes those schemas certainly accept: what
 * real clients send. Anything else (a `_meta`, icons, task capabilities, a wrong type) says nothing, and the message waits
 * for the schemas, which decide and word the error.
 */

import { isJsonObject } from './quick-accept.js';

/** undefined, or an object as JSON.parse makes it (the schemas' AnyObject). */
function optionalObject(value: unknown): boolean {
  return value === undefined || isJsonObject(value);
}

/** clientInfo: name and version, optionally title and description, all strings. */
function isQuickImplementation(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  for (const key in value) {
    if (key !== 'name' && key !== 'version' && key !== 'title' && key !== 'description') return false;
    if (typeof value[key] !== 'string') return false;
  }
  return typeof value.name === 'string' && typeof value.version === 'string';
}

/** A capability object whose listed members, when present, are plain objects. */
function hasObjectMembers(value: unknown, members: readonly string[]): boolean {
  if (value === undefined) return true;
  if (!isJsonObject(value)) return false;
  for (const member of members) if (!optionalObject(value[member])) return false;
  return true;
}

const SAMPLING_MEMBERS = ['context', 'tools'];
const ELICITATION_MEMBERS = ['form', 'url'];

function isQuickClientCapabilities(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  if (value.tasks !== undefined) return false;
  const roots = value.roots;
  if (roots !== undefined) {
    if (!isJsonObject(roots)) return false;
    if (roots.listChanged !== undefined && typeof roots.listChanged !== 'boolean') return false;
  }
  const experimental = value.experimental;
  if (experimental !== undefined) {
    if (!isJsonObject(experimental)) return false;
    for (const key in experimental) if (!isJsonObject(experimental[key])) return false;
  }
  return (
    hasObjectMembers(value.sampling, SAMPLING_MEMBERS) &&
    hasObjectMembers(value.elicitation, ELICITATION_MEMBERS)
  );
}

/** True proves `params` a valid initialize request's params in every revision that has initialize. */
export function isQuickInitialize(params: unknown): boolean {
  if (!isJsonObject(params)) return false;
  for (const key in params) {
    if (key !== 'protocolVersion' && key !== 'capabilities' && key !== 'clientInfo') return false;
  }
  return (
    typeof params.protocolVersion === 'string' &&
    isQuickClientCapabilities(params.capabilities) &&
    isQuickImplementation(params.clientInfo)
  );
}
