export { createRelay, type Relay, type RelayDeps, type RelaySettings } from './relay.js';
export { createAddEvent, type AddEvent, type AddEventContext, type AddEventResult } from './add-event.js';
export { SubscriptionIndex, type Subscription } from './subscriptions.js';
export { nativeSha256 } from './native-sha256.js';
