import cluster, { type Worker } from 'node:cluster';
import type { Config } from '@lifeline/config';

/** Where `lifeline serve` writes its lines. */
type Say = (line: string) => void;

/**
 * `serve --workers N` in the primary: forks N copies of this command (Node cluster; the primary
 * owns the port and hands connections round-robin), which share the PostgreSQL database and reach
 * each other's live subscribers through its feed (store-postgres/feed.ts). The first worker starts
 * alone, so the node key and schema are created once; a worker that dies is replaced; SIGINT or
 * SIGTERM stops them all cleanly. Resolves to the exit code.
 */
export async function runPrimary(config: Config, say: Say): Promise<number> {
  if (!config.databaseUrl) {
    say('--workers above 1 needs --database-url: processes share live events through PostgreSQL');
    return 2;
  }
  let stopping = false;
  const workers = new Set<Worker>();
  const fork = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork();
      workers.add(worker);
      let listening = false;
      worker.once('listening', () => {
        listening = true;
        // The pid lets an operator (or a test) find the process behind a connection.
        say(`worker ${worker.process.pid} listening`);
        resolve(worker);
      });
      worker.once('exit', (code, signal) => {
        workers.delete(worker);
        if (stopping) return;
        // One that never started (a setting, an unreachable database) would fail again.
        if (!listening) return reject(new Error(`worker exited (${code ?? signal}) before listening`));
        say(`worker ${worker.process.pid} exited (${code ?? signal}); starting another`);
        fork().catch((error: Error) => say(error.message));
      });
    });
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
  const stopAll = async () => {
    stopping = true;
    const exits = [...workers].map((w) => new Promise((resolve) => w.once('exit', resolve)));
    for (const w of workers) w.process.kill('SIGTERM');
    await Promise.all(exits);
  };
  try {
    await fork();
    await Promise.all(Array.from({ length: config.workers - 1 }, fork));
  } catch (error) {
    say((error as Error).message);
    await stopAll();
    return 1;
  }
  say(`Lifeline primary ${process.pid}: ${config.workers} workers`);
  say(`${await signal}: shutting down`);
  await stopAll();
  say('stopped cleanly');
  return 0;
}

/** True in the primary of `serve --workers N` (N > 1). */
export const isPrimaryOf = (config: Config) => config.workers > 1 && cluster.isPrimary;
