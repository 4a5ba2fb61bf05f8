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
  assert.throws(() => loadConfig(['--prot', '1']), (e: Error) => e instanceof ConfigError && /unknown option --prot/.test(e.message));
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
