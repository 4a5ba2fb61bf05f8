export { openPostgresStore, PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { lsnValue, type ReadRouting } from './read-replica.js';
