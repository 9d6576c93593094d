/**
 * Tasks (2025-11-25 basic/utilities/tasks) for tools that declare `taskSupport`: a task-augmented
 * tools/call answers at once with a CreateTaskResult and runs the tool in the background; tasks/get,
 * tasks/result (blocks until terminal), tasks/list and tasks/cancel follow it; status changes are sent as
 * notifications/tasks/status. Tasks belong to the caller's session and are dropped `ttl` ms after
 * creation. Task ids come from crypto.randomUUID (unguessable).
 *
 * The state lives in a TaskStore (task-store.ts), so with a shared store another process serving the
 * session answers for a task this one runs: a cancellation there reaches the run here through `watch`.
 */
import {
  ErrorCode,
  type JsonObject,
  ProtocolError,
  type TaskStatus,
  toWireError,
  type WireError,
} from '@mcpwire/core/runtime';
import type { Paginator } from './pagination.js';
import {
  type TaskOutcome,
  type TaskRecord,
  type TaskState,
  type TaskStore,
  TERMINAL_STATUSES,
} from './task-store.js';

export const RELATED_TASK = 'io.modelcontextprotocol/related-task';

export interface TaskOptions {
  /** ttl when the client asks for none. Default 5 minutes. */
  defaultTtlMs: number;
  /** Largest ttl granted. Default 1 hour. */
  maxTtlMs: number;
  pollIntervalMs: number;
}

/** A task this process runs: stopped on cancellation (from anywhere) and when the session goes. */
interface Running {
  controller: AbortController;
  unwatch: (() => void) | undefined;
  timer: ReturnType<typeof setTimeout>;
}

