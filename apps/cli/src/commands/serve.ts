import { helpText } from '@lifeline/config';
import { serve as runServer } from '@lifeline/server';
import { nodeConfig } from '../node-config.js';
import type { Command } from './command.js';

/** `lifeline serve`: the server entry (apps/server) with settings from flags and the environment. */
export const serve: Command = {
  usage: 'serve [settings]',
  about: `Every setting is a flag or a LIFELINE_* environment variable:

${helpText()}`,
  flags: {},
  run: (argv, io) => runServer(nodeConfig(argv, process.env), io.err),
};
