/**
 * The resumability event store on Redis Streams (the SharedEventStore of @mcpwire/transports): one Redis
 * stream per MCP stream, bounded with an exact MAXLEN and expiring when no event was appended for a while
 * (the standalone stream and streams of a process that died are never completed).
 *
 * Entry ids are `<seq>-0`, so the transport's sequence number is the entry id and a replay is one XRANGE.
 * Completing a stream appends a marker entry `<last seq>-1` (field `e`) and sets the retention time; the
 * marker tells late readers that nothing more will come. Appending, completing and deleting are one
 * script each, which also publishes to the stream's channel (`<seq> <json>`, or `end`), so that a tail in
 * any process sees every event once, in order (see stream-tail.ts).
 */
import type { JSONRPCMessage } from '@mcpwire/core';
import type { EventTail, EventTailListener, SharedEventStore } from '@mcpwire/transports/http';
import { LuaScript, type RedisLink } from './link.js';
import { StreamTail } from './stream-tail.js';

export interface RedisEventStoreOptions {
  /** Most events kept per stream; older ones are trimmed (a resume past them misses them). Default 1000. */
  maxEventsPerStream?: number;
  /** A stream with no new event for this long is deleted (unless completed: then its retention applies). Default 1 hour. */
  idleTtlMs?: number;
}

/** The sequence number of the last entry (0 for none), from its id `<seq>-<0|1>`. */
const LAST_SEQ = `
local function lastEntry(key)
  local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
  if #last == 0 then return 0, false end
  return tonumber(string.match(last[1][1], '^(%d+)')), last[1][2][1] == 'e'
end
`;

/** KEYS: stream. ARGV: message, max length, idle ttl ms, channel. Returns the new sequence number. */
const APPEND = new LuaScript(`${LAST_SEQ}
local seq = lastEntry(KEYS[1]) + 1
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], seq .. '-0', 'm', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', ARGV[4], seq .. ' ' .. ARGV[1])
return seq
`);

/** KEYS: stream. ARGV: retention ms, max length, channel. Marks the stream complete (once). */
const COMPLETE = new LuaScript(`${LAST_SEQ}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local seq, done = lastEntry(KEYS[1])
if done then return 0 end
redis.call('XADD', KEYS[1], 'MAXLEN', tonumber(ARGV[2]) + 1, seq .. '-1', 'e', '1')
if tonumber(ARGV[1]) <= 0 then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
redis.call('PUBLISH', ARGV[3], 'end')
return 1
`);

/** KEYS: stream. ARGV: channel. */
const DELETE = new LuaScript(`
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[1], 'end')
return 1
`);

/**
 * KEYS: stream. ARGV: first seq to read, or '' to read nothing and report the last seq. Returns false for
 * no stream, else { last seq, entries } (entries as XRANGE returns them).
 */
const READ = new LuaScript(`${LAST_SEQ}
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
if ARGV[1] == '' then
  local seq, done = lastEntry(KEYS[1])
  if done then return { seq, { { seq .. '-1', { 'e', '1' } } } } end
  return { seq, {} }
end
return { 0, redis.call('XRANGE', KEYS[1], ARGV[1] .. '-0', '+') }
`);

export type StreamEntry = [id: string, fields: string[]];

export class RedisEventStore implements SharedEventStore {
  private readonly maxLength: string;
  private readonly idleTtl: string;

  /** Created by {@link redisStore}, which shares one connection among its stores. */
  constructor(
    private readonly link: RedisLink,
    options: RedisEventStoreOptions = {},
  ) {
    this.maxLength = String(Math.max(1, Math.floor(options.maxEventsPerStream ?? 1000)));
    this.idleTtl = String(Math.max(1, Math.floor(options.idleTtlMs ?? 60 * 60_000)));
  }

  async append(streamId: string, message: JSONRPCMessage): Promise<number> {
    const reply = await this.link.script(
      APPEND,
      [this.streamKey(streamId)],
      [JSON.stringify(message), this.maxLength, this.idleTtl, this.link.key(this.channel(streamId))],
    );
    return Number(reply);
  }

  async replay(
    streamId: string,
    afterSeq: number,
    deliver: (seq: number, message: JSONRPCMessage) => void,
  ): Promise<void> {
    const entries = await this.read(streamId, afterSeq);
    if (entries === undefined) return;
    for (const [id, fields] of entries) {
      if (fields[0] === 'm') deliver(seqOf(id), JSON.parse(fields[1]!) as JSONRPCMessage);
    }
  }

  async deleteStream(streamId: string): Promise<void> {
    await this.link.script(DELETE, [this.streamKey(streamId)], [this.link.key(this.channel(streamId))]);
  }

  async complete(streamId: string, retainMs: number): Promise<void> {
    await this.link.script(
      COMPLETE,
      [this.streamKey(streamId)],
      [String(Math.floor(retainMs)), this.maxLength, this.link.key(this.channel(streamId))],
    );
  }

  async tail(
    streamId: string,
    afterSeq: number,
    listener: EventTailListener,
    create = false,
  ): Promise<EventTail | undefined> {
    const tail = new StreamTail(listener, (from) => this.read(streamId, from - 1));
    // Subscribe before reading, so nothing appended in between is missed (duplicates are dropped by seq).
    const unsubscribe = await this.link.subscribe(this.channel(streamId), (text) => tail.live(text));
    tail.onStop(unsubscribe);
    tail.onStop(this.link.onResubscribed(() => tail.resync()));
    let start: [number, StreamEntry[]] | false;
    try {
      start = (await this.link.script(
        READ,
        [this.streamKey(streamId)],
        [afterSeq < 0 ? '' : String(Math.floor(afterSeq) + 1)],
      )) as [number, StreamEntry[]] | false;
    } catch (error) {
      tail.stop();
      throw error;
    }
    if (start === false || start === null) {
      if (!create) {
        tail.stop();
        return undefined;
      }
      // Followed before anything was written (the standalone GET stream): as an empty stream.
      start = [0, []];
    }
    tail.begin(afterSeq < 0 ? Number(start[0]) : Math.floor(afterSeq), start[1]);
    return tail;
  }

  /** Entries above `afterSeq`; undefined when there is no such stream. */
  private async read(streamId: string, afterSeq: number): Promise<StreamEntry[] | undefined> {
    const reply = (await this.link.script(
      READ,
      [this.streamKey(streamId)],
      [String(Math.max(0, Math.floor(afterSeq)) + 1)],
    )) as [number, StreamEntry[]] | false | null;
    return reply === false || reply === null ? undefined : reply[1];
  }

  private streamKey(streamId: string): string {
    return this.link.key(`ev:${streamId}`);
  }

  private channel(streamId: string): string {
    return `ev:${streamId}`;
  }
}

export function seqOf(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}
