// Types of v4.mjs: zod 3.25's bundled v4 API.
export * from 'zod/v4';
