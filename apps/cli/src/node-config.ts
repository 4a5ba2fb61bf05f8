import { loadConfig, type Config } from '@lifeline/config';

/** Environment variables the CLI itself reads; they are not node settings. */
export const CLI_ENV = ['LIFELINE_KEY', 'LIFELINE_PASSPHRASE'] as const;

/** The node config from leftover flags and the environment, minus the CLI's own variables. */
export function nodeConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const rest = { ...env };
  for (const name of CLI_ENV) delete rest[name];
  return loadConfig(argv, rest);
}
