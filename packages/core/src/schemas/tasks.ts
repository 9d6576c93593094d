/**
 * Tasks (2025-11-25 only): task-augmented requests, tasks/get, tasks/result, tasks/cancel, tasks/list and
 * notifications/tasks/status. 2026-07-28 moved tasks out of the core protocol into an extension.
 */
import { z } from 'zod';
import { Integer, obj } from './base.js';
import { type Kit, noteParams, reqParams, result } from './kit.js';

export const TaskStatus = z.enum(['working', 'input_required', 'completed', 'failed', 'cancelled']);
export const TaskMetadata = obj({ ttl: Integer.optional() });
export const RelatedTaskMetadata = obj({ taskId: z.string() });
const taskFields = {
  taskId: z.string(),
  status: TaskStatus,
  statusMessage: z.string().optional(),
  createdAt: z.string(),
  lastUpdatedAt: z.string(),
  ttl: Integer.nullable(),
  pollInterval: Integer.optional(),
};
export const Task = obj(taskFields);

export function tasksArea<K extends Kit>(k: K) {
  const taskIdParams = reqParams(k, { taskId: z.string() });
  const taskResult = result(k, taskFields);
  return {
    Task,
    TaskStatus,
    TaskMetadata,
    RelatedTaskMetadata,
    CreateTaskResult: result(k, { task: Task }),
    GetTaskRequestParams: taskIdParams,
    GetTaskResult: taskResult,
    GetTaskPayloadRequestParams: taskIdParams,
    /** The payload is the original request's result, whatever it is. */
    GetTaskPayloadResult: result(k, {}),
    CancelTaskRequestParams: taskIdParams,
    CancelTaskResult: taskResult,
    ListTasksRequestParams: reqParams(k, { cursor: z.string().optional() }),
    ListTasksResult: result(k, { tasks: z.array(Task), nextCursor: z.string().optional() }),
    TaskStatusNotificationParams: noteParams(k, taskFields),
  };
}
