import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { ConfigError, type Config } from '@lifeline/config';
import { availableParallelism } from 'node:os';
import { createGate, parseTypeList } from '@lifeline/blossom';
import {
  Intake,
  IntakeStore,
  deliverEmail,
  faxReader,
  loadSecret,
  startSmtpIntake,
  type SmtpIntake,
  startImapPoll,
  type ImapPoll,
} from '@lifeline/intake';
import type { NostrEvent } from '@lifeline/nostr';
import type { AddEventResult } from '@lifeline/relay';
import { prepareDir } from '../data-dir.js';
import type { DeskMembership } from '../desk/index.js';
import type { Logger } from '../log.js';
import { queueRoutes } from './api.js';
import { localRoutes, localToken } from './local.js';
import { smsRoutes } from './sms.js';
import { faxWebhookRoutes } from './fax.js';
import { replyRoutes } from './reply.js';
import { openRepliers, type ReplierSettings } from './repliers.js';
import { httpOrigin } from '../media/index.js';

/** The settings intake reads. */
export type IntakeSettings = ReplierSettings &
  Pick<
    Config,
    | 'data'
    | 'host'
    | 'intakeAddresses'
    | 'smtpTlsKey'
    | 'smtpTlsCert'
    | 'intakeMaxEmailBytes'
    | 'publicUrl'
    | 'mediaTypes'
    | 'mediaMaxPixels'
    | 'mediaMaxUploadBytes'
    | 'intakeRetentionDays'
    | 'smtpPort'
    | 'intakeTwilioAuthToken'
    | 'intakeSmsSyncSecret'
    | 'intakeLocal'
    | 'intakeFax'
    | 'intakeFaxMaxPages'
    | 'intakeTelnyxPublicKey'
    | 'intakeImapUrl'
    | 'intakeImapIntervalSeconds'
    | 'intakeImapDelete'
    | 'intakeReplySmtpUrl'
  >;

/** The node's intake: the queue's routes, the channels' listeners, retention. */
export interface IntakeServer {
  /** Mounts the routes; `addEvent` is the relay's, which exists only once the port is bound. */
  routes(addEvent: (event: NostrEvent) => Promise<AddEventResult>): (app: Hono) => void;
  intake: Intake;
  store: IntakeStore;
  /** The SMTP listener, when --smtp-port is set. */
  smtp?: SmtpIntake;
  /** The mailbox poller, when --intake-imap-url is set. */
  imap?: ImapPoll;
  close(): Promise<void>;
}

/** True when any intake channel is turned on. */
export const intakeEnabled = (c: IntakeSettings) =>
  c.smtpPort > 0 ||
  !!c.intakeTwilioAuthToken ||
  !!c.intakeSmsSyncSecret ||
  c.intakeLocal ||
  !!c.intakeTelnyxPublicKey ||
  !!c.intakeImapUrl;

/** Members of the default desk (the first configured): the keys contact details are sealed to. */
function defaultDeskMembers(desk: DeskMembership): string[] {
  const first = desk.desks()[0];
  return first ? [...new Set([first.address.owner, ...first.members])] : [];
}

