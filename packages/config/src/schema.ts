/** One setting: its type, default and the sentence that documents it (docs/config.md is generated from these). */
export interface Setting<T extends string | number | boolean> {
  type: T extends string ? 'string' : T extends number ? 'number' : 'boolean';
  default: T;
  description: string;
  /** Allowed values for a string setting. */
  choices?: readonly string[];
  /** Smallest allowed value for a number setting. */
  min?: number;
  /** Largest allowed value for a number setting. */
  max?: number;
  /** URL schemes a string setting may use (`wss:`); an empty value is always allowed. */
  schemes?: readonly string[];
  /** A comma-separated list: a repeated flag adds to it, and `schemes` applies to each item. */
  list?: boolean;
}

const str = (d: string, description: string, choices?: readonly string[]): Setting<string> => ({
  type: 'string',
  default: d,
  description,
  ...(choices ? { choices } : {}),
});
const url = (description: string, schemes: readonly string[]): Setting<string> => ({
  type: 'string',
  default: '',
  description,
  schemes,
});
const num = (d: number, description: string, min = 0, max?: number): Setting<number> => ({
  type: 'number',
  default: d,
  description,
  min,
  ...(max !== undefined ? { max } : {}),
});
const bool = (d: boolean, description: string): Setting<boolean> => ({ type: 'boolean', default: d, description });

/**
 * Every setting of a Lifeline node, declared once. Each key is also a command-line flag
 * (`maxSubscriptions` -> `--max-subscriptions`) and an environment variable
 * (`LIFELINE_MAX_SUBSCRIPTIONS`).
 */
