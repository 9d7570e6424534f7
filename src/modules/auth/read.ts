// The auth module's read model for other modules: the account tables other modules join in SQL (to print who acted,
// or to find the accounts of a unit's staff). Joins in reads only: writes go through the auth module's services;
// test/architecture.test.ts fails on any other.
export { accountRoles, accounts, type Role } from './schema.js';
