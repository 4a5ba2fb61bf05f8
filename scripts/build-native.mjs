// Builds the optional native secp256k1 addon; never fails the install (wasm is the fallback).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'packages/verify/native');
const header = '/usr/include/secp256k1_schnorrsig.h';

/** Prints the outcome as one line and exits 0: a missing addon must never break `npm ci`. */
function done(message) {
  console.log(`signature verification: ${message}`);
  process.exit(0);
}

if (process.env.LIFELINE_SKIP_NATIVE === '1') done('LIFELINE_SKIP_NATIVE=1, using nostr-wasm');
if (!existsSync(header)) done(`${header} not found (apt-get install libsecp256k1-dev), using nostr-wasm`);

// node-gyp downloads Node headers when it has none; point it at installed ones or give up.
const candidates = [process.env.npm_config_nodedir, join(dirname(process.execPath), '..'), '/usr'];
const nodedir = candidates.find(
  (d) => d && existsSync(join(d, 'include/node/node_api.h')) && existsSync(join(d, 'include/node/common.gypi')),
);
if (!nodedir) done('Node headers not found locally (need include/node/node_api.h), using nostr-wasm');

const gyp = join(root, 'node_modules/.bin/node-gyp');
if (!existsSync(gyp)) done('node-gyp not installed, using nostr-wasm');

const r = spawnSync(gyp, ['rebuild', `--nodedir=${nodedir}`, '--loglevel=warn'], {
  cwd: nativeDir,
  encoding: 'utf8',
  env: { ...process.env, npm_config_nodedir: nodedir },
});
if (r.status !== 0) {
  // The first compiler or linker error says more than node-gyp's closing "not ok".
  const lines = `${r.error?.message ?? ''}\n${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').map((l) => l.trim());
  const why =
    lines.find((l) => /error:|cannot find|not found/i.test(l)) ?? lines.filter(Boolean).pop() ?? 'unknown error';
  done(`native build failed (${why}), using nostr-wasm`);
}

// A built file that will not load (e.g. missing libsecp256k1.so) is as good as none.
const addon = join(nativeDir, 'build/Release/lifeline_verify.node');
const check = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(addon)}).verifyBatch(new Uint8Array(0))`], {
  encoding: 'utf8',
});
if (check.status !== 0) done('native addon built but does not load, using nostr-wasm');
done('native libsecp256k1 addon built, using it');
