export * from './errors.js';
export * from './jsonrpc/framing.js';
export * from './jsonrpc/guards.js';
export * from './jsonrpc/parse.js';
export * from './jsonrpc/serialize.js';
export * from './jsonrpc/types.js';
export * from './revisions.js';
export * from './transport.js';
