/**
 * Validation of a whole JSON-RPC message against one revision: the envelope, then the method's params or
 * result. Failures come back as values (never thrown) with compact, readable issues such as
 * `params.arguments.x: expected number, received string`.
 */
import type { z } from 'zod';
import { type Revision, revisionAllowsBatches } from '../revisions.js';
import { envelopesOptionalErrorId, envelopesWithErrorId } from './jsonrpc.js';
import { getMethodSpec, type Sender } from './lookup.js';
import { rev2026_07_28 } from './rev-2026-07-28.js';

/** The kinds of message a validation may expect. */
export type ValidatedKind = 'request' | 'notification' | 'result' | 'error';

/** One problem found in a message, with where it is. */
export interface ValidationIssue {
  /** Dotted path inside the message, e.g. `params.arguments.x` or `[1].id` inside a batch. */
  readonly path: string;
  readonly message: string;
}

/** Whether a message is valid for a revision, and if not every issue found. */
export type MessageValidation =
  | { readonly ok: true; readonly kind: ValidatedKind | 'batch'; readonly method?: string }
  | {
      readonly ok: false;
      readonly kind?: ValidatedKind | 'batch';
      /** All issues in one line: `path: message; path: message`. */
      readonly error: string;
      readonly issues: readonly ValidationIssue[];
    };

/** Options of a message validation: what kind and method to expect. */
export interface ValidateOptions {
  /** For results: the method of the request being answered (without it only the generic Result is checked). */
  readonly method?: string;
  /** Expect this kind; a message of another kind fails. */
  readonly kind?: ValidatedKind;
  /** Check that this side may send the method (e.g. `server` when judging what a server sent). */
  readonly sender?: Sender;
}

const INVALID_INPUT = 'Invalid input: ';

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** Marks a call to formatIssues without the validated value. */
const NO_INPUT: unique symbol = Symbol('no input');

/** A short description of a received value for messages: `"audio"`, `42`, `null`, `an object`, `an array`. */
function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What the branches of a failed union expected at its own level, e.g. `string | number`. */
function unionExpected(issue: z.core.$ZodIssueInvalidUnion): string | undefined {
  const expected = new Set<string>();
  for (const branch of issue.errors) {
    const own = branch.find((i) => i.path.length === 0 && i.code === 'invalid_type');
    if (own === undefined || own.code !== 'invalid_type') return undefined;
    expected.add(own.expected);
  }
  return expected.size > 0 ? [...expected].join(' | ') : undefined;
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown, hasInput: boolean): string {
  const base = issue.message.startsWith(INVALID_INPUT)
    ? issue.message.slice(INVALID_INPUT.length)
    : issue.message;
  if (!hasInput) return base;
  const received = describeReceived(valueAt(input, issue.path));
  if (issue.code === 'invalid_union') {
    if (issue.errors.length === 0) return `${base}, received ${received}`;
    const expected = unionExpected(issue);
    return expected === undefined
      ? `expected one of ${issue.errors.length} allowed shapes, received ${received} matching none`
      : `expected ${expected}, received ${received}`;
  }
  if (issue.code === 'invalid_value') return `${base}, received ${received}`;
  return base;
}

/**
 * Turns zod issues into `path: message` pairs, with `prefix` in front of each path. Pass the validated value
 * as `input` to have messages name what was received where zod's own message does not.
 */
export function formatIssues(error: z.ZodError, prefix = '', input: unknown = NO_INPUT): ValidationIssue[] {
  const hasInput = input !== NO_INPUT;
  return error.issues.map((issue) => {
    let path = prefix;
    for (const key of issue.path) {
      if (typeof key === 'number') path += `[${key}]`;
      else path = join(path, String(key));
    }
    return { path: path === '' ? '(message)' : path, message: issueMessage(issue, input, hasInput) };
  });
}

function fail(issues: ValidationIssue[], kind?: ValidatedKind | 'batch'): MessageValidation {
  const error = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return kind === undefined ? { ok: false, error, issues } : { ok: false, kind, error, issues };
}

function envelopesOf(revision: Revision) {
  return revision >= '2025-11-25' ? envelopesOptionalErrorId : envelopesWithErrorId;
}

