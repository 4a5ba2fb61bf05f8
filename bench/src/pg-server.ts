/**
 * A durable (fsync on) throwaway PostgreSQL server for benchmarks: prints its URL as one line, then
 * runs until SIGINT or SIGTERM, when it stops and deletes its directory.
 * `node bench/dist/pg-server.js` then `lifeline serve --database-url <URL>`.
 */
import { startPostgres } from '@lifeline/testkit/postgres';

const pg = await startPostgres({ durable: true });
console.log(await pg.createDatabase('bench'));
const stop = () => void pg.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
setInterval(() => {}, 2 ** 30);
