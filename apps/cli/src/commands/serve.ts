import { helpText } from '@lifeline/config';
import { startNode } from '@lifeline/server';
import { nodeConfig } from '../node-config.js';
import type { Command } from './command.js';

/** `lifeline serve`: runs the node until SIGINT or SIGTERM, then shuts down cleanly. */
export const serve: Command = {
  help: `usage: lifeline serve [settings]

Every setting is a flag or a LIFELINE_* environment variable:

${helpText()}`,
  async run(argv, io) {
    const config = nodeConfig(argv, process.env);
    const node = await startNode(config);
    // The backend is named because the wasm fallback verifies about 7x slower than the native addon.
    const signatures = node.signatures === 'native' ? 'native libsecp256k1' : 'wasm fallback (native addon not built)';
    io.err(`Lifeline listening on ${node.url} (data: ${config.data}; signatures: ${signatures})`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    io.err(`${signal}: shutting down`);
    await node.close();
    return 0;
  },
};
