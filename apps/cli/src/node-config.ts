import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from '@lifeline/config';
import { DATABASE_FILE } from '@lifeline/node';
import { UsageError } from './args.js';

/** Environment variables the CLI itself reads; they are not node settings. */
export const CLI_ENV = ['LIFELINE_KEY', 'LIFELINE_PASSPHRASE'] as const;

/** The node config from leftover flags and the environment, minus the CLI's own variables. */
export function nodeConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const rest = { ...env };
  for (const name of CLI_ENV) delete rest[name];
  return loadConfig(argv, rest);
}

const holdsNode = (data: string) => existsSync(join(data, DATABASE_FILE));

/**
 * For commands that read a node (export): refuses a directory without one before anything is
 * created in it, so a mistyped --data is an error rather than a new, empty node.
 */
export function requireNode(data: string): void {
  if (!holdsNode(data))
    throw new UsageError(
      `${resolve(data)} holds no Lifeline node (no ${DATABASE_FILE}); give the node's directory with --data`,
    );
}

/**
 * For commands that may start a node (import, to restore a backup into a fresh directory): true
 * when a new node will be created, which a new or empty directory allows. A directory that holds
 * other files but no node is refused: it is more likely a mistyped --data than a place for one.
 */
export function createsNode(data: string): boolean {
  if (holdsNode(data)) return false;
  if (existsSync(data) && statSync(data).isDirectory() && readdirSync(data).length > 0) {
    throw new UsageError(
      `${resolve(data)} holds no Lifeline node (no ${DATABASE_FILE}) but other files; give the node's directory, or a new or empty one to create a node, with --data`,
    );
  }
  return true;
}
