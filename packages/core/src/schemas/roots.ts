/** Roots (roots/list, sent by servers) and the roots list-changed notification (legacy revisions). */
import { z } from 'zod';
import { obj } from './base.js';
import { type Kit, noteParams, reqParams, result } from './kit.js';

export function rootsArea<K extends Kit>(k: K) {
  const Root = obj({ _meta: k.meta as K['meta'], uri: z.string(), name: z.string().optional() });
  return {
    Root,
    ListRootsRequestParams: reqParams(k, {}),
    ListRootsResult: result(k, { roots: z.array(Root) }),
    RootsListChangedNotificationParams: noteParams(k, {}),
  };
}