export class SessionTasks {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly store: TaskStore,
    /** The session the tasks belong to. */
    private readonly owner: string,
    private readonly options: TaskOptions,
    private readonly paginator: Paginator,
    private readonly notify: (task: JsonObject) => void,
  ) {}

  /** Starts `run` as a task and returns the CreateTaskResult to send right away. */
  async start(
    requestedTtl: number | undefined,
    run: (signal: AbortSignal) => Promise<JsonObject>,
  ): Promise<JsonObject> {
    const now = new Date().toISOString();
    const ttl = Math.min(requestedTtl ?? this.options.defaultTtlMs, this.options.maxTtlMs);
    const task: TaskState = {
      taskId: crypto.randomUUID(),
      status: 'working',
      createdAt: now,
      lastUpdatedAt: now,
      ttl,
      pollInterval: this.options.pollIntervalMs,
    };
    await this.store.create(this.owner, task, ttl);
    const taskId = task.taskId;
    const local: Running = {
      controller: new AbortController(),
      unwatch: undefined,
      timer: setTimeout(() => this.forget(taskId), ttl),
    };
    (local.timer as { unref?: () => void }).unref?.();
    this.running.set(taskId, local);
    // A cancellation served by any process ends the task in the store: stop the work here.
    Promise.resolve(
      this.store.watch(this.owner, taskId, (record) => {
        if (record.task.status === 'cancelled') {
          local.controller.abort(new Error(`Task ${taskId} was cancelled by the client`));
        }
        this.forget(taskId);
      }),
    ).then(
      (unwatch) => {
        if (this.running.get(taskId) === local) local.unwatch = unwatch;
        else unwatch();
      },
      () => undefined,
    );
    run(local.controller.signal)
      .then(
        (result) => this.end(taskId, result.isError === true ? 'failed' : 'completed', { result }),
        (error: unknown) => this.end(taskId, 'failed', { error: toWireError(error) }),
      )
      .finally(() => this.forget(taskId));
    return { task: { ...task } };
  }

  async get(taskId: string): Promise<JsonObject> {
    return (await this.find(taskId)).task;
  }

  /** The task's final result (or error), waiting while it is still working. */
  async result(taskId: string, signal: AbortSignal): Promise<JsonObject> {
    let record = await this.find(taskId);
    if (!TERMINAL_STATUSES.has(record.task.status)) record = await this.waitForEnd(record.task, signal);
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

  async cancel(taskId: string): Promise<JsonObject> {
    const record = await this.find(taskId);
    const refuse = (status: string): ProtocolError =>
      new ProtocolError(
        ErrorCode.InvalidParams,
        `Cannot cancel task ${taskId}: expected a task that is still working, received one already ${status}`,
      );
    if (TERMINAL_STATUSES.has(record.task.status)) throw refuse(record.task.status);
    const error: WireError = { code: ErrorCode.InternalError, message: `Task ${taskId} was cancelled` };
    const ended = await this.end(taskId, 'cancelled', { error });
    if (ended === undefined) {
      // It ended (elsewhere, or here) between the read and the cancellation.
      throw refuse((await this.find(taskId)).task.status);
    }
    return ended.task;
  }

  async list(cursor: string | undefined): Promise<JsonObject> {
    const all = await this.store.list(this.owner);
    const page = this.paginator.page('tasks/list', all, cursor);
    const result: JsonObject = { tasks: page.items };
    if (page.nextCursor !== undefined) result.nextCursor = page.nextCursor;
    return result;
  }

  /**
   * The connection closed: stop the work of every task this process runs. Their records stay in the store
   * (another process may serve the session) and end as failed.
   */
  dispose(): void {
    for (const [taskId, local] of [...this.running]) {
      local.controller.abort(new Error('Connection closed'));
      const error: WireError = {
        code: ErrorCode.InternalError,
        message: `Task ${taskId} stopped: the server connection running it closed`,
      };
      void Promise.resolve(
        this.store.finish(this.owner, taskId, 'failed', new Date().toISOString(), { error }),
      ).catch(() => undefined);
      this.forget(taskId);
    }
  }

  private async find(taskId: string): Promise<TaskRecord> {
    const record = typeof taskId === 'string' ? await this.store.get(this.owner, taskId) : undefined;
    if (record === undefined) {
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        `Invalid params: expected the id of a task of this session, received ${JSON.stringify(taskId)}`,
      );
    }
    return record;
  }

  /**
   * Waits until the task ends (told by the store, from any process), the caller goes away, or the task's
   * ttl passes (the process running it may have died). Resolves with the record then, ended or not.
   */
  private async waitForEnd(task: TaskState, signal: AbortSignal): Promise<TaskRecord> {
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    let ended: TaskRecord | undefined;
    const unwatch = await this.store.watch(this.owner, task.taskId, (record) => {
      ended = record;
      wake();
    });
    const expiresIn = Date.parse(task.createdAt) + task.ttl - Date.now();
    const timer = setTimeout(wake, Math.max(0, expiresIn));
    (timer as { unref?: () => void }).unref?.();
    signal.addEventListener('abort', wake, { once: true });
    try {
      // It may have ended between the first read and the watch.
      const current = await this.store.get(this.owner, task.taskId);
      if (current === undefined || TERMINAL_STATUSES.has(current.task.status) || signal.aborted) {
        return current ?? { task };
      }
      await woken;
      return ended ?? (await this.store.get(this.owner, task.taskId)) ?? { task };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', wake);
      unwatch();
    }
  }

  /** Ends the task in the store; the process that succeeds sends the status notification. */
  private async end(
    taskId: string,
    status: TaskStatus,
    outcome: TaskOutcome,
  ): Promise<TaskRecord | undefined> {
    let ended: TaskRecord | undefined;
    try {
      ended = await this.store.finish(this.owner, taskId, status, new Date().toISOString(), outcome);
    } catch {
      // The store is away: the task stays "working" there until its ttl; nothing else can be done.
      return undefined;
    }
    // A cancelled task stays cancelled, whatever the tool does afterwards (tasks §Cancellation).
    if (ended !== undefined) this.notify({ ...ended.task });
    return ended;
  }

  private forget(taskId: string): void {
    const local = this.running.get(taskId);
    if (local === undefined) return;
    this.running.delete(taskId);
    clearTimeout(local.timer);
    local.unwatch?.();
  }
}