/** Opens the intake store under `<data>/intake` and starts retention; undefined when every channel is off. */
export async function openIntakeServer(
  config: IntakeSettings,
  deps: { desk: DeskMembership; log: Logger },
): Promise<IntakeServer | undefined> {
  if (!intakeEnabled(config)) return undefined;
  if (config.intakeTelnyxPublicKey && !config.intakeFax)
    throw new ConfigError('--intake-telnyx-public-key needs --intake-fax: the webhook delivers faxes to read');
  // Checked before anything starts: a bad reply setting stops start-up with nothing to clean up.
  const repliers = openRepliers(config);
  const dir = resolve(join(config.data, 'intake'));
  prepareDir(dir, '--data');
  const store = new IntakeStore(dir);
  await store.sweep();
  const secret = loadSecret(dir);
  const types = parseTypeList(config.mediaTypes);
  const intake = new Intake({
    store,
    secret,
    members: async () => defaultDeskMembers(deps.desk),
    images: { types: types.ok ? types.types : new Set(['image/jpeg', 'image/png']), maxPixels: config.mediaMaxPixels },
    ...(config.intakeFax
      ? {
          documents: faxReader({
            maxPages: config.intakeFaxMaxPages,
            maxPixels: config.mediaMaxPixels,
            // Each OCR pass is a child process: at most one per core beyond the node's own.
            gate: createGate(Math.max(1, availableParallelism() - 1)),
          }),
        }
      : {}),
  });
  if (defaultDeskMembers(deps.desk).length === 0)
    deps.log.warn('intake is on but no desk is configured (--desk): messages will be refused until one is');
  const retention = config.intakeRetentionDays * 86_400;
  const purge = async () => {
    const n = await store.purge(Math.floor(Date.now() / 1000) - retention);
    if (n) deps.log.info('intake retention deleted messages', { count: n });
  };
  const timer = setInterval(
    () => void purge().catch((e: Error) => deps.log.warn('intake purge failed', { error: e.message })),
    3_600_000,
  );
  timer.unref();
  await purge();
  const smtp =
    config.smtpPort > 0
      ? await openSmtp(config, intake).catch((err: unknown) => {
          clearInterval(timer);
          store.close();
          throw err;
        })
      : undefined;
  let imap: ImapPoll | undefined;
  if (config.intakeImapUrl) {
    try {
      const deliver = deliverEmail(intake, 'imap');
      imap = startImapPoll({
        url: config.intakeImapUrl,
        intervalMs: config.intakeImapIntervalSeconds * 1000,
        maxBytes: config.intakeMaxEmailBytes,
        deleteAfter: config.intakeImapDelete,
        cursor: { get: () => store.getState('imap'), set: (v) => store.setState('imap', v) },
        onMessage: (raw) => deliver(raw, ''),
        onError: (message) => deps.log.warn('intake IMAP poll failed', { error: message }),
      });
    } catch (err) {
      clearInterval(timer);
      await smtp?.close();
      store.close();
      throw new ConfigError(`--intake-imap-url: ${(err as Error).message}`);
    }
    // The first round runs now, in the background: a slow or absent mail server never delays start-up.
    imap.pollNow().catch((e: Error) => deps.log.warn('intake IMAP poll failed', { error: e.message }));
  }
  const members = async () => defaultDeskMembers(deps.desk);
  const token = config.intakeLocal ? localToken(dir) : undefined;
  const isMember = (pk: string) => defaultDeskMembers(deps.desk).includes(pk);
  const origin = httpOrigin(config.publicUrl);
  return {
    intake,
    store,
    ...(smtp ? { smtp } : {}),
    ...(imap ? { imap } : {}),
    routes: (addEvent) => {
      const groups = [
        queueRoutes({ store, intake, secret, isMember, origin, addEvent, log: deps.log }),
        smsRoutes({
          intake,
          origin,
          twilioAuthToken: config.intakeTwilioAuthToken,
          smsSyncSecret: config.intakeSmsSyncSecret,
          ...(repliers.smssync ? { outbox: repliers.smssync } : {}),
          ...(config.intakeTwilioAccountSid
            ? {
                twilioMedia: {
                  apiUrl: config.intakeTwilioApiUrl,
                  accountSid: config.intakeTwilioAccountSid,
                  authToken: config.intakeTwilioAuthToken,
                  maxBytes: config.mediaMaxUploadBytes,
                },
              }
            : {}),
        }),
        replyRoutes({ store, intake, secret, isMember, origin, addEvent, log: deps.log, members, repliers }),
        ...(token ? [localRoutes(intake, token, config.intakeMaxEmailBytes)] : []),
        ...(config.intakeTelnyxPublicKey
          ? [faxWebhookRoutes(intake, config.intakeTelnyxPublicKey, config.intakeMaxEmailBytes)]
          : []),
      ];
      return (app) => {
        for (const mount of groups) mount(app);
      };
    },
    async close() {
      clearInterval(timer);
      await imap?.close();
      await smtp?.close();
      store.close();
    },
  };
}

/** Starts the SMTP intake on --smtp-port for --intake-addresses, with STARTTLS when a key and certificate are set. */
async function openSmtp(config: IntakeSettings, intake: Intake): Promise<SmtpIntake> {
  const addresses = config.intakeAddresses.split(/[\s,]+/).filter(Boolean);
  if (addresses.length === 0)
    throw new ConfigError('--smtp-port needs --intake-addresses: the addresses mail is accepted for');
  if (!!config.smtpTlsKey !== !!config.smtpTlsCert)
    throw new ConfigError('--smtp-tls-key and --smtp-tls-cert go together');
  const read = (path: string, flag: string) => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ConfigError(`${flag}: cannot read ${path}: ${(err as Error).message}`);
    }
  };
  const tls = config.smtpTlsKey
    ? { key: read(config.smtpTlsKey, '--smtp-tls-key'), cert: read(config.smtpTlsCert, '--smtp-tls-cert') }
    : undefined;
  return startSmtpIntake({
    host: config.host,
    port: config.smtpPort,
    addresses,
    maxBytes: config.intakeMaxEmailBytes,
    ...(tls ? { tls } : {}),
    onMessage: deliverEmail(intake),
  });
}
