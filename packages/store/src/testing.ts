// Test-only entry (`@lifeline/store/testing`): the shared contract suite imports node:test and
// the test kit, neither of which belongs in a running node.
export { runStoreContract, stored, type OpenStore, type ReopenStore } from './contract.js';
