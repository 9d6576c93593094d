/** Logging, progress and cancellation: the messages that accompany requests in every revision. */
import type { RequestId } from '../jsonrpc/types.js';
import type { LoggingLevel, NotificationParams, ProgressToken, RequestParams } from './base.js';

/** Legacy revisions: logging/setLevel (2026-07-28 sends the level in each request's `_meta`). */
export interface SetLevelRequestParams extends RequestParams {
  level: LoggingLevel;
}

export interface LoggingMessageNotificationParams extends NotificationParams {
  level: LoggingLevel;
  /** Which part of the server logged it. */
  logger?: string;
  /** Any JSON value. */
  data: unknown;
}

export interface ProgressNotificationParams extends NotificationParams {
  progressToken: ProgressToken;
  /** Grows with each notification, even when the total is unknown. */
  progress: number;
  total?: number;
  /** 2025-03-26 and later. */
  message?: string;
}

export interface CancelledNotificationParams extends NotificationParams {
  /** Required, except in 2025-11-25 (a task is cancelled through tasks/cancel instead). */
  requestId?: RequestId;
  reason?: string;
}
