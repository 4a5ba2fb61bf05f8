/**
 * Why a node could not start for a reason outside the program (the port is taken, a directory
 * cannot be written), declared once: each message names the problem and what to do about it, so
 * the CLI can print it as one line instead of a stack trace.
 */
const START_ERRORS = {
  'port-in-use': (p: Place) => `port ${p.port} is in use by another program; choose another with --port`,
  'port-forbidden': (p: Place) =>
    `port ${p.port} needs privileges this user lacks (ports below 1024 usually do); choose another with --port`,
  'host-unavailable': (p: Place) =>
    `cannot listen on ${p.host}: no network interface of this machine has that address; check --host`,
  'host-unknown': (p: Place) => `cannot listen on ${p.host}: the name does not resolve; check --host`,
  'not-a-directory': (p: Place) => `${p.path} is a file, not a directory; choose a directory with ${p.flag}`,
  'cannot-create': (p: Place) =>
    `cannot create the directory ${p.path} (${p.why}); create it yourself or choose another with ${p.flag}`,
  'not-writable': (p: Place) =>
    `cannot write in ${p.path} (${p.why}); make it writable for this user or choose another directory with ${p.flag}`,
  'database-unusable': (p: Place) =>
    `cannot open the database ${p.path} (${p.why}); restore it from a backup or choose another directory with ${p.flag}`,
  'database-unreachable': (p: Place) =>
    `cannot use the PostgreSQL database ${p.path} (${p.why}); check ${p.flag} and that the server is running and reachable`,
  'desk-invalid': (p: Place) => `${p.why}; give npubs or naddrs of kind 30000 sets, comma-separated`,
  // NIP-86 operator tools (issue 16).
  'admin-invalid': (p: Place) => `--admin: ${p.why}; give operator keys as npubs (or hex), comma-separated`,
  'node-key-locked': (p: Place) =>
    `the node key ${p.path} is encrypted; set LIFELINE_NODE_KEY_PASSPHRASE to its passphrase`,
  'node-key-unreadable': (p: Place) =>
    `cannot read the node key ${p.path} (${p.why}); check LIFELINE_NODE_KEY_PASSPHRASE, or move the file away to make a new key`,
} as const;

/** What a start error's message is about. */
interface Place {
  port?: number;
  host?: string;
  path?: string;
  /** The setting that chooses the path, as its flag (`--data`). */
  flag?: string;
  /** The operating system's reason, in words. */
  why?: string;
}

/** A code from the table. */
export type StartErrorCode = keyof typeof START_ERRORS;

/** The node could not start; `message` is one line that says what to do. */
export class StartError extends Error {
  override name = 'StartError';
  constructor(
    readonly code: StartErrorCode,
    place: Place,
  ) {
    super(START_ERRORS[code](place));
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  // mkdir under /proc or /sys: the parent exists but takes no new entries.
  ENOENT: 'this file system does not allow it',
  ENOTDIR: 'part of the path is a file',
};

/** A system error's reason in words (`permission denied`), for the `why` of a message. */
export function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return (code && REASONS[code]) ?? (err instanceof Error ? err.message : String(err));
}

const SQLITE_REASONS: Record<string, string> = {
  SQLITE_NOTADB: 'the file is not a Lifeline database',
  SQLITE_CORRUPT: 'the file is damaged',
  SQLITE_CANTOPEN: 'the file cannot be opened',
  SQLITE_READONLY: 'the file is read-only',
  SQLITE_BUSY: 'another program holds it locked',
  SQLITE_FULL: 'the disk is full',
};

/**
 * The StartError for a database that would not open, or the error itself when it is not one we
 * can explain. Errors from the writer thread arrive as plain objects with only a `code`.
 */
export function databaseError(err: unknown, path: string, flag: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  return new StartError('database-unusable', {
    path,
    flag,
    why: SQLITE_REASONS[code.replace(/^(SQLITE_[A-Z]+).*/, '$1')] ?? code,
  });
}

/** A database URL without its password, fit for a message or a log line. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return '(unparsable URL)';
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** The StartError for a PostgreSQL database that could not be reached or set up. */
export function postgresError(err: unknown, url: string, flag: string): StartError {
  const e = err as { code?: string; message?: string } | null;
  return new StartError('database-unreachable', {
    path: redactUrl(url),
    flag,
    why: e?.code === 'ECONNREFUSED' ? 'connection refused' : (e?.message ?? String(err)),
  });
}

/** The StartError for a failed listen, or the error itself when it is not one we can explain. */
export function listenError(err: unknown, port: number, host: string): unknown {
  switch ((err as NodeJS.ErrnoException | null)?.code) {
    case 'EADDRINUSE':
      return new StartError('port-in-use', { port });
    case 'EACCES':
      return new StartError('port-forbidden', { port });
    case 'EADDRNOTAVAIL':
      return new StartError('host-unavailable', { host });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartError('host-unknown', { host });
    default:
      return err;
  }
}