export const schema = {
  host: str('127.0.0.1', 'Address to listen on. Use 0.0.0.0 to accept connections from other machines.'),
  port: num(7447, 'TCP port for the relay WebSocket and HTTP (0: any free port).', 0, 65535),
  data: str('./data', 'Directory holding the SQLite database.'),
  // PostgreSQL backend (issue 16): the scale-out store several node processes can share.
  databaseUrl: url(
    'PostgreSQL database for events instead of the SQLite file in --data (postgres://user:password@host:port/database; give a password through LIFELINE_DATABASE_URL, not the command line). Media and the node key stay in --data. Empty: SQLite.',
    ['postgres:', 'postgresql:'],
  ),
  databaseReadUrl: url(
    'A streaming replica of --database-url for stored queries (REQ, COUNT). A read that could miss what this process already wrote or delivered live waits up to 20 ms for the replica to replay it, then goes to the primary. Empty: every read goes to the primary.',
    ['postgres:', 'postgresql:'],
  ),
  databaseConnections: num(10, 'Connections to PostgreSQL per node process (with --database-url).', 2, 1000),
  workers: num(
    1,
    'Node processes serving the one port on this machine (Node cluster, round-robin); more than 1 needs --database-url, which carries live events between them.',
    1,
    64,
  ),
  publicUrl: url('The relay URL clients use, for NIP-42 and NIP-62 relay tags (empty: ws://host:port).', [
    'ws:',
    'wss:',
  ]),
  name: str('Lifeline', 'Relay name in the NIP-11 document.'),
  description: str(
    'A Lifeline node: censorship-resilient microblog and live newsroom.',
    'Relay description in the NIP-11 document.',
  ),
  operatorPubkey: str('', "Operator's hex public key for the NIP-11 document."),
  contact: str('', 'Operator contact for the NIP-11 document.'),
  nodeKeyPassphrase: str(
    '',
    "Passphrase that encrypts the node's own signing key (NIP-49) in the data directory; set it through the environment, not the command line. Empty: the key file is stored unencrypted, readable by this user only.",
  ),
  icon: url("Image shown as the relay's icon in clients (NIP-11 `icon`; square is best).", ['https:', 'http:']),
  banner: url("Image shown as the relay's banner in clients (NIP-11 `banner`).", ['https:', 'http:']),
  logLevel: str('info', 'Log verbosity. Logs never contain IP addresses.', [
    'debug',
    'info',
    'warn',
    'error',
    'silent',
  ]),

  maxMessageBytes: num(
    262144,
    'Largest WebSocket message accepted, in bytes; larger frames close the connection. 256 KiB lets NIP-77 sync send 120 KB negentropy frames (hex doubles them): a 1M-event sync with 1% differing then moves 1.9% of the events instead of 2.1% with 128 KiB (bench/RESULTS.md), and large contact lists fit.',
    256,
  ),
  maxSubscriptions: num(32, 'Open subscriptions per connection.', 1),
  maxFilters: num(10, 'Filters per REQ or COUNT.', 1),
  maxFilterValues: num(1000, 'Values in any one array of a filter (ids, authors, kinds, tag values).', 1),
  maxLimit: num(500, 'Most events one filter returns from storage; larger limits are clamped.', 1),
  maxSearchLength: num(256, 'Longest NIP-50 search string, in characters; longer ones are refused with invalid:.', 1),
  maxSearchTerms: num(12, 'Most words one NIP-50 search may ask for; more are refused with invalid:.', 1),
  maxEventTags: num(2000, 'Tags per event.', 1),
  maxContentBytes: num(65536, 'Bytes of content per event.', 1),
  createdAtPastSeconds: num(
    0,
    'Reject events older than this many seconds (0: no limit, so history can be imported).',
    0,
  ),
  createdAtFutureSeconds: num(900, 'Reject events dated more than this many seconds in the future.', 0),
  minPowBits: num(0, 'NIP-13 proof of work required of every event, in leading zero bits (0: off).', 0, 256),
  authRequired: bool(false, 'Require NIP-42 authentication before accepting events or subscriptions.'),

  connectionMessagesPerSecond: num(50, 'Token bucket refill per connection: messages per second.', 1),
  connectionBurst: num(500, 'Token bucket size per connection: messages allowed in a burst.', 1),
  pubkeyEventsPerMinute: num(600, 'Token bucket refill per author: events per minute.', 1),
  pubkeyBurst: num(300, 'Token bucket size per author: events allowed in a burst.', 1),
  maxOutboundBytes: num(
    8 * 1024 * 1024,
    'Bytes waiting to be sent to a client that does not read, counted when a live event is queued; past this it is disconnected (stored results wait for it to read instead).',
    1024,
  ),
  maxConnectionQueries: num(
    8,
    'Stored queries (REQ and COUNT) one connection may have queued or running at once; more are refused with rate-limited:.',
    1,
  ),
  connectionQueryCostPerSecond: num(
    100,
    'Work budget refill per connection, in query cost units per second. A filter costs 1 plus 1 per 100 of its limit, plus 1 per search word.',
    1,
  ),
  connectionQueryBurst: num(
    1000,
    'Work budget size per connection, in query cost units; a REQ or COUNT that costs more than what is left is refused with rate-limited:.',
    1,
  ),

  verifyBackend: str(
    'auto',
    'Signature backend: native (the libsecp256k1 addon built at install), wasm (about 7x slower), or auto (native when built).',
    ['auto', 'native', 'wasm'],
  ),
  readThreads: num(
    0,
    'Reader threads that run stored queries (REQ and COUNT) off the event loop (0: one per core, at most 4).',
    0,
    64,
  ),
  verifyThreads: num(1, 'Worker threads that verify signatures (0: one per core minus one, at least 1).', 0),
  writeBatch: num(
    1000,
    'Queued events that send a write batch without waiting for the next turn (while a batch commits, the next one keeps growing).',
    1,
  ),
  synchronous: str('FULL', 'SQLite synchronous mode: FULL survives power loss; NORMAL survives a process crash.', [
    'FULL',
    'NORMAL',
  ]),
  // A timer longer than 2^31-1 ms would fire at once instead (Node clamps it to 1 ms).
  purgeIntervalSeconds: num(60, 'How often expired (NIP-40) events are purged.', 1, 2_147_483),
  // Community notes (issue 12).
  notesScoreIntervalSeconds: num(
    300,
    'How often the node scores community notes and translations (in a worker thread) and publishes each changed status as a label signed by its key; 0 turns scoring off.',
    0,
    2_147_483,
  ),

  webDir: str(
    '',
    'Directory of the built web app (index.html, assets/, live-reader.js) served at /. Empty: the web app built with this installation.',
  ),

  onionLocation: url(
    "The node's Tor onion-service origin (e.g. http://abc…xyz.onion). When set, HTML pages carry an Onion-Location header naming the same page there, so Tor Browser offers the onion address. Empty: no header.",
    ['http:', 'https:'],
  ),

  mediaEnabled: bool(
    true,
    'Serve the Blossom media server (upload, get, list and delete blobs by sha256) on the same port.',
  ),
  mediaDir: str('', 'Directory for uploaded media and its index. Empty: <data>/media.'),
  mediaMaxUploadBytes: num(
    10 * 1024 * 1024,
    'Largest media upload accepted, in bytes; the upload is cut off with 413 as soon as it passes this.',
    1024,
  ),
  mediaMaxPixels: num(
    50_000_000,
    'Largest image decoded, in pixels (width x height x frames), so a small file cannot expand into gigabytes.',
    1,
  ),
  mediaTypes: str(
    'image/jpeg,image/png,image/webp,image/gif,image/avif',
    'Comma-separated image types accepted for upload, each re-encoded without metadata. Video and other files are refused: their metadata cannot be stripped.',
  ),
  // NIP-77 negentropy sync and mirroring between nodes (issue 14).
  mirror: {
    ...url(
      'Relays this node mirrors continuously: reconciled at start and on every reconnect (NIP-77, or REQ paging where the peer lacks it), then followed live. Comma-separated; --mirror may be given more than once. NIP-11 lists them as `mirrors`.',
      ['ws:', 'wss:'],
    ),
    list: true,
  },
  mirrorDirection: str('both', 'Which way mirroring copies events: down (from the mirrors), up (to them) or both.', [
    'down',
    'up',
    'both',
  ]),
  mirrorFilter: str('{}', 'NIP-01 filter (JSON) limiting what is mirrored, e.g. {"kinds":[1,30311]}.'),
  negentropyMaxSessions: num(4, 'Open NIP-77 negentropy sessions per connection; more are refused with NEG-ERR.', 1),
  negentropyMaxRecords: num(
    2_000_000,
    'Most stored events one NIP-77 session may reconcile; a larger filter is refused with NEG-ERR blocked:.',
    1,
  ),
  negentropyFrameBytes: num(
    120_000,
    "Largest negentropy message the relay sends, in bytes before hex encoding (the rest follows in later rounds). Keep it under half of the peers' maxMessageBytes.",
    4096,
  ),
  negentropyIdleSeconds: num(60, 'A NIP-77 session with no message for this long is closed with NEG-ERR closed:.', 1),

  mediaUploadAuth: bool(
    true,
    'Require a Blossom (BUD-11) kind 24242 authorization to upload. Anonymous uploads have no owner, so nobody can delete them.',
  ),
  // Operator tools: NIP-86 relay management (issue 16).
  admin: {
    ...str(
      '',
      'Operator keys (npub or hex) allowed to manage the relay through NIP-86 (ban/allow pubkeys, remove events, kind lists) with NIP-98 authorization. Comma-separated; --admin may be given more than once. Empty: NIP-86 is off.',
    ),
    list: true,
  },
  // Verification desk (issue 11).
  desk: str(
    '',
    "Verification desks this node follows, comma-separated: an npub (its owner's NIP-51 kind 30000 set with d \"lifeline-desk\") or an naddr of a kind 30000 set. Members are the set's p tags plus the owner; only their labels change verdicts. The first is the node's default desk.",
  ),
  // Intake: email, SMS and fax into the desk's review queue (issue 13). Every channel is off by default.
  intakeRetentionDays: num(
    30,
    'Days an intake message and its files are kept before they are deleted for good (rows overwritten, files zeroed).',
    1,
    3650,
  ),
  smtpPort: num(
    0,
    'TCP port of the SMTP intake server (0: off). Mail for --intake-addresses becomes review-queue messages; needs --desk.',
    0,
    65535,
  ),
  intakeAddresses: str(
    '',
    'Comma-separated email addresses the SMTP intake accepts mail for; mail to any other is refused.',
  ),
  smtpTlsKey: str('', 'PEM private key file for SMTP STARTTLS (with --smtp-tls-cert). Empty: no STARTTLS offered.'),
  smtpTlsCert: str('', 'PEM certificate chain file for SMTP STARTTLS.'),
  intakeMaxEmailBytes: num(
    25 * 1024 * 1024,
    'Largest email accepted, in bytes: advertised with SMTP SIZE and enforced while the message streams in (552).',
    1024,
  ),
  intakeTwilioAuthToken: str(
    '',
    'Twilio auth token: turns on the SMS webhook at /api/intake/sms/twilio, whose X-Twilio-Signature is checked with it (empty: off).',
  ),
  intakeSmsSyncSecret: str(
    '',
    'Shared secret of an SMSSync Android gateway: turns on /api/intake/sms/smssync (empty: off).',
  ),
  intakeFax: bool(
    false,
    'Read faxes (TIFF or PDF from `lifeline intake fax`, a fax provider or a fax-to-email attachment) with offline OCR in Persian and English (Debian tesseract-ocr, tesseract-ocr-fas, poppler-utils).',
  ),
  intakeFaxMaxPages: num(
    20,
    'Pages of one fax that are read; later pages are counted in the sealed details, not read.',
    1,
    500,
  ),
  intakeTelnyxPublicKey: str(
    '',
    "Telnyx account public key (base64 Ed25519): turns on the fax webhook at /api/intake/fax/telnyx, whose signature is checked with it; the fax is fetched from the event's media_url (empty: off). Needs --intake-fax.",
  ),
  intakeImapUrl: str(
    '',
    'Poll an existing mailbox for intake mail: imaps://user:password@host/Mailbox (TLS) or imap://… (STARTTLS when offered); empty: off. Suits a node without an inbound port (Tor-only).',
  ),
  intakeImapIntervalSeconds: num(60, 'Seconds between polls of --intake-imap-url.', 10, 86_400),
  intakeImapDelete: bool(
    false,
    "Delete each message from the polled mailbox once it is in the review queue, so the provider's copy does not outlive the node's retention.",
  ),
  intakeReplySmtpUrl: str(
    '',
    "Mail relay for the desk's replies to email senders: smtp://user:password@host:587 (STARTTLS) or smtps://…; sent from the first --intake-addresses address (empty: email replies off).",
  ),
  intakeLocal: bool(
    false,
    'Accept messages handed over on this machine by `lifeline intake sms` (gammu-smsd RunOnReceive) and `lifeline intake fax` (HylaFAX faxrcvd), authorized by the token file <data>/intake/local-token.',
  ),
  // Intake replies and MMS through each SMS/fax gateway (issue 13).
  intakeTwilioAccountSid: str(
    '',
    "Twilio account SID (AC…): with --intake-twilio-auth-token, the desk's replies to Twilio senders go out through Twilio's Messages API and MMS pictures are downloaded (empty: neither).",
  ),
  intakeTwilioFrom: str(
    '',
    'The Twilio number (E.164) or messaging service SID (MG…) replies are sent from; needed for Twilio replies.',
  ),
  intakeTwilioApiUrl: str(
    'https://api.twilio.com',
    "Base URL of Twilio's REST API, used for replies; MMS media is fetched only from this origin.",
  ),
  intakeGammuSmsdrc: str(
    '',
    "gammu-smsd's configuration file: replies to SMS that came through gammu are queued in its outbox with gammu-smsd-inject (empty: off).",
  ),
  intakeGammuInject: str('gammu-smsd-inject', 'The gammu-smsd-inject program (Debian gammu-smsd).'),
  intakeTelnyxApiKey: str(
    '',
    "Telnyx API v2 key: the desk's replies to faxes go out as faxes through Telnyx (the page is uploaded to its media storage, then sent); needs --intake-telnyx-connection-id and --intake-telnyx-from (empty: fax replies off).",
  ),
  intakeTelnyxConnectionId: str('', 'The Telnyx fax application (connection) id fax replies are sent with.'),
  intakeTelnyxFrom: str('', 'The fax number (E.164) fax replies are sent from.'),
  intakeTelnyxApiUrl: str('https://api.telnyx.com', "Base URL of Telnyx's API, used for fax replies."),
  intakeSendfax: str(
    '',
    "HylaFAX's sendfax program (Debian hylafax-client): the desk's replies to faxes that came through HylaFAX are rendered and submitted with it (empty: off).",
  ),
  intakeSendfaxHost: str(
    '',
    "host[:port] of the HylaFAX server sendfax submits to (empty: sendfax's default, localhost).",
  ),
  // Desk signals: impostors and coordinated campaigns (issue 11).
  impostorMinFollowers: num(
    100,
    'Accounts followed by at least this many kind 3 lists (or trusted by a desk) are protected: a look-alike of one is flagged as its impostor.',
    1,
  ),
  avatarFetch: bool(
    true,
    "Fetch and hash avatars (of protected accounts and of their look-alikes only) to compare pictures. The node fetches them, never a reader's browser.",
  ),
  avatarMaxBytes: num(2_097_152, 'Largest avatar image the node downloads, in bytes.', 1024),
  avatarTimeoutMs: num(5000, 'Time limit for one avatar download, in milliseconds (redirects included).', 100),
  avatarAllowPrivate: bool(
    false,
    'Allow avatar downloads from loopback and private addresses. Only for tests: it lets a profile make the node fetch from its own network.',
  ),
  clusterDetection: bool(
    true,
    'Detect coordinated campaigns: many accounts posting near-identical text or the same media within a short window (in a worker thread).',
  ),
  clusterWindowSeconds: num(600, 'How long a post can be joined by near-duplicates from other accounts.', 10),
  clusterMinAccounts: num(5, 'Distinct accounts a cluster needs before the desk sees it.', 2),
} as const;

/** The names of all settings. */
export type SettingName = keyof typeof schema;

/** A fully resolved, typed configuration. */
export type Config = {
  -readonly [K in SettingName]: (typeof schema)[K]['default'] extends string
    ? string
    : (typeof schema)[K]['default'] extends number
      ? number
      : boolean;
};
