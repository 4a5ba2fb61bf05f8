/** Blossom media server: blobs by sha256, with metadata stripped by re-encoding. */
export {};
