export { SqliteStore, openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
/** How a filter becomes SQL; exported for query-plan inspection (bench/src/store-queries.ts). */
export { compileFilter, type CompiledFilter } from './query.js';
export { openEventPages, type EventPages } from './pages.js';
