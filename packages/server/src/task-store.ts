/**
 * Where 2025-11-25 tasks are kept. The memory store (default) keeps them in this process; a shared store
 * (e.g. `redisStore(...).tasks` from @mcpwire/redis) lets any process serving a session answer tasks/get,
 * tasks/result, tasks/list and tasks/cancel for a task another process runs: the state is in the store,
 * and `watch` tells every process when a task ends (the one running it stops work on a cancellation).
 *
 * Tasks belong to an owner (the session: its transport session id), and one owner never sees another's.
 * Records are plain JSON; a store may serialise them as it likes. Runtime-neutral: no Node imports.
 */
import type { JsonObject, TaskStatus, WireError } from '@mcpwire/core/runtime';

/** The task as tasks/get answers it. */
export interface TaskState extends JsonObject {
  taskId: string;
  status: TaskStatus;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  lastUpdatedAt: string;
  ttl: number;
  pollInterval: number;
}

/** How a task ended: the tool's result, or the error to answer tasks/result with. */
export type TaskOutcome = { result: JsonObject } | { error: WireError };

/** A task with its outcome once it ended. */
export interface TaskRecord {
  task: TaskState;
  outcome?: TaskOutcome;
}

/** Where a server keeps its 2025-11-25 tasks (the store option's `tasks`); memory by default. */
export interface TaskStore {
  /** Adds a new (working) task of `owner`, kept for `ttlMs` (its ttl) and then forgotten. */
  create(owner: string, task: TaskState, ttlMs: number): void | Promise<void>;
  /** The task, or undefined (unknown, another owner's, or expired). */
  get(owner: string, taskId: string): TaskRecord | undefined | Promise<TaskRecord | undefined>;
  /**
   * Ends a working task: sets its terminal status, lastUpdatedAt and outcome, and tells every watcher.
   * Atomic: when two processes end one task at once (the tool finished as the client cancelled), exactly
   * one succeeds. Answers the ended record, or undefined when the task had ended already or is unknown.
   */
  finish(
    owner: string,
    taskId: string,
    status: TaskStatus,
    lastUpdatedAt: string,
    outcome: TaskOutcome,
  ): TaskRecord | undefined | Promise<TaskRecord | undefined>;
  /** The owner's live tasks, oldest first. */
  list(owner: string): TaskState[] | Promise<TaskState[]>;
  /**
   * Calls `listener` once the task ends, whichever process ended it (at most once per ending). Resolves
   * once listening; the returned function stops listening.
   */
  watch(
    owner: string,
    taskId: string,
    listener: (record: TaskRecord) => void,
  ): (() => void) | Promise<() => void>;
}

export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

interface MemoryEntry {
  record: TaskRecord;
  timer: ReturnType<typeof setTimeout>;
}

/** The default TaskStore: this process's memory, each task dropped by a timer when its ttl passes. */
export class MemoryTaskStore implements TaskStore {
  private readonly owners = new Map<string, Map<string, MemoryEntry>>();
  private readonly watchers = new Map<string, Set<(record: TaskRecord) => void>>();

  create(owner: string, task: TaskState, ttlMs: number): void {
    let tasks = this.owners.get(owner);
    if (tasks === undefined) {
      tasks = new Map();
      this.owners.set(owner, tasks);
    }
    const timer = setTimeout(() => this.drop(owner, task.taskId), ttlMs);
    (timer as { unref?: () => void }).unref?.();
    tasks.set(task.taskId, { record: { task: { ...task } }, timer });
  }

  get(owner: string, taskId: string): TaskRecord | undefined {
    const record = this.owners.get(owner)?.get(taskId)?.record;
    return record === undefined ? undefined : copy(record);
  }

  finish(
    owner: string,
    taskId: string,
    status: TaskStatus,
    lastUpdatedAt: string,
    outcome: TaskOutcome,
  ): TaskRecord | undefined {
    const record = this.owners.get(owner)?.get(taskId)?.record;
    if (record === undefined || TERMINAL_STATUSES.has(record.task.status)) return undefined;
    record.task.status = status;
    record.task.lastUpdatedAt = lastUpdatedAt;
    record.outcome = outcome;
    const watchers = this.watchers.get(key(owner, taskId));
    if (watchers !== undefined) for (const watcher of [...watchers]) watcher(copy(record));
    return copy(record);
  }

  list(owner: string): TaskState[] {
    const tasks = this.owners.get(owner);
    return tasks === undefined ? [] : [...tasks.values()].map((entry) => ({ ...entry.record.task }));
  }

  watch(owner: string, taskId: string, listener: (record: TaskRecord) => void): () => void {
    const id = key(owner, taskId);
    let watchers = this.watchers.get(id);
    if (watchers === undefined) {
      watchers = new Set();
      this.watchers.set(id, watchers);
    }
    const own = watchers;
    const wrapped = (record: TaskRecord): void => listener(record);
    own.add(wrapped);
    return () => {
      own.delete(wrapped);
      if (own.size === 0 && this.watchers.get(id) === own) this.watchers.delete(id);
    };
  }

  /** Stops every expiry timer and forgets every task. */
  clear(): void {
    for (const tasks of this.owners.values()) for (const entry of tasks.values()) clearTimeout(entry.timer);
    this.owners.clear();
  }

  private drop(owner: string, taskId: string): void {
    const tasks = this.owners.get(owner);
    if (tasks === undefined) return;
    tasks.delete(taskId);
    if (tasks.size === 0) this.owners.delete(owner);
  }
}

function key(owner: string, taskId: string): string {
  return `${owner}\n${taskId}`;
}

function copy(record: TaskRecord): TaskRecord {
  return record.outcome === undefined
    ? { task: { ...record.task } }
    : { task: { ...record.task }, outcome: record.outcome };
}