/** The result any request may get when its method is not given: 2026-07-28 requires `resultType`. */
function genericResult(revision: Revision): z.ZodType | undefined {
  return revision === '2026-07-28' ? rev2026_07_28().EmptyResult : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(message: Record<string, unknown>): ValidatedKind | undefined {
  if ('method' in message) return 'id' in message ? 'request' : 'notification';
  if ('result' in message) return 'result';
  if ('error' in message) return 'error';
  return undefined;
}

function validateOne(
  revision: Revision,
  message: unknown,
  options: ValidateOptions,
  prefix: string,
): MessageValidation {
  if (!isObject(message)) {
    const received = Array.isArray(message) ? 'array' : message === null ? 'null' : typeof message;
    return fail([
      { path: prefix || '(message)', message: `expected a JSON-RPC message object, received ${received}` },
    ]);
  }
  const kind = kindOf(message);
  if (kind === undefined) {
    return fail([
      {
        path: prefix || '(message)',
        message:
          'expected a request, notification or response (method, result or error member), received none',
      },
    ]);
  }
  if (options.kind !== undefined && options.kind !== kind) {
    return fail(
      [{ path: prefix || '(message)', message: `expected a ${options.kind}, received a ${kind}` }],
      kind,
    );
  }
  if ((kind === 'result' || kind === 'error') && 'result' in message && 'error' in message) {
    return fail(
      [{ path: prefix || '(message)', message: 'expected exactly one of result and error, received both' }],
      kind,
    );
  }
  const env = envelopesOf(revision);
  const envelope =
    kind === 'request'
      ? env.JSONRPCRequest
      : kind === 'notification'
        ? env.JSONRPCNotification
        : kind === 'result'
          ? env.JSONRPCResultResponse
          : env.JSONRPCErrorResponse;
  const framed = envelope.safeParse(message);
  if (!framed.success) return fail(formatIssues(framed.error, prefix, message), kind);
  if (kind === 'error') return { ok: true, kind };

  if (kind === 'result') {
    const spec = options.method === undefined ? undefined : getMethodSpec(revision, options.method);
    if (options.method !== undefined && spec?.result === undefined) {
      return fail(
        [
          {
            path: join(prefix, 'result'),
            message: `expected a request method of ${revision} to answer, received ${JSON.stringify(options.method)}`,
          },
        ],
        kind,
      );
    }
    const schema = spec?.result ?? genericResult(revision);
    if (schema === undefined)
      return { ok: true, kind, ...(options.method ? { method: options.method } : {}) };
    const checked = schema.safeParse(message['result']);
    if (!checked.success)
      return fail(formatIssues(checked.error, join(prefix, 'result'), message['result']), kind);
    return { ok: true, kind, ...(options.method ? { method: options.method } : {}) };
  }

  const method = message['method'] as string;
  const spec = getMethodSpec(revision, method);
  if (spec === undefined) {
    return fail(
      [
        {
          path: join(prefix, 'method'),
          message: `expected a method of revision ${revision}, received ${JSON.stringify(method)}`,
        },
      ],
      kind,
    );
  }
  if (spec.kind !== kind) {
    return fail(
      [{ path: prefix || '(message)', message: `expected ${method} as a ${spec.kind}, received a ${kind}` }],
      kind,
    );
  }
  if (options.sender !== undefined && !spec.senders.includes(options.sender)) {
    return fail(
      [
        {
          path: join(prefix, 'method'),
          message: `expected a method the ${options.sender} may send, received ${JSON.stringify(method)} (sent by ${spec.senders.join(' and ')})`,
        },
      ],
      kind,
    );
  }
  const params = spec.params.safeParse(message['params']);
  if (!params.success)
    return fail(formatIssues(params.error, join(prefix, 'params'), message['params']), kind);
  return { ok: true, kind, method };
}

/**
 * Validates one message (or, in 2025-03-26, a batch) against `revision`. Never throws.
 * Results are checked against the result schema of `options.method` when given.
 */
export function validateMessage(
  revision: Revision,
  message: unknown,
  options: ValidateOptions = {},
): MessageValidation {
  if (!Array.isArray(message)) return validateOne(revision, message, options, '');
  if (!revisionAllowsBatches(revision)) {
    return fail(
      [
        {
          path: '(message)',
          message: `expected a single JSON-RPC message (batches exist only in 2025-03-26), received an array in ${revision}`,
        },
      ],
      'batch',
    );
  }
  if (message.length === 0) {
    return fail(
      [{ path: '(message)', message: 'expected a batch with at least one message, received an empty array' }],
      'batch',
    );
  }
  const issues: ValidationIssue[] = [];
  let responses = 0;
  for (let i = 0; i < message.length; i++) {
    const item: unknown = message[i];
    const itemKind = isObject(item) ? kindOf(item) : undefined;
    if (itemKind === 'result' || itemKind === 'error') responses++;
    const checked = validateOne(revision, item, options, `[${i}]`);
    if (!checked.ok) issues.push(...checked.issues);
  }
  if (responses !== 0 && responses !== message.length) {
    issues.push({
      path: '(message)',
      message: 'expected a batch of requests/notifications or a batch of responses, received a mix',
    });
  }
  return issues.length === 0 ? { ok: true, kind: 'batch' } : fail(issues, 'batch');
}
