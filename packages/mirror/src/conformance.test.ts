// Runs the official negentropy conformance suite (hoytech/negentropy test/, Perl) against our
// implementation through harness.ts, pairing it with the suite's JS reference both ways, with the
// frame-size-limit configurations where a responder must truncate an id list, the byte-for-byte
// delta test and the protocol-version upgrade test. Needs perl and Session::Token (Debian
// libsession-token-perl: missing under CI=true is a failure) and a snapshot of the suite's git
// repository (NEGENTROPY_SUITE; it is third-party code and is not vendored here).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const suiteRepo = process.env.NEGENTROPY_SUITE ?? '/work/.mirror/hoytech+negentropy/repo';
const harness = fileURLToPath(new URL('./harness.js', import.meta.url));
const perlReady = spawnSync('perl', ['-MSession::Token', '-MIPC::Open2', '-e', '1']).status === 0;
const inCi = process.env.CI === 'true';

const INTEROP = [
  'RECS=50000 P1=1 P2=0 P3=0 NODUPS=1',
  'RECS=50000 P1=0 P2=1 P3=0 NODUPS=1',
  'RECS=50000 P1=0 P2=0 P3=1 NODUPS=1',
  'RECS=50000 P1=2 P2=2 P3=7 NODUPS=1',
  'RECS=100000 FRAMESIZELIMIT1=60000 FRAMESIZELIMIT2=500000 P1=1 P2=0 P3=0',
  'RECS=100000 FRAMESIZELIMIT1=60000 FRAMESIZELIMIT2=500000 P1=0 P2=1 P3=0',
  'RECS=100000 FRAMESIZELIMIT1=60000 FRAMESIZELIMIT2=500000 P1=0 P2=0 P3=1',
  'RECS=100000 FRAMESIZELIMIT1=60000 FRAMESIZELIMIT2=500000 P1=1 P2=1 P3=5',
  'CLUSTERED=1 FRAMESIZELIMIT1=50000 FRAMESIZELIMIT2=50000',
  'CLUSTERED=1 FRAMESIZELIMIT1=50000 FRAMESIZELIMIT2=50000 P1=1 P2=1 P3=1',
  'CLUSTERED=1 NODUPS=1',
];
const DELTA = [
  'RECS=10000 P1=1 P2=1 P3=10',
  'RECS=100000 FRAMESIZELIMIT1=60000 FRAMESIZELIMIT2=500000 P1=1 P2=1 P3=10',
];

function envOf(opts: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const kv of opts.split(' ')) {
    const [k, v] = kv.split('=');
    env[k!] = v!;
  }
  return env;
}

test('negentropy conformance suite (hoytech/negentropy test/)', { timeout: 30 * 60_000 }, (t) => {
  if (!perlReady) {
    assert.ok(!inCi, 'perl with Session::Token (apt: libsession-token-perl) is required under CI');
    return t.skip('perl with Session::Token is not installed (apt-get install libsession-token-perl)');
  }
  if (!existsSync(suiteRepo)) {
    return t.skip(`no snapshot of hoytech/negentropy at ${suiteRepo} (set NEGENTROPY_SUITE to its git directory)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'negentropy-suite-'));
  try {
    const tar = execFileSync('git', ['--git-dir', suiteRepo, 'archive', 'HEAD', 'js', 'test'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const testDir = join(dir, 'test');
    // Our harness joins the suite's list of implementations (in the temporary copy only).
    const utils = join(testDir, 'Utils.pm');
    const text = readFileSync(utils, 'utf8');
    const hook = `    if ($harnessType eq 'lifeline') { return '${process.execPath} ${harness}'; }\n`;
    writeFileSync(utils, text.replace(/(\s*if \(\$harnessType eq 'cpp'\))/, `\n${hook}$1`));
    const run = (args: string[], opts: string) => {
      const r = spawnSync('perl', args, { cwd: testDir, env: envOf(opts), encoding: 'utf8', maxBuffer: 1 << 26 });
      assert.equal(r.status, 0, `${opts} perl ${args.join(' ')} failed:\n${(r.stdout ?? '').slice(-2000)}${r.stderr}`);
      return r.stdout;
    };
    // Reference JS initiating against our responder (the truncating side), then the reverse.
    for (const opts of INTEROP) assert.match(run(['fuzz.pl', 'js', 'lifeline'], opts), /-OK-/);
    for (const opts of INTEROP.filter((o) => o.includes('FRAMESIZE')))
      assert.match(run(['fuzz.pl', 'lifeline', 'js'], opts), /-OK-/);
    // The same with the splitting and truncation the relay and the sync client really use.
    for (const opts of INTEROP.filter((o) => o.includes('FRAMESIZE'))) {
      assert.match(run(['fuzz.pl', 'js', 'lifeline'], `${opts} LIFELINE_SPLITTING=1`), /-OK-/);
      assert.match(run(['fuzz.pl', 'lifeline', 'js'], `${opts} LIFELINE_SPLITTING=1`), /-OK-/);
    }
    assert.match(run(['protoversion.pl', 'lifeline'], ''), /OK/);
    // Byte-for-byte: our messages equal the reference's in every round.
    for (const opts of DELTA) {
      const trace = (lang: string) =>
        run(['fuzz.pl', lang, lang], `${opts} DELTATRACE=1`)
          .split('\n')
          .filter((l) => l.startsWith('DELTATRACE'));
      assert.deepEqual(trace('lifeline'), trace('js'), `delta ${opts}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
