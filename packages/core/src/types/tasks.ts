/**
 * Tasks (2025-11-25 only; 2026-07-28 moved them to an extension): a request run in the background and
 * polled with tasks/get, tasks/result, tasks/cancel and tasks/list.
 */
import type { NotificationParams, PaginatedRequestParams, RequestParams, Result } from './base.js';

/** The state of a task. */
export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

/** Asks for a request to run as a task. */
export interface TaskMetadata {
  /** How long the requester wants the task kept after it ends, in ms. */
  ttl?: number;
}

/** The `_meta` that ties a message to a task. */
export interface RelatedTaskMetadata {
  taskId: string;
}

/** A task: long-running work the client polls for (2025-11-25). */
export interface Task {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  lastUpdatedAt: string;
  /** How long the task is kept after it ends, in ms; null: no limit. */
  ttl: number | null;
  /** How often the requester should poll, in ms. */
  pollInterval?: number;
}

/** The immediate answer to a task-augmented request. */
export interface CreateTaskResult extends Result {
  task: Task;
}

/** Params of tasks/get, tasks/result and tasks/cancel. */
export interface TaskRequestParams extends RequestParams {
  taskId: string;
}

/** Params of tasks/get. */
export type GetTaskRequestParams = TaskRequestParams;
/** Params of tasks/result. */
export type GetTaskPayloadRequestParams = TaskRequestParams;
/** Params of tasks/cancel. */
export type CancelTaskRequestParams = TaskRequestParams;

/** The task's current state (tasks/get and tasks/cancel). */
export interface TaskResult extends Result, Task {}

/** Result of tasks/get. */
export type GetTaskResult = TaskResult;
/** Result of tasks/cancel. */
export type CancelTaskResult = TaskResult;

/** tasks/result: the original request's result, whatever it is. */
export interface GetTaskPayloadResult extends Result {
  [key: string]: unknown;
}

/** Params of tasks/list. */
export type ListTasksRequestParams = PaginatedRequestParams;

export interface ListTasksResult extends Result {
  tasks: Task[];
  nextCursor?: string;
}

export interface TaskStatusNotificationParams extends NotificationParams, Task {}
