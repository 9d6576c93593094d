export * from './runtime/index.js';
export * from './schemas/index.js';
