export * from '../calendar/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/auth/schema.js';
export * from '../modules/org/schema.js';
export * from '../modules/tasks/schema.js';
export * from '../modules/chasing/schema.js';
export * from '../modules/notify/schema.js';
