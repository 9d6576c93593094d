/**
 * MCP schemas of every revision (zod 4), the (revision, method) lookup, message validation and the public
 * types. Per-revision schemas: `schemas['2025-11-25'].CallToolResult` or `Rev2025_11_25.CallToolResult`.
 */
import type { z } from 'zod';
import type { Revision } from '../revisions.js';
import { lazyObject } from './lazy.js';
import { rev2024_11_05 } from './rev-2024-11-05.js';
import { rev2025_03_26 } from './rev-2025-03-26.js';
import { rev2025_06_18 } from './rev-2025-06-18.js';
import { rev2025_11_25 } from './rev-2025-11-25.js';
import { rev2026_07_28 } from './rev-2026-07-28.js';
import type {
  SchemaName2024_11_05,
  SchemaName2025_03_26,
  SchemaName2025_06_18,
  SchemaName2025_11_25,
  SchemaName2026_07_28,
} from './schema-names.js';

export type * from './schema-names.js';

/**
 * One revision's zod schemas by name, built on first use. Their parse results are typed `unknown` here (spelling out each zod
 * type would make the declarations megabytes long); the named protocol types describe what they accept.
 */
export type SchemaSet<Name extends string> = { readonly [K in Name]: z.ZodType };

/** The zod schemas of revision 2024-11-05, by name (built on first use). */
export const Rev2024_11_05: SchemaSet<SchemaName2024_11_05> = lazyObject(rev2024_11_05);
/** The zod schemas of revision 2025-03-26, by name (built on first use). */
export const Rev2025_03_26: SchemaSet<SchemaName2025_03_26> = lazyObject(rev2025_03_26);
/** The zod schemas of revision 2025-06-18, by name (built on first use). */
export const Rev2025_06_18: SchemaSet<SchemaName2025_06_18> = lazyObject(rev2025_06_18);
/** The zod schemas of revision 2025-11-25, by name (built on first use). */
export const Rev2025_11_25: SchemaSet<SchemaName2025_11_25> = lazyObject(rev2025_11_25);
/** The zod schemas of revision 2026-07-28, by name (built on first use). */
export const Rev2026_07_28: SchemaSet<SchemaName2026_07_28> = lazyObject(rev2026_07_28);

/** Every revision's schema namespace, keyed by revision. */
export interface Schemas {
  '2024-11-05': SchemaSet<SchemaName2024_11_05>;
  '2025-03-26': SchemaSet<SchemaName2025_03_26>;
  '2025-06-18': SchemaSet<SchemaName2025_06_18>;
  '2025-11-25': SchemaSet<SchemaName2025_11_25>;
  '2026-07-28': SchemaSet<SchemaName2026_07_28>;
}

/** The zod schemas of every revision, by revision. */
export const schemas: Schemas & Record<Revision, object> = {
  '2024-11-05': Rev2024_11_05,
  '2025-03-26': Rev2025_03_26,
  '2025-06-18': Rev2025_06_18,
  '2025-11-25': Rev2025_11_25,
  '2026-07-28': Rev2026_07_28,
};

/** The zod schemas of one revision. */
export type SchemasOf<R extends Revision> = Schemas[R];

export { getMethodSpec, type MessageKind, type MethodSpec, methodsOf, type Sender } from './lookup.js';
export type {
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
