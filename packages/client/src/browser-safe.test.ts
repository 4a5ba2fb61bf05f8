import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';

// The web app bundles @lifeline/client and, through it, @lifeline/nostr: every module the two
// load must run in a browser, so none may import a Node built-in. nostr-tools is imported by
// subpath only (its index would pull every NIP into the bundle), and no other workspace package.
test('the modules @lifeline/client and @lifeline/nostr load import nothing Node-only', () => {
  const roots = [new URL('./index.js', import.meta.url).href, import.meta.resolve('@lifeline/nostr')];
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const url = queue.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const src = readFileSync(new URL(url), 'utf8');
    for (const [, s] of src.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const where = `${url.slice(url.lastIndexOf('/packages/') + 1)} imports ${s}`;
      assert.ok(!isBuiltin(s!), where);
      assert.notEqual(s, 'nostr-tools', where);
      if (s!.startsWith('.')) queue.push(new URL(s!, url).href);
      else if (s!.startsWith('@lifeline/')) {
        assert.equal(s, '@lifeline/nostr', where);
        queue.push(import.meta.resolve(s!));
      }
    }
  }
  const files = [...seen].map((u) => u.slice(u.lastIndexOf('/packages/') + 1));
  assert.ok(files.filter((f) => f.startsWith('packages/client/')).length > 20, 'walked the client');
  assert.ok(files.includes('packages/nostr/dist/event.js'), 'walked into @lifeline/nostr');
});
