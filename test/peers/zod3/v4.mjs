// zod 3.25's bundled v4 API ('zod/v4' under zod 3.25).
export * from 'zod/v4';
