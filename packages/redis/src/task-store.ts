/**
 * 2025-11-25 tasks in Redis (the TaskStore of @mcpwire/server): any process serving a session answers
 * tasks/get, tasks/result, tasks/list and tasks/cancel for a task another process runs.
 *
 * A task is a hash `<p>task:<owner>:<id>` expiring with its ttl: `t` the task as created (JSON), `s` its
 * status, `u` its lastUpdatedAt, `o` its outcome (JSON) once ended. Only `s`, `u` and `o` ever change, so
 * the scripts never parse JSON (Lua's cjson would turn [] into {}). `<p>tasks:<owner>` orders an owner's
 * tasks by creation. Ending a task is one script: it checks the status is not terminal, writes, and
 * publishes the ended record on `task:<owner>:<id>`, which `watch` listens to.
 */
import type { JsonObject, TaskStatus } from '@mcpwire/core';
import type { TaskOutcome, TaskRecord, TaskState, TaskStore } from '@mcpwire/server';
import { LuaScript, type RedisLink } from './link.js';

/** KEYS: task, owner index. ARGV: task JSON, status, lastUpdatedAt, ttl ms, task id. */
const CREATE = new LuaScript(`
redis.call('HSET', KEYS[1], 't', ARGV[1], 's', ARGV[2], 'u', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
local order = 1
if #last > 0 then order = tonumber(last[2]) + 1 end
redis.call('ZADD', KEYS[2], order, ARGV[5])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
return 1
`);

/**
 * KEYS: task. ARGV: status, lastUpdatedAt, outcome JSON, channel. Returns false when the task is unknown
 * or ended, else the task JSON (the caller assembles the record). Publishes `status\\nupdated\\ntask\\noutcome`.
 */
const FINISH = new LuaScript(`
local data = redis.call('HMGET', KEYS[1], 't', 's')
if not data[1] or data[2] == 'completed' or data[2] == 'failed' or data[2] == 'cancelled' then return false end
redis.call('HSET', KEYS[1], 's', ARGV[1], 'u', ARGV[2], 'o', ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[1] .. '\\n' .. ARGV[2] .. '\\n' .. data[1] .. '\\n' .. ARGV[3])
return data[1]
`);

/** KEYS: owner index. ARGV: task key prefix. Returns t, s, u of each live task, dropping expired ids. */
const LIST = new LuaScript(`
local out = {}
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
for i = 1, #ids do
  local data = redis.call('HMGET', ARGV[1] .. ids[i], 't', 's', 'u')
  if data[1] then
    out[#out + 1] = data[1]
    out[#out + 1] = data[2]
    out[#out + 1] = data[3]
  else
    redis.call('ZREM', KEYS[1], ids[i])
  end
end
return out
`);

/** The {@link TaskStore} of 2025-11-25 tasks in Redis, shared by every process. */
export class RedisTaskStore implements TaskStore {
  /** Created by {@link redisStore}, which shares one connection among its stores. */
  constructor(private readonly link: RedisLink) {}

  async create(owner: string, task: TaskState, ttlMs: number): Promise<void> {
    await this.link.script(
      CREATE,
      [this.taskKey(owner, task.taskId), this.indexKey(owner)],
      [
        JSON.stringify(task),
        task.status,
        task.lastUpdatedAt,
        String(Math.max(1, Math.ceil(ttlMs))),
        task.taskId,
      ],
    );
  }

  async get(owner: string, taskId: string): Promise<TaskRecord | undefined> {
    const [task, status, updated, outcome] = (await this.link.send([
      'HMGET',
      this.taskKey(owner, taskId),
      't',
      's',
      'u',
      'o',
    ])) as (string | null)[];
    if (task == null) return undefined;
    return record(task, status!, updated!, outcome ?? undefined);
  }

  async finish(
    owner: string,
    taskId: string,
    status: TaskStatus,
    lastUpdatedAt: string,
    outcome: TaskOutcome,
  ): Promise<TaskRecord | undefined> {
    const text = JSON.stringify(outcome);
    const task = await this.link.script(
      FINISH,
      [this.taskKey(owner, taskId)],
      [status, lastUpdatedAt, text, this.link.key(this.channel(owner, taskId))],
    );
    return typeof task === 'string' ? record(task, status, lastUpdatedAt, text) : undefined;
  }

  async list(owner: string): Promise<TaskState[]> {
    const flat = (await this.link.script(
      LIST,
      [this.indexKey(owner)],
      [this.link.key(`task:${owner}:`)],
    )) as string[];
    const tasks: TaskState[] = [];
    for (let i = 0; i < flat.length; i += 3) tasks.push(record(flat[i]!, flat[i + 1]!, flat[i + 2]!).task);
    return tasks;
  }

  async watch(owner: string, taskId: string, listener: (record: TaskRecord) => void): Promise<() => void> {
    const remove = await this.link.subscribe(this.channel(owner, taskId), (text) => {
      // JSON never holds a raw newline, so the four parts split exactly.
      const [status, updated, task, outcome] = text.split('\n') as [string, string, string, string];
      listener(record(task, status, updated, outcome));
    });
    return () => void remove();
  }

  private taskKey(owner: string, taskId: string): string {
    return this.link.key(`task:${owner}:${taskId}`);
  }

  private indexKey(owner: string): string {
    return this.link.key(`tasks:${owner}`);
  }

  private channel(owner: string, taskId: string): string {
    return `task:${owner}:${taskId}`;
  }
}

function record(task: string, status: string, updated: string, outcome?: string): TaskRecord {
  const state = JSON.parse(task) as TaskState;
  state.status = status as TaskStatus;
  state.lastUpdatedAt = updated;
  return outcome === undefined
    ? { task: state }
    : { task: state, outcome: JSON.parse(outcome) as TaskOutcome & JsonObject };
}
