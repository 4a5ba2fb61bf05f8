/** Intake: messages from email, SMS and fax into a review queue, with the senders' contact details sealed. */
export * from './intake.js';
export * from './leak-guard.js';
export * from './message.js';
export * from './seal.js';
export * from './secret.js';
export * from './sender-id.js';
export * from './store.js';
export * from './email/parse.js';
export * from './email/smtp.js';
export * from './email/deliver.js';
export * from './sms/gammu.js';
export * from './sms/smssync.js';
export * from './sms/twilio.js';
export * from './fax/lines.js';
export * from './fax/reader.js';
export * from './fax/tesseract.js';
export * from './fax/telnyx.js';
