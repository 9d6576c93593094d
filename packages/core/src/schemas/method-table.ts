/**
 * Which methods each revision has, who sends them, and their quick checks, without their zod schemas: what
 * a lifecycle connection knows of a method before the schemas load (../lifecycle/deferred-specs.ts). A test
 * holds it equal to the schema tables (lookup.ts).
 */
import type { Revision } from '../revisions.js';
import type { MessageKind, Sender } from './method-spec.js';
import { isEmptyParams, isPlainPaginated, isPlainToolCall } from './quick-accept.js';
import { isQuickInitialize } from './quick-initialize.js';

/** One method of a revision, as far as it can be known without the schemas. */
export interface MethodEntry {
  readonly method: string;
  readonly kind: MessageKind;
  readonly senders: readonly Sender[];
  readonly quickAccept?: (params: unknown) => boolean;
}

type Row = readonly [
  method: string,
  kind: 'r' | 'n',
  senders: 'c' | 's' | 'cs',
  quick?: (params: unknown) => boolean,
];

const SENDERS: Record<Row[2], readonly Sender[]> = {
  c: Object.freeze(['client']),
  s: Object.freeze(['server']),
  cs: Object.freeze(['client', 'server']),
};

/** Methods of every legacy revision (2024-11-05 to 2025-11-25). */
const LEGACY: readonly Row[] = [
  ['initialize', 'r', 'c', isQuickInitialize],
  ['ping', 'r', 'cs', isEmptyParams],
  ['resources/list', 'r', 'c', isPlainPaginated],
  ['resources/templates/list', 'r', 'c', isPlainPaginated],
  ['resources/read', 'r', 'c'],
  ['resources/subscribe', 'r', 'c'],
  ['resources/unsubscribe', 'r', 'c'],
  ['prompts/list', 'r', 'c', isPlainPaginated],
  ['prompts/get', 'r', 'c'],
  ['tools/list', 'r', 'c', isPlainPaginated],
  ['tools/call', 'r', 'c', isPlainToolCall],
  ['logging/setLevel', 'r', 'c'],
  ['completion/complete', 'r', 'c'],
  ['sampling/createMessage', 'r', 's'],
  ['roots/list', 'r', 's'],
  ['notifications/cancelled', 'n', 'cs'],
  ['notifications/initialized', 'n', 'c', isEmptyParams],
  ['notifications/progress', 'n', 'cs'],
  ['notifications/roots/list_changed', 'n', 'c'],
  ['notifications/resources/list_changed', 'n', 's'],
  ['notifications/resources/updated', 'n', 's'],
  ['notifications/prompts/list_changed', 'n', 's'],
  ['notifications/tools/list_changed', 'n', 's'],
  ['notifications/message', 'n', 's'],
];
const ELICITATION: readonly Row[] = [['elicitation/create', 'r', 's']];
const TASKS: readonly Row[] = [
  ['tasks/get', 'r', 'cs'],
  ['tasks/result', 'r', 'cs'],
  ['tasks/cancel', 'r', 'cs'],
  ['tasks/list', 'r', 'cs'],
  ['notifications/tasks/status', 'n', 'cs'],
  ['notifications/elicitation/complete', 'n', 's'],
];

/** 2026-07-28: no initialize-era methods; requests carry `_meta`, so none has a quick check. */
const MODERN_DROPPED = new Set([
  'initialize',
  'ping',
  'resources/subscribe',
  'resources/unsubscribe',
  'logging/setLevel',
  'sampling/createMessage',
  'roots/list',
  'notifications/initialized',
  'notifications/progress',
  'notifications/roots/list_changed',
  'elicitation/create',
  'tasks/get',
  'tasks/result',
  'tasks/cancel',
  'tasks/list',
  'notifications/tasks/status',
  'notifications/elicitation/complete',
]);
const MODERN_ADDED: readonly Row[] = [
  ['server/discover', 'r', 'c'],
  ['subscriptions/listen', 'r', 'c'],
  ['notifications/progress', 'n', 's'],
  ['notifications/subscriptions/acknowledged', 'n', 's'],
];

function rowsOf(revision: Revision): readonly Row[] {
  switch (revision) {
    case '2024-11-05':
    case '2025-03-26':
      return LEGACY;
    case '2025-06-18':
      return [...LEGACY, ...ELICITATION];
    case '2025-11-25':
      return [...LEGACY, ...ELICITATION, ...TASKS];
    case '2026-07-28':
      return [
        ...[...LEGACY, ...ELICITATION, ...TASKS]
          .filter(([method]) => !MODERN_DROPPED.has(method))
          .map(([method, kind, senders]): Row => [method, kind, senders]),
        ...MODERN_ADDED,
      ];
  }
}

const tables = new Map<string, ReadonlyMap<string, MethodEntry>>();

/** The methods of `revision` by name (built on first use). */
export function methodTable(revision: Revision): ReadonlyMap<string, MethodEntry> {
  let table = tables.get(revision);
  if (table === undefined) {
    table = new Map(
      rowsOf(revision).map(([method, kind, senders, quickAccept]) => {
        const entry: MethodEntry = {
          method,
          kind: kind === 'r' ? 'request' : 'notification',
          senders: SENDERS[senders],
        };
        return [method, quickAccept === undefined ? entry : { ...entry, quickAccept }];
      }),
    );
    tables.set(revision, table);
  }
  return table;
}
