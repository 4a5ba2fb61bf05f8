import { configMarkdown } from '@lifeline/config';
import type { Command } from './command.js';

/** `lifeline config-docs`: docs/config.md, generated from the config schema. */
export const configDocs: Command = {
  help: 'usage: lifeline config-docs\n\nPrints docs/config.md, generated from the config schema.',
  async run(_argv, io) {
    io.out(configMarkdown().trimEnd());
    return 0;
  },
};
