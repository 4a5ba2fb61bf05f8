export type { EventSource, ClientInfo, EventInput, Verdict, RejectEvent, RejectSignedEvent, RejectFilter, Policies } from './types.js';
