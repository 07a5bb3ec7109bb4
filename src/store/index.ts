// The store's public face: the interface, the SQLite implementation, tokens, seeding and backup.

export type * from './types.js';
export type * from './order-types.js';
export type * from './scan-types.js';
export { ROLES } from './types.js';
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite.js';
export { openPostgresStore, PostgresStore, isPostgresUrl, type PostgresStoreOptions } from './postgres.js';
export { openStore, defaultDb, redact, type OpenStoreOptions } from './open.js';
export { hashToken, issueToken, parseExpiry, tokenRefusal, type TokenRequest } from './tokens.js';
export { seedRuleSet } from './seed.js';
export { backupDatabase } from './backup.js';
export { MIGRATIONS, migrate, type Migration } from './migrations.js';
