/**
 * MCP schemas of every revision (zod 4), the (revision, method) lookup, message validation and the public
 * types. Per-revision schemas: `schemas['2025-11-25'].CallToolResult` or `Rev2025_11_25.CallToolResult`.
 */
import type { Revision } from '../revisions.js';
import { Rev2024_11_05 } from './rev-2024-11-05.js';
import { Rev2025_03_26 } from './rev-2025-03-26.js';
import { Rev2025_06_18 } from './rev-2025-06-18.js';
import { Rev2025_11_25 } from './rev-2025-11-25.js';
import { Rev2026_07_28 } from './rev-2026-07-28.js';

export { Rev2024_11_05, Rev2025_03_26, Rev2025_06_18, Rev2025_11_25, Rev2026_07_28 };

/** Every revision's schema namespace, keyed by revision. */
export const schemas = {
  '2024-11-05': Rev2024_11_05,
  '2025-03-26': Rev2025_03_26,
  '2025-06-18': Rev2025_06_18,
  '2025-11-25': Rev2025_11_25,
  '2026-07-28': Rev2026_07_28,
} as const satisfies Record<Revision, object>;

export type SchemasOf<R extends Revision> = (typeof schemas)[R];

export { getMethodSpec, type MessageKind, type MethodSpec, methodsOf, type Sender } from './lookup.js';
export type {
  CallerParams,
  ClientNotificationMap,
  ClientRequestMap,
  ServerNotificationMap,
  ServerRequestMap,
} from './maps.js';
export { isReservedMetaKey, isValidMetaKey } from './meta.js';
export type * from './types.js';
export {
  formatIssues,
  type MessageValidation,
  type ValidatedKind,
  type ValidateOptions,
  type ValidationIssue,
  validateMessage,
} from './validate.js';
