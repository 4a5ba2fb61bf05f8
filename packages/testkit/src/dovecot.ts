import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './net.js';
import { tempDir } from './temp.js';

/** A real IMAP server for a test: Debian's dovecot in a temp dir, one user with a static password. */
export interface TestDovecot {
  port: number;
  user: string;
  pass: string;
  stop(): Promise<void>;
}

/**
 * Starts dovecot (Debian dovecot-imapd) in the foreground on 127.0.0.1 with its own config, state
 * and Maildir under a temp dir. Plain IMAP on loopback, a static password; mail is owned by the
 * package's unprivileged `dovenull` user. Needs root (dovecot switches users).
 */
export async function startDovecot(): Promise<TestDovecot> {
  const dir = tempDir();
  const port = await freePort();
  const ids = (name: string) => {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
    if (!line) throw new Error(`no ${name} user: is dovecot-core installed?`);
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  };
  const mail = ids('dovenull');
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub), { recursive: true });
  // The mail processes run as dovenull: they must be able to reach their home under the temp dir.
  chmodSync(dir, 0o755);
  chownSync(join(dir, 'home'), mail.uid, mail.gid);
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = ${mail.uid}
mail_location = maildir:${dir}/home/%u/Maildir
passdb {
  driver = static
  args = password=test-pass
}
userdb {
  driver = static
  args = uid=${mail.uid} gid=${mail.gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0600
  }
}
`,
  );
  const proc: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`dovecot exited: ${err}`);
    if (await canConnect(port)) break;
    if (i > 100) {
      proc.kill('SIGKILL');
      throw new Error(`dovecot did not listen: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    user: 'witness-inbox',
    pass: 'test-pass',
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
