/**
 * Tasks (2025-11-25 basic/utilities/tasks) for tools that declare `taskSupport`: a task-augmented
 * tools/call answers at once with a CreateTaskResult and runs the tool in the background; tasks/get,
 * tasks/result (blocks until terminal), tasks/list and tasks/cancel follow it; status changes are sent as
 * notifications/tasks/status. Tasks live with the connection (bound to the caller's session) and are
 * dropped `ttl` ms after creation. Task ids come from crypto.randomUUID (unguessable).
 */
import {
  ErrorCode,
  type JsonObject,
  ProtocolError,
  type TaskStatus,
  toWireError,
  type WireError,
} from '@mcpwire/core';
import type { Paginator } from './pagination.js';

export const RELATED_TASK = 'io.modelcontextprotocol/related-task';

interface TaskRecord {
  task: JsonObject & { taskId: string; status: TaskStatus };
  controller: AbortController;
  outcome: { result: JsonObject } | { error: WireError } | undefined;
  waiters: (() => void)[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

export interface TaskStoreOptions {
  /** ttl when the client asks for none. Default 5 minutes. */
  defaultTtlMs: number;
  /** Largest ttl granted. Default 1 hour. */
  maxTtlMs: number;
  pollIntervalMs: number;
}

export class TaskStore {
  private readonly records = new Map<string, TaskRecord>();

  constructor(
    private readonly options: TaskStoreOptions,
    private readonly paginator: Paginator,
    private readonly notify: (task: JsonObject) => void,
  ) {}

  /** Starts `run` as a task and returns the CreateTaskResult to send right away. */
  start(requestedTtl: number | undefined, run: (signal: AbortSignal) => Promise<JsonObject>): JsonObject {
    const now = new Date().toISOString();
    const ttl = Math.min(requestedTtl ?? this.options.defaultTtlMs, this.options.maxTtlMs);
    const record: TaskRecord = {
      task: {
        taskId: crypto.randomUUID(),
        status: 'working',
        createdAt: now,
        lastUpdatedAt: now,
        ttl,
        pollInterval: this.options.pollIntervalMs,
      },
      controller: new AbortController(),
      outcome: undefined,
      waiters: [],
      timer: undefined,
    };
    this.records.set(record.task.taskId, record);
    record.timer = setTimeout(() => this.drop(record), ttl);
    (record.timer as { unref?: () => void }).unref?.();
    run(record.controller.signal).then(
      (result) => this.finish(record, { result }, result.isError === true ? 'failed' : 'completed'),
      (error: unknown) => this.finish(record, { error: toWireError(error) }, 'failed'),
    );
    return { task: { ...record.task } };
  }

  get(taskId: string): JsonObject {
    return { ...this.find(taskId).task };
  }

  /** The task's final result (or error), waiting while it is still working. */
  async result(taskId: string, signal: AbortSignal): Promise<JsonObject> {
    const record = this.find(taskId);
    if (record.outcome === undefined) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        record.waiters.push(done);
        signal.addEventListener('abort', done, { once: true });
      });
    }
    const outcome = record.outcome;
    if (outcome === undefined) {
      throw new ProtocolError(
        ErrorCode.InternalError,
        `tasks/result for ${taskId} was cancelled before the task ended`,
      );
    }
    if ('error' in outcome)
      throw new ProtocolError(outcome.error.code, outcome.error.message, outcome.error.data);
    const meta = { ...(outcome.result._meta as JsonObject | undefined), [RELATED_TASK]: { taskId } };
    return { ...outcome.result, _meta: meta };
  }

  cancel(taskId: string): JsonObject {
    const record = this.find(taskId);
    if (TERMINAL.has(record.task.status)) {
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        `Cannot cancel task ${taskId}: expected a task that is still working, received one already ${record.task.status}`,
      );
    }
    record.controller.abort(new Error(`Task ${taskId} was cancelled by the client`));
    this.finish(
      record,
      { error: { code: ErrorCode.InternalError, message: `Task ${taskId} was cancelled` } },
      'cancelled',
    );
    return { ...record.task };
  }

  list(cursor: string | undefined): JsonObject {
    const all = [...this.records.values()].map((record) => ({ ...record.task }));
    const page = this.paginator.page('tasks/list', all, cursor);
    const result: JsonObject = { tasks: page.items };
    if (page.nextCursor !== undefined) result.nextCursor = page.nextCursor;
    return result;
  }

  /** The connection closed: stop every task and forget them. */
  dispose(): void {
    for (const record of this.records.values()) {
      clearTimeout(record.timer);
      record.controller.abort(new Error('Connection closed'));
      for (const wake of record.waiters.splice(0)) wake();
    }
    this.records.clear();
  }

  private find(taskId: string): TaskRecord {
    const record = this.records.get(taskId);
    if (record === undefined) {
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        `Invalid params: expected the id of a task of this session, received ${JSON.stringify(taskId)}`,
      );
    }
    return record;
  }

  private finish(record: TaskRecord, outcome: TaskRecord['outcome'], status: TaskStatus): void {
    // A cancelled task stays cancelled, whatever the tool does afterwards (tasks §Cancellation).
    if (TERMINAL.has(record.task.status)) return;
    record.outcome = outcome;
    record.task.status = status;
    record.task.lastUpdatedAt = new Date().toISOString();
    for (const wake of record.waiters.splice(0)) wake();
    if (this.records.get(record.task.taskId) === record) this.notify({ ...record.task });
  }

  private drop(record: TaskRecord): void {
    if (this.records.get(record.task.taskId) === record) this.records.delete(record.task.taskId);
    for (const wake of record.waiters.splice(0)) wake();
  }
}
