/**
 * The Lua scripts of the Redis session store. Each runs atomically, so limits and eviction hold across
 * processes creating sessions at once.
 *
 * Layout, `<p>` being the key prefix and `<kind>` the handler kind:
 * - `<p>s:<id>`: the record, a hash (k kind, o owner, c client key, ca created, ls last seen, ex expires,
 *   e established 0/1, v protocol version, n snapshot JSON, g GET stream position). Fields keep the caller's text: numbers never
 *   go through Lua's number formatting, the snapshot never through cjson (which would turn [] into {}).
 *   The key itself expires GRACE after the record does, so that sweeps can still read its client key.
 * - `<p>sk:<kind>:fresh` (score: created) and `<p>sk:<kind>:seen` (score: last seen): never-established
 *   and established ids, in eviction order.
 * - `<p>sk:<kind>:exp` (score: expires): every id, for sweeping expired records out of the indexes.
 * - `<p>sk:<kind>:c:<client key>` (score: expires): the ids of one client, so that counting a client's
 *   live sessions is a trim of the expired ones and a ZCARD, whatever the number of sessions.
 * "Now" is the caller's clock (ARGV), the clock the records' times come from.
 */
import { LuaScript } from './link.js';

/** Shared functions: `base(kind)`, `remove(id)` (record and every index entry), `sweep(base, now)`. */
const PRELUDE = `
local p = ARGV[1]
local function base(kind) return p .. 'sk:' .. kind .. ':' end
local function remove(id)
  local key = p .. 's:' .. id
  local data = redis.call('HMGET', key, 'k', 'c')
  redis.call('DEL', key)
  if not data[1] then return end
  local b = base(data[1])
  redis.call('ZREM', b .. 'fresh', id)
  redis.call('ZREM', b .. 'seen', id)
  redis.call('ZREM', b .. 'exp', id)
  if data[2] and data[2] ~= '' then redis.call('ZREM', b .. 'c:' .. data[2], id) end
end
local function sweep(b, now)
  local expired = redis.call('ZRANGEBYSCORE', b .. 'exp', '-inf', now)
  for i = 1, #expired do
    remove(expired[i])
    -- A record whose key already expired leaves its index entries: drop them by id.
    redis.call('ZREM', b .. 'fresh', expired[i])
    redis.call('ZREM', b .. 'seen', expired[i])
    redis.call('ZREM', b .. 'exp', expired[i])
  end
end
local function clientCount(b, clientKey, now)
  local set = b .. 'c:' .. clientKey
  redis.call('ZREMRANGEBYSCORE', set, '-inf', now)
  return redis.call('ZCARD', set)
end
`;

/**
 * ARGV: prefix, id, kind, owner, client key, created, last seen, expires, established (0/1), version,
 * has version (0/1), snapshot, has snapshot (0/1), max sessions, max per client, idle after ms, grace ms,
 * GET stream position ('' for none).
 * Returns { 1 | 0, refusal or '', evicted ids... }.
 */
