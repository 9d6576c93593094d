/**
 * Validation of a whole JSON-RPC message against one revision: the envelope, then the method's params or
 * result. Failures come back as values (never thrown) with compact, readable issues such as
 * `params.arguments.x: expected number, received string`.
 */
import type { z } from 'zod';
import { type Revision, revisionAllowsBatches } from '../revisions.js';
import { envelopesOptionalErrorId, envelopesWithErrorId } from './jsonrpc.js';
import { getMethodSpec, type Sender } from './lookup.js';
import { Rev2026_07_28 } from './rev-2026-07-28.js';

export type ValidatedKind = 'request' | 'notification' | 'result' | 'error';

export interface ValidationIssue {
  /** Dotted path inside the message, e.g. `params.arguments.x` or `[1].id` inside a batch. */
  readonly path: string;
  readonly message: string;
}

export type MessageValidation =
  | { readonly ok: true; readonly kind: ValidatedKind | 'batch'; readonly method?: string }
  | {
      readonly ok: false;
      readonly kind?: ValidatedKind | 'batch';
      /** All issues in one line: `path: message; path: message`. */
      readonly error: string;
      readonly issues: readonly ValidationIssue[];
    };

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

/** Turns zod issues into `path: message` pairs, with `prefix` in front of each path. */
export function formatIssues(error: z.ZodError, prefix = ''): ValidationIssue[] {
  return error.issues.map((issue) => {
    let path = prefix;
    for (const key of issue.path) {
      if (typeof key === 'number') path += `[${key}]`;
      else path = join(path, String(key));
    }
    const message = issue.message.startsWith(INVALID_INPUT)
      ? issue.message.slice(INVALID_INPUT.length)
      : issue.message;
    return { path: path === '' ? '(message)' : path, message };
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
const genericResult: Record<string, z.ZodType> = {
  '2026-07-28': Rev2026_07_28.EmptyResult,
};

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
  if (!framed.success) return fail(formatIssues(framed.error, prefix), kind);
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
    const schema = spec?.result ?? genericResult[revision];
    if (schema === undefined)
      return { ok: true, kind, ...(options.method ? { method: options.method } : {}) };
    const checked = schema.safeParse(message['result']);
    if (!checked.success) return fail(formatIssues(checked.error, join(prefix, 'result')), kind);
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
  if (!params.success) return fail(formatIssues(params.error, join(prefix, 'params')), kind);
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
