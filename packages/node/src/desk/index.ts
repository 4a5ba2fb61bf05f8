export { openDeskMembership, type DeskMembership, type DeskMembershipSource } from './members.js';
export { parseDeskSetting, DeskConfigError } from './config.js';
