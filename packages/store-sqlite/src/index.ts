export { SqliteStore, openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
