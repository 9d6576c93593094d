/**
 * Elicitation (elicitation/create, sent by servers), from 2025-06-18. 2025-11-25 adds URL mode, titled and
 * multi-select enums, defaults and the elicitation-complete notification; 2026-07-28 carries elicitation inside
 * an InputRequiredResult and drops `elicitationId`, `task` and `_meta` from the params.
 */
import { z } from 'zod';
import { Integer, obj } from './base.js';

const described = { title: z.string().optional(), description: z.string().optional() };

const StringSchema2025_06 = obj({
  type: z.literal('string'),
  ...described,
  minLength: Integer.optional(),
  maxLength: Integer.optional(),
  format: z.enum(['email', 'uri', 'date', 'date-time']).optional(),
});
const NumberSchema2025_06 = obj({
  type: z.enum(['number', 'integer']),
  ...described,
  minimum: z.number().optional(),
  maximum: z.number().optional(),
});
const BooleanSchema = obj({ type: z.literal('boolean'), ...described, default: z.boolean().optional() });
const EnumSchema2025_06 = obj({
  type: z.literal('string'),
  ...described,
  enum: z.array(z.string()),
  enumNames: z.array(z.string()).optional(),
});

const StringSchema2025_11 = StringSchema2025_06.extend({ default: z.string().optional() });
const NumberSchema2025_11 = NumberSchema2025_06.extend({ default: z.number().optional() });
const titledOption = obj({ const: z.string(), title: z.string() });
const UntitledSingleSelectEnumSchema = obj({
  type: z.literal('string'),
  ...described,
  enum: z.array(z.string()),
  default: z.string().optional(),
});
const TitledSingleSelectEnumSchema = obj({
  type: z.literal('string'),
  ...described,
  oneOf: z.array(titledOption),
  default: z.string().optional(),
});
const multiSelect = {
  type: z.literal('array'),
  ...described,
  minItems: Integer.optional(),
  maxItems: Integer.optional(),
  default: z.array(z.string()).optional(),
};
const UntitledMultiSelectEnumSchema = obj({
  ...multiSelect,
  items: obj({ type: z.literal('string'), enum: z.array(z.string()) }),
});
const TitledMultiSelectEnumSchema = obj({ ...multiSelect, items: obj({ anyOf: z.array(titledOption) }) });
const LegacyTitledEnumSchema = EnumSchema2025_06.extend({ default: z.string().optional() });

const primitive2025_06 = z.union([
  StringSchema2025_06,
  NumberSchema2025_06,
  BooleanSchema,
  EnumSchema2025_06,
]);
// Enum shapes go first: a plain StringSchema would otherwise claim every `type: "string"` definition.
const primitive2025_11 = z.union([
  UntitledSingleSelectEnumSchema,
  TitledSingleSelectEnumSchema,
  UntitledMultiSelectEnumSchema,
  TitledMultiSelectEnumSchema,
  LegacyTitledEnumSchema,
  StringSchema2025_11,
  NumberSchema2025_11,
  BooleanSchema,
]);

const requestedSchema2025_06 = obj({
  type: z.literal('object'),
  properties: z.record(z.string(), primitive2025_06),
  required: z.array(z.string()).optional(),
});
const requestedSchema2025_11 = obj({
  $schema: z.string().optional(),
  type: z.literal('object'),
  properties: z.record(z.string(), primitive2025_11),
  required: z.array(z.string()).optional(),
});

export const elicitationShapes2025_06 = {
  StringSchema: StringSchema2025_06,
  NumberSchema: NumberSchema2025_06,
  BooleanSchema,
  EnumSchema: EnumSchema2025_06,
  PrimitiveSchemaDefinition: primitive2025_06,
  requestedSchema: requestedSchema2025_06,
  /**
   * Values a user may submit. The JSON schema says "integer", but the same revision lets a form ask for a
   * `number` field (NumberSchema type "number", with non-integer defaults such as 95.5 in SEP-1034): a
   * receiver must accept the answers its own requested schema allows, so any finite number is accepted.
   */
  contentValue: z.union([z.string(), z.number(), z.boolean()]),
};

export const elicitationShapes2025_11 = {
  StringSchema: StringSchema2025_11,
  NumberSchema: NumberSchema2025_11,
  BooleanSchema,
  UntitledSingleSelectEnumSchema,
  TitledSingleSelectEnumSchema,
  SingleSelectEnumSchema: z.union([UntitledSingleSelectEnumSchema, TitledSingleSelectEnumSchema]),
  UntitledMultiSelectEnumSchema,
  TitledMultiSelectEnumSchema,
  MultiSelectEnumSchema: z.union([UntitledMultiSelectEnumSchema, TitledMultiSelectEnumSchema]),
  LegacyTitledEnumSchema,
  EnumSchema: z.union([
    UntitledSingleSelectEnumSchema,
    TitledSingleSelectEnumSchema,
    UntitledMultiSelectEnumSchema,
    TitledMultiSelectEnumSchema,
    LegacyTitledEnumSchema,
  ]),
  PrimitiveSchemaDefinition: primitive2025_11,
  requestedSchema: requestedSchema2025_11,
  /** See elicitationShapes2025_06.contentValue for why numbers are not limited to integers. */
  contentValue: z.union([z.array(z.string()), z.string(), z.number(), z.boolean()]),
};

export const ElicitAction = z.enum(['accept', 'decline', 'cancel']);
