/** Live-blog domain model: entries, revisions, rendering, feeds. No I/O of its own. */
export * from './kinds.js';
export type { SignedEvent, EventTemplate } from './types.js';
export { parseBlog, isRtl, type Blog, type BlogStatus } from './blog.js';
export { checkEmbed, readFields, type Embed, type EntryFields } from './entry.js';
export { resolveEntries, lastModified, type ResolvedEntry, type Comment, type HistoryItem } from './resolve.js';
export * from './builders.js';
export { renderMarkdown, plainText } from './markdown.js';
export { esc, isSafeUrl } from './html.js';
export { renderPage, LIVE_ASSETS, type PageInput } from './page.js';
export type { HelpfulNote, Names } from './entry-html.js';
export { atomFeed, jsonFeed } from './feeds.js';
export { liveBlogJsonLd } from './jsonld.js';
export { blogPath, entryPath, coordinatePath } from './paths.js';
export { LIVE_CSS } from './css.js';
export { intlLocale } from './time.js';
export { claimHtml, type EntryClaim } from './entry-html.js';
