import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError, configMarkdown, helpText } from './index.js';

test('defaults match the quick start', () => {
  const c = loadConfig([]);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, 7447);
  assert.equal(c.data, './data');
});

test('flags override environment, which overrides defaults', () => {
  const c = loadConfig(['--port', '9000', '--host=0.0.0.0', '--auth-required'], {
    LIFELINE_PORT: '8000',
    LIFELINE_DATA: '/var/lib/lifeline',
  });
  assert.equal(c.port, 9000);
  assert.equal(c.host, '0.0.0.0');
  assert.equal(c.data, '/var/lib/lifeline');
  assert.equal(c.authRequired, true);
  assert.equal(loadConfig(['--no-auth-required'], { LIFELINE_AUTH_REQUIRED: 'true' }).authRequired, false);
});

test('bad input is a clear error', () => {
  assert.throws(
    () => loadConfig(['--prot', '1']),
    (e: Error) => e instanceof ConfigError && /unknown option --prot/.test(e.message),
  );
  assert.throws(() => loadConfig(['--port', 'abc']), /--port: expected a whole number/);
  assert.throws(() => loadConfig(['--port']), /--port needs a value/);
  assert.throws(() => loadConfig(['--synchronous', 'OFF']), /one of FULL, NORMAL/);
  assert.throws(() => loadConfig([], { LIFELINE_PROT: '1' }), /unknown environment variable LIFELINE_PROT/);
  assert.throws(() => loadConfig(['serve']), /unexpected argument/);
});

test('help and docs list every setting', () => {
  assert.match(helpText(), /--max-subscriptions <number>/);
  assert.match(configMarkdown(), /\| `--port` \| `LIFELINE_PORT` \| `7447` \|/);
});

test('docs/config.md is generated from the schema and up to date', async () => {
  const { readFileSync } = await import('node:fs');
  const doc = readFileSync(new URL('../../../docs/config.md', import.meta.url), 'utf8');
  assert.equal(doc, configMarkdown(), 'run `npm run docs:config` to regenerate docs/config.md');
});

test('numbers stay within their range; URL settings take only their schemes', () => {
  assert.equal(loadConfig(['--port', '65535']).port, 65535);
  assert.throws(() => loadConfig(['--port', '99999']), /--port: expected a whole number from 0 to 65535, got "99999"/);
  assert.throws(() => loadConfig(['--max-limit', '1e300']), /--max-limit: expected a whole number >= 1/);
  assert.throws(
    () => loadConfig([], { LIFELINE_PURGE_INTERVAL_SECONDS: '3000000' }),
    /LIFELINE_PURGE_INTERVAL_SECONDS: expected a whole number from 1 to 2147483/,
  );
  assert.equal(loadConfig(['--public-url', 'wss://news.example.org']).publicUrl, 'wss://news.example.org');
  assert.throws(
    () => loadConfig(['--public-url', 'news.example.org']),
    /--public-url: expected a URL starting with ws:\/\/ or wss:\/\//,
  );
  assert.throws(
    () => loadConfig(['--icon', 'javascript:alert(1)']),
    /--icon: expected a URL starting with https:\/\/ or http:\/\//,
  );
  assert.equal(loadConfig(['--icon', 'https://example.org/i.png', '--icon', '']).icon, '');
});

test('--help shows what each setting accepts', () => {
  assert.match(helpText(), /--log-level <string> .* One of: debug, info, warn, error, silent\. \(default: "info"\)/);
  assert.match(helpText(), /--port <number> .* From 0 to 65535\. \(default: 7447\)/);
  assert.match(helpText(), /--max-subscriptions <number> .* At least 1\. \(default: 32\)/);
  assert.match(configMarkdown(), /\| `--port` \| `LIFELINE_PORT` \| `7447` \| .* From 0 to 65535\. \|/);
});

test('a list setting keeps every repeated flag and checks each item (--mirror)', () => {
  const cfg = loadConfig(['--mirror', 'wss://a.example', '--mirror=ws://127.0.0.1:7000'], {});
  assert.equal(cfg.mirror, 'wss://a.example,ws://127.0.0.1:7000');
  assert.equal(
    loadConfig([], { LIFELINE_MIRROR: 'wss://x.example, wss://y.example' }).mirror,
    'wss://x.example, wss://y.example',
  );
  assert.throws(
    () => loadConfig(['--mirror', 'wss://a.example,http://b.example'], {}),
    /expected a URL starting with ws:\/\/ or wss:\/\//,
  );
  // Other settings still take the last value given.
  assert.equal(loadConfig(['--port', '1', '--port', '2'], {}).port, 2);
});
