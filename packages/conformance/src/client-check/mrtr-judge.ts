/**
 * M10 (2026-07-28 basic/patterns/mrtr §Client Requirements): the `confirm` tool answers with an
 * InputRequiredResult and judges the retries. Round 1 carries an input request the client declared
 * (elicitation, else roots, else sampling) and a tricky `requestState`; round 2 carries an input request
 * and no `requestState`. Each retry must use a new JSON-RPC id, echo `requestState` exactly (or omit it when
 * there was none) and key `inputResponses` exactly like `inputRequests`. The elicitation, sent without
 * `mode`, also judges C02 (form mode) and C03 (a valid action) in this era.
 */
import type { JsonObject } from '@mcpwire/core';
import { isObject } from '../runner/context.js';
import { type Recorder, received, sent } from '../runner/recorder.js';
import { REQUEST_STATE } from './modern-tools.js';

type InputKind = 'elicitation' | 'roots' | 'sampling';

interface Round {
  readonly number: 1 | 2;
  readonly kind: InputKind | undefined;
  /** Ids of every request of this exchange so far: a retry must use none of them. */
  readonly ids: Set<string>;
  readonly state: string | undefined;
  readonly keys: readonly string[];
  readonly sentResult: JsonObject;
}

function inputRequest(kind: InputKind): JsonObject {
  if (kind === 'elicitation')
    // No `mode`: a client MUST handle it as form mode (C02).
    return {
      method: 'elicitation/create',
      params: {
        message: 'conformance: please confirm',
        requestedSchema: { type: 'object', properties: { ok: { type: 'boolean', default: true } } },
      },
    };
  if (kind === 'roots') return { method: 'roots/list', params: {} };
  return {
    method: 'sampling/createMessage',
    params: {
      messages: [{ role: 'user', content: { type: 'text', text: 'conformance: reply ok' } }],
      maxTokens: 16,
    },
  };
}

function declaredKind(capabilities: JsonObject): InputKind | undefined {
  if (isObject(capabilities['elicitation'])) return 'elicitation';
  if (isObject(capabilities['roots'])) return 'roots';
  if (isObject(capabilities['sampling'])) return 'sampling';
  return undefined;
}

const idKey = (id: unknown): string => `${typeof id}:${String(id)}`;

export class MrtrJudge {
  readonly #rec: Recorder;
  #round: Round | undefined;
  #exchangeFailed = false;
  /** Retries judged, and exchanges completed. */
  retries = 0;
  completed = 0;

  constructor(rec: Recorder) {
    this.#rec = rec;
  }

  /** A tools/call of the MRTR tool: the InputRequiredResult to send, or undefined to complete the call. */
  onCall(
    id: string | number,
    params: JsonObject,
    capabilities: JsonObject,
    raw: string,
  ): JsonObject | undefined {
    const round = this.#round;
    if (round === undefined) return this.#start(id, declaredKind(capabilities));
    this.retries++;
    this.#judgeRetry(round, id, params, raw);
    if (round.number === 1 && round.kind !== undefined) {
      const result: JsonObject = {
        resultType: 'input_required',
        inputRequests: { confirm_again: inputRequest(round.kind) },
      };
      this.#round = {
        number: 2,
        kind: round.kind,
        ids: round.ids,
        state: undefined,
        keys: ['confirm_again'],
        sentResult: result,
      };
      round.ids.add(idKey(id));
      return result;
    }
    this.#round = undefined;
    this.completed++;
    if (!this.#exchangeFailed) {
      this.#rec.pass(
        'M10',
        round.kind === undefined
          ? 'the retry used a new id and echoed requestState exactly (no input capability declared, so inputResponses were not judged)'
          : 'each retry used a new id, echoed requestState exactly (and sent none when there was none), and keyed inputResponses like inputRequests',
      );
    }
    return undefined;
  }

  #start(id: string | number, kind: InputKind | undefined): JsonObject {
    this.#exchangeFailed = false;
    const result: JsonObject = { resultType: 'input_required', requestState: REQUEST_STATE };
    if (kind !== undefined) result['inputRequests'] = { confirm: inputRequest(kind) };
    this.#round = {
      number: 1,
      kind,
      ids: new Set([idKey(id)]),
      state: REQUEST_STATE,
      keys: kind === undefined ? [] : ['confirm'],
      sentResult: result,
    };
    return result;
  }

  #fail(message: string, raw: string, round: Round): void {
    this.#exchangeFailed = true;
    this.#rec.fail('M10', message, [sent(round.sentResult), received(raw)]);
  }

  #judgeRetry(round: Round, id: string | number, params: JsonObject, raw: string): void {
    if (round.ids.has(idKey(id)))
      this.#fail(
        `expected the retry to use a new JSON-RPC id, received id ${JSON.stringify(id)} again`,
        raw,
        round,
      );
    const state = params['requestState'];
    if (round.state !== undefined && state !== round.state)
      this.#fail(
        `expected requestState echoed byte for byte as ${JSON.stringify(round.state)}, received ${JSON.stringify(state ?? null)}`,
        raw,
        round,
      );
    if (round.state === undefined && 'requestState' in params)
      this.#fail(
        `expected no requestState in the retry (the InputRequiredResult had none), received ${JSON.stringify(state)}`,
        raw,
        round,
      );
    if (round.keys.length === 0) return;
    const responses = params['inputResponses'];
    const keys = isObject(responses) ? Object.keys(responses).sort() : [];
    if (JSON.stringify(keys) !== JSON.stringify([...round.keys].sort())) {
      this.#fail(
        `expected inputResponses keyed like inputRequests (${JSON.stringify(round.keys)}), received ${isObject(responses) ? JSON.stringify(keys) : 'no inputResponses'}`,
        raw,
        round,
      );
      return;
    }
    if (round.kind === 'elicitation') this.#judgeElicitation((responses as JsonObject)[round.keys[0]!], raw);
  }

  #judgeElicitation(answer: unknown, raw: string): void {
    if (!isObject(answer)) {
      this.#rec.fail(
        'C02',
        'expected an ElicitResult for the elicitation without mode (form mode), received none',
        [received(raw)],
      );
      return;
    }
    this.#rec.pass('C02', 'elicitation/create without mode (in inputRequests) is handled as form mode');
    const action = answer['action'];
    if (action === 'accept' || action === 'decline' || action === 'cancel')
      this.#rec.pass('C03', `the elicitation result action is ${action}`);
    else
      this.#rec.fail('C03', `expected action accept, decline or cancel, received ${JSON.stringify(action)}`, [
        received(raw),
      ]);
  }

  /** Skips M10 with the reason nothing (more) could be judged. */
  conclude(called: boolean, listed: boolean): void {
    if (this.retries > 0) {
      if (this.#round !== undefined && !this.#exchangeFailed)
        this.#rec.skip('M10', 'the client stopped retrying before the exchange completed');
      return;
    }
    if (this.#round !== undefined)
      this.#rec.skip('M10', 'the client did not retry after the InputRequiredResult (retrying is optional)');
    else if (called) this.#rec.skip('M10', 'the MRTR tool was never answered with input_required');
    else
      this.#rec.skip(
        'M10',
        listed
          ? 'the client never called the confirm tool'
          : 'the client never listed the page with the confirm tool',
      );
  }
}
