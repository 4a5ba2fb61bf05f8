import { configMarkdown } from '@lifeline/config';
import type { Command } from './command.js';

/** `lifeline config-docs`: docs/config.md, generated from the config schema. */
export const configDocs: Command = {
  usage: 'config-docs',
  about: 'Prints docs/config.md, generated from the config schema.',
  flags: {},
  async run(_argv, io) {
    io.out(configMarkdown().trimEnd());
    return 0;
  },
};
