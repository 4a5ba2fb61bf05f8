// Every screen besides the timelines, as one chunk (issue 15). One import() target, not one per screen:
// esbuild makes a shared chunk for each set of entry points that use a module, so a dozen lazy screens
// would split the entry's own code into a dozen preloaded files, each a request on a slow link.
// Opening any of these screens fetches them all, once; the next ones open without a round trip.
export { AdminScreen } from './admin/AdminScreen.js';
export { ClaimScreen } from './desk/ClaimScreen.js';
export { DeskScreen } from './desk/DeskScreen.js';
export { IntakeScreen } from './intake/Queue.js';
export { LiveEditorScreen } from './live/LiveEditor.js';
export { LiveListScreen } from './live/LiveList.js';
export { Backup, Onboarding } from './Onboarding.js';
export { NotificationsScreen } from './screens/Notifications.js';
export { ProfileScreen } from './screens/Profile.js';
export { RatingsScreen } from './screens/Ratings.js';
export { SearchScreen } from './screens/Search.js';
export { SettingsScreen } from './screens/Settings.js';
export { ThreadScreen } from './screens/Thread.js';
