// zod 3's classic API, as a user on zod 3.25 imports it.
export * from 'zod/v3';
