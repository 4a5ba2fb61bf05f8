/** Blossom media server: blobs by sha256, with metadata stripped by re-encoding. */
export * from './auth.js';
export * from './blob-store.js';
export type { ListOptions } from './blob-db.js';
export * from './descriptor.js';
export * from './gate.js';
export * from './range.js';
export * from './read-limited.js';
export * from './sniff.js';
export * from './strip.js';
export * from './types.js';
export * from './upload.js';
