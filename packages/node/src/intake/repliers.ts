import nodemailer from 'nodemailer';
import { ConfigError, type Config } from '@lifeline/config';
import { faxPdf, faxTiff, gammuInject, hylafaxSend, renderFaxPages, telnyxSendFax, twilioSend } from '@lifeline/intake';
import type { Repliers } from './reply.js';

/** The settings the ways out read. */
export type ReplierSettings = Pick<
  Config,
  | 'intakeAddresses'
  | 'intakeReplySmtpUrl'
  | 'intakeSmsSyncSecret'
  | 'intakeTwilioAuthToken'
  | 'intakeTwilioAccountSid'
  | 'intakeTwilioFrom'
  | 'intakeTwilioApiUrl'
  | 'intakeGammuSmsdrc'
  | 'intakeGammuInject'
  | 'intakeTelnyxApiKey'
  | 'intakeTelnyxConnectionId'
  | 'intakeTelnyxFrom'
  | 'intakeTelnyxApiUrl'
  | 'intakeSendfax'
  | 'intakeSendfaxHost'
>;

const httpUrl = (value: string, flag: string) => {
  if (!/^https?:\/\//.test(value) || !URL.canParse(value)) throw new ConfigError(`${flag} must be an http(s) URL`);
  return value;
};

/**
 * The ways replies leave, one per gateway that is configured for it: the operator's mail relay
 * for email, the SMSSync phone's outbox, Twilio's Messages API, gammu-smsd's outbox, and a fax
 * rendered on the node and sent through Telnyx or submitted to HylaFAX. A gateway without its settings has no way out,
 * and a reply to a message that came through it is refused.
 */
export function openRepliers(config: ReplierSettings): Repliers {
  const repliers: Repliers = {};
  if (config.intakeSmsSyncSecret) repliers.smssync = [];
  if (config.intakeReplySmtpUrl) {
    const from = config.intakeAddresses.split(/[\s,]+/).find(Boolean);
    if (!from)
      throw new ConfigError('--intake-reply-smtp-url needs --intake-addresses: replies are sent from the first one');
    const transport = nodemailer.createTransport(config.intakeReplySmtpUrl);
    repliers.email = async (to, text) => {
      await transport.sendMail({ from, to, subject: 'Re: your message', text });
    };
  }
  if (config.intakeTwilioAccountSid) {
    if (!config.intakeTwilioAuthToken)
      throw new ConfigError('--intake-twilio-account-sid needs --intake-twilio-auth-token');
    const account = {
      apiUrl: httpUrl(config.intakeTwilioApiUrl, '--intake-twilio-api-url'),
      accountSid: config.intakeTwilioAccountSid,
      authToken: config.intakeTwilioAuthToken,
      from: config.intakeTwilioFrom,
    };
    // Without a number to send from, MMS media is still fetched; replies stay off.
    if (config.intakeTwilioFrom)
      repliers.twilio = async (to, text) => {
        await twilioSend(account, to, text);
      };
  }
  if (config.intakeGammuSmsdrc) {
    const outbox = { config: config.intakeGammuSmsdrc, inject: config.intakeGammuInject };
    repliers.gammu = async (to, text) => {
      await gammuInject(outbox, to, text);
    };
  }
  if (config.intakeTelnyxApiKey) {
    if (!config.intakeTelnyxConnectionId || !config.intakeTelnyxFrom)
      throw new ConfigError('--intake-telnyx-api-key needs --intake-telnyx-connection-id and --intake-telnyx-from');
    const account = {
      apiUrl: httpUrl(config.intakeTelnyxApiUrl, '--intake-telnyx-api-url'),
      apiKey: config.intakeTelnyxApiKey,
      connectionId: config.intakeTelnyxConnectionId,
      from: config.intakeTelnyxFrom,
    };
    repliers.telnyx = async (to, text) => {
      await telnyxSendFax(account, to, await faxPdf(await renderFaxPages(text)));
    };
  }
  if (config.intakeSendfax) {
    const server = { command: config.intakeSendfax, host: config.intakeSendfaxHost };
    repliers.hylafax = async (to, text) => {
      await hylafaxSend(server, to, await faxTiff(await renderFaxPages(text)));
    };
  }
  return repliers;
}
