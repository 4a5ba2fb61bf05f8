export { openDeskMembership, type DeskMembership, type DeskMembershipSource } from './members.js';
export { parseDeskSetting, DeskConfigError } from './config.js';
export { DeskBook, MAX_SOURCES_PER_CLAIM } from './book.js';
export { deskPolicy, SUGGESTIONS_PER_MINUTE, SUGGESTION_BURST } from './policy.js';
export { deskRoutes, type DeskDeps } from './routes.js';
export { entryClaims, type EntryClaims } from './entry-claims.js';
