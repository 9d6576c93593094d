export * from './errors.js';
export * from './jsonrpc/types.js';
export * from './revisions.js';
export * from './transport.js';
