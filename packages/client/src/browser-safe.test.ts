import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// The web app bundles this package for browsers: no module may load Node built-ins, nor the
// @lifeline/nostr index (it loads node:crypto), nor nostr-tools' whole index.
test('compiled modules import nothing Node-only', () => {
  const dir = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js'));
  assert.ok(files.length > 10);
  for (const f of files) {
    const src = readFileSync(`${dir}/${f}`, 'utf8');
    const specifiers = [...src.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    for (const s of specifiers) {
      assert.ok(!s.startsWith('node:'), `${f} imports ${s}`);
      assert.notEqual(s, '@lifeline/nostr', `${f} imports the @lifeline/nostr index`);
      assert.notEqual(s, 'nostr-tools', `${f} imports the whole nostr-tools index`);
      if (s.includes('/nostr/dist/')) assert.match(s, /\/(nip50|relayUrl)\.js$/, `${f} imports ${s}`);
    }
  }
});
