// The protocol types are @lifeline/nostr's. A type-only re-export compiles to nothing, so the
// browser bundle never loads that package's index (which needs node:crypto).
export type { NostrEvent as SignedEvent, EventTemplate, Filter } from '@lifeline/nostr';
