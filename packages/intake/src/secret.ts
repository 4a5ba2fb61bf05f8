import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node's intake secret (32 random bytes in `<dir>/secret`, mode 0600), created on first use.
 * It keys sender ids and leak guards; losing it only means new messages start new threads.
 */
export function loadSecret(dir: string): Uint8Array {
  const path = join(dir, 'secret');
  if (!existsSync(path)) writeFileSync(path, randomBytes(32), { mode: 0o600, flag: 'wx' });
  const secret = readFileSync(path);
  if (secret.length !== 32) throw new Error(`${path} is not a 32-byte intake secret`);
  return new Uint8Array(secret);
}