export const CREATE_SESSION = new LuaScript(`${PRELUDE}
local id, kind, clientKey = ARGV[2], ARGV[3], ARGV[5]
local now, expires = tonumber(ARGV[6]), tonumber(ARGV[8])
local maxAll, maxClient, idleAfter = tonumber(ARGV[14]), tonumber(ARGV[15]), tonumber(ARGV[16])
local grace = tonumber(ARGV[17])
local b = base(kind)
local evicted = {}
sweep(b, now)
if clientKey ~= '' and clientCount(b, clientKey, now) >= maxClient then
  -- At the limit only: look through this client's sessions for the one to give up.
  local live = redis.call('ZRANGE', b .. 'c:' .. clientKey, 0, -1)
  local victim, best = nil, nil
  for i = 1, #live do
    local created = redis.call('ZSCORE', b .. 'fresh', live[i])
    if created and (best == nil or tonumber(created) < best) then victim, best = live[i], tonumber(created) end
  end
  if victim == nil then
    for i = 1, #live do
      local seen = redis.call('ZSCORE', b .. 'seen', live[i])
      if seen and tonumber(seen) <= now - idleAfter and (best == nil or tonumber(seen) < best) then
        victim, best = live[i], tonumber(seen)
      end
    end
  end
  if victim == nil then return { 0, 'max-sessions-per-client' } end
  remove(victim)
  evicted[#evicted + 1] = victim
end
if redis.call('ZCARD', b .. 'fresh') + redis.call('ZCARD', b .. 'seen') >= maxAll then
  local victim = redis.call('ZRANGE', b .. 'fresh', 0, 0)[1]
  if victim == nil then
    local oldest = redis.call('ZRANGE', b .. 'seen', 0, 0, 'WITHSCORES')
    if oldest[1] and tonumber(oldest[2]) <= now - idleAfter then victim = oldest[1] end
  end
  if victim == nil then return { 0, 'max-sessions', unpack(evicted) } end
  remove(victim)
  evicted[#evicted + 1] = victim
end
local key = p .. 's:' .. id
redis.call('HSET', key, 'k', kind, 'o', ARGV[4], 'c', clientKey, 'ca', ARGV[6], 'ls', ARGV[7], 'ex', ARGV[8], 'e', ARGV[9])
if ARGV[11] == '1' then redis.call('HSET', key, 'v', ARGV[10]) end
if ARGV[13] == '1' then redis.call('HSET', key, 'n', ARGV[12]) end
if ARGV[18] ~= '' then redis.call('HSET', key, 'g', ARGV[18]) end
local ttl = string.format('%d', math.max(1, expires - now + grace))
redis.call('PEXPIRE', key, ttl)
redis.call('ZADD', b .. 'exp', ARGV[8], id)
if ARGV[9] == '1' then redis.call('ZADD', b .. 'seen', ARGV[7], id) else redis.call('ZADD', b .. 'fresh', ARGV[6], id) end
if clientKey ~= '' then
  local set = b .. 'c:' .. clientKey
  redis.call('ZADD', set, ARGV[8], id)
  if redis.call('PTTL', set) < tonumber(ttl) then redis.call('PEXPIRE', set, ttl) end
end
return { 1, '', unpack(evicted) }
`);

/**
 * ARGV: prefix, id, now, established ('1' or ''), version, has version, snapshot, has snapshot,
 * last seen ('' to keep), expires ('' to keep), grace ms, GET stream position ('' to keep). Returns 1
 * when a live record was changed.
 */
export const UPDATE_SESSION = new LuaScript(`${PRELUDE}
local id, now = ARGV[2], tonumber(ARGV[3])
local key = p .. 's:' .. id
local data = redis.call('HMGET', key, 'k', 'ex', 'e', 'ls', 'c')
if not data[1] or tonumber(data[2]) <= now then return 0 end
local b = base(data[1])
if ARGV[6] == '1' then redis.call('HSET', key, 'v', ARGV[5]) end
if ARGV[8] == '1' then redis.call('HSET', key, 'n', ARGV[7]) end
if ARGV[12] ~= '' then redis.call('HSET', key, 'g', ARGV[12]) end
local seen = data[4]
if ARGV[9] ~= '' then
  seen = ARGV[9]
  redis.call('HSET', key, 'ls', seen)
end
if ARGV[4] == '1' and data[3] ~= '1' then
  redis.call('HSET', key, 'e', '1')
  redis.call('ZREM', b .. 'fresh', id)
  redis.call('ZADD', b .. 'seen', seen, id)
elseif ARGV[9] ~= '' and data[3] == '1' then
  redis.call('ZADD', b .. 'seen', seen, id)
end
if ARGV[10] ~= '' then
  redis.call('HSET', key, 'ex', ARGV[10])
  redis.call('ZADD', b .. 'exp', ARGV[10], id)
  if data[5] and data[5] ~= '' then redis.call('ZADD', b .. 'c:' .. data[5], 'XX', ARGV[10], id) end
  redis.call('PEXPIRE', key, string.format('%d', math.max(1, tonumber(ARGV[10]) - now + tonumber(ARGV[11]))))
end
return 1
`);

/** ARGV: prefix, id, now. Returns 1 when a live record was removed. */
export const DELETE_SESSION = new LuaScript(`${PRELUDE}
local expires = redis.call('HGET', p .. 's:' .. ARGV[2], 'ex')
if not expires then return 0 end
remove(ARGV[2])
if tonumber(expires) > tonumber(ARGV[3]) then return 1 end
return 0
`);

/** ARGV: prefix, kind, now, client key ('' for all), by client (0/1). Returns the live count. */
export const COUNT_SESSIONS = new LuaScript(`${PRELUDE}
local b, now = base(ARGV[2]), tonumber(ARGV[3])
sweep(b, now)
if ARGV[5] == '1' then
  if ARGV[4] == '' then return 0 end
  return clientCount(b, ARGV[4], now)
end
return redis.call('ZCARD', b .. 'fresh') + redis.call('ZCARD', b .. 'seen')
`);
