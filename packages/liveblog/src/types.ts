// The protocol types are @lifeline/nostr's. A type-only re-export compiles to nothing, so the
// reader script bundled for browsers never loads that package's index (which needs node:crypto).
export type { NostrEvent as SignedEvent, EventTemplate } from '@lifeline/nostr';
