import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { tempDir } from '@lifeline/testkit';
import { cli } from '../testing.js';

const bin = fileURLToPath(new URL('../main.js', import.meta.url));

test('serve announces its URL, answers clients and exits 0 on SIGTERM', async () => {
  const data = tempDir('lifeline-cli-serve-');
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', data, '--log-level', 'warn']);
  try {
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = stderr.match(
          /Lifeline listening on (ws:\/\/\S+) \(data: (.*); signatures: (native libsecp256k1|wasm fallback .*)\)/,
        );
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const ws = new WebSocket(url);
    // The relay may open with a NIP-42 AUTH challenge; wait for the subscription's EOSE.
    const eose = new Promise<unknown>((resolve) =>
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as unknown[];
        if (msg[0] !== 'AUTH') resolve(msg);
      }),
    );
    await once(ws, 'open');
    ws.send(JSON.stringify(['REQ', 's', { limit: 1 }]));
    assert.deepEqual(await eose, ['EOSE', 's']);
    ws.close();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(code, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(data, { recursive: true, force: true });
  }
});

test('serve rejects a bad setting with exit 2 and prints every setting for --help', async () => {
  const bad = await cli(['serve', '--port', 'eighty']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--port: expected a whole number/);
  const help = await cli(['serve', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--max-subscriptions <number>/);
});
