import { NaiveStore } from './oracle.js';
import { runStoreContract } from './contract.js';

// The oracle passes the hand-written contract too: that, not the engines, is what vouches for it.
runStoreContract('naive oracle', async () => new NaiveStore());
