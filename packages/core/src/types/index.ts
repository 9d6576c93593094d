/** The named protocol types (see base.ts for how they describe every revision at once). */
export type * from './base.js';
export type * from './client-requests.js';
export type * from './content.js';
export type * from './lifecycle.js';
export type * from './modern.js';
export type * from './notifications.js';
export type * from './prompts.js';
export type * from './resources.js';
export type * from './tasks.js';
export type * from './tool-definition.js';
export type * from './tools.js';

/** A request id as the schemas name it (the same as RequestId). */
export type RequestIdType = string | number;
