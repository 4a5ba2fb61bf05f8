export { RelayLink, relaySizes, type RelaySizes, type Traffic } from './relay-link.js';
export { reconcile, NegentropyUnsupported, type Differences } from './negentropy-client.js';
export { storeSide, relaySide, pageAll, publishPatiently, type SyncSide, type AddEventFn } from './side.js';
export {
  frameBytesFor,
  syncWithRelay,
  type Direction,
  type SyncOptions,
  type SyncProgress,
  type SyncReport,
} from './sync.js';
export { Mirror, type MirrorOptions, type MirrorEvents } from './mirror.js';
