// Test-only entry (`@lifeline/store/testing`): the shared contract suite imports node:test and
// the test kit, and the naive oracle is for comparisons only; none belongs in a running node.
export { fastStored, runStoreContract, stored, type OpenStore, type ReopenStore } from './contract.js';
export { NaiveStore } from './oracle.js';
