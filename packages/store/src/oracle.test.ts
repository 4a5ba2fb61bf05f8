import { MemoryStore } from './oracle.js';
import { runStoreContract } from './contract.js';

runStoreContract('memory', async () => new MemoryStore());
