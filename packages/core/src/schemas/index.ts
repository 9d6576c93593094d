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
export interface Schemas {
  '2024-11-05': typeof Rev2024_11_05;
  '2025-03-26': typeof Rev2025_03_26;
  '2025-06-18': typeof Rev2025_06_18;
  '2025-11-25': typeof Rev2025_11_25;
  '2026-07-28': typeof Rev2026_07_28;
}

// Annotated so declaration files refer to the namespaces instead of repeating them.
export const schemas: Schemas & Record<Revision, object> = {
  '2024-11-05': Rev2024_11_05,
  '2025-03-26': Rev2025_03_26,
  '2025-06-18': Rev2025_06_18,
  '2025-11-25': Rev2025_11_25,
  '2026-07-28': Rev2026_07_28,
};

export type SchemasOf<R extends Revision> = Schemas[R];

export { getMethodSpec, type MessageKind, type MethodSpec, methodsOf, type Sender } from './lookup.js';
export type {
  CallerParams,
  ClientNotificationMap,
  ClientRequestMap,
  EraResult,
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
