/**
 * Building blocks shared by every revision: ids, tokens, enums, `_meta` objects and JSON values.
 * Every object schema is loose (`z.looseObject`): the spec allows extra fields and we keep them.
 */
import { z } from 'zod';
import { LOGGING_LEVEL_TUPLE } from '../logging-levels.js';
import type { JSONValue as JSONValueType } from '../types/base.js';
import { withMetaKeyRules } from './meta.js';

export const obj = z.looseObject;

/** JSON Schema `integer`: whole numbers, any magnitude JSON can carry. */
export const Integer = z.number().int();

export const RequestId = z.union([z.string(), Integer]);
export const ProgressToken = z.union([z.string(), Integer]);
export const Cursor = z.string();
/** The fields of notifications/progress from 2025-03-26 on (2024-11-05 has no `message`). */
export const progressFields = {
  progressToken: ProgressToken,
  progress: z.number(),
  total: z.number().optional(),
  message: z.string().optional(),
};
export const Role = z.enum(['user', 'assistant']);
export const LoggingLevel = z.enum(LOGGING_LEVEL_TUPLE);
/** An object whose members are unconstrained (`{ type: "object" }` / `additionalProperties: true`). */
export const AnyObject = obj({});

// ---- `_meta` objects -------------------------------------------------------------------------------------

/** 2024-11-05 / 2025-03-26: `_meta` is any object; no key rules yet. */
export const Meta2024 = obj({});
export const RequestMeta2024 = obj({ progressToken: ProgressToken.optional() });

/** 2025-06-18 and later: `_meta` keys must follow the prefix/name syntax. */
export const Meta2025 = withMetaKeyRules(obj({}));
export const RequestMeta2025 = withMetaKeyRules(obj({ progressToken: ProgressToken.optional() }));

// ---- JSON values (2026-07-28 names them; note the schema's JSONValue has no null and no fractions) --------

export const JSONValue: z.ZodType<JSONValueType> = z.lazy(() =>
  z.union([z.string(), Integer, z.boolean(), z.array(JSONValue), z.record(z.string(), JSONValue)]),
);
export const JSONObject = z.record(z.string(), JSONValue);
