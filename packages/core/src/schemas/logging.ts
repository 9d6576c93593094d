/**
 * Logging: logging/setLevel (legacy revisions) and notifications/message. In 2026-07-28 the level travels in the
 * request's `_meta` (`io.modelcontextprotocol/logLevel`) instead of a setLevel call.
 */
import { z } from 'zod';
import { LoggingLevel } from './base.js';
import { type Kit, noteParams, reqParams } from './kit.js';

export function loggingArea<K extends Kit>(k: K) {
  return {
    LoggingLevel,
    SetLevelRequestParams: reqParams(k, { level: LoggingLevel }),
    LoggingMessageNotificationParams: noteParams(k, {
      level: LoggingLevel,
      logger: z.string().optional(),
      data: z.unknown(),
    }),
  };
}
