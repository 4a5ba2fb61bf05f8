// Test-only entry (`@lifeline/store/testing`): the shared contract suite imports node:test and
// the fixtures sign with nostr-tools, neither of which belongs in a running node.
export { runStoreContract, type OpenStore, type ReopenStore } from './contract.js';
export * as fixtures from './fixtures.js';
