/** Live-blog domain model: entries, revisions, rendering, feeds. No I/O of its own. */
export {};
