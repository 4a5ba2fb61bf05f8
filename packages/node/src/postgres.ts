import type { Config } from '@lifeline/config';
import { openPostgresStore, type PostgresStore } from '@lifeline/store-postgres';
import { postgresError } from './start-error.js';

/** Opens the PostgreSQL backend chosen by `--database-url`; a server that cannot be used is a StartError. */
export function openPostgres(config: Config): Promise<PostgresStore> {
  return openPostgresStore({
    url: config.databaseUrl,
    maxConnections: config.databaseConnections,
    maxBatch: config.writeBatch,
    readUrl: config.databaseReadUrl,
  }).catch((err: unknown) => {
    if ((err as { fromReplica?: boolean }).fromReplica)
      throw postgresError(err, config.databaseReadUrl, '--database-read-url');
    throw postgresError(err, config.databaseUrl, '--database-url');
  });
}
