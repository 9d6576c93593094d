/**
 * Public TypeScript types of protocol messages: named interfaces (../types), which a type-level test holds
 * equal to these schemas. Kept here so modules that import types beside the schemas keep one path.
 */
export type * from '../types/index.js';
