// Types of v3.mjs: zod 3's classic API.
export * from 'zod/v3';
