/**
 * Render time and size of the pages without JavaScript (packages/node/src/pages) on a filled store:
 * a real node in this process, N notes by many authors entered through relay.addEvent, then each
 * page fetched repeatedly over HTTP. Usage: node bench/dist/pages.js [--events 20000] [--rounds 30]
 */
import { rmSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { noteEncode, npubEncode } from 'nostr-tools/nip19';
import { defaults } from '@lifeline/config';
import { startNode } from '@lifeline/node';
import { tempDir } from '@lifeline/testkit';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 20_000);
const ROUNDS = arg('rounds', 30);
const data = tempDir('lifeline-bench-pages-');
const node = await startNode({ ...defaults(), port: 0, host: '127.0.0.1', data, logLevel: 'warn' });
try {
  const authors = Array.from({ length: 500 }, () => generateSecretKey());
  const now = Math.floor(Date.now() / 1000) - EVENTS;
  const tags = ['كتاب', 'کتاب', 'iran', 'news', '١٨تير'];
  let root = '';
  const started = performance.now();
  for (const [i, sk] of authors.entries()) {
    const content = JSON.stringify({ name: `writer ${i}`, about: 'نویسنده' });
    await node.relay.addEvent(finalizeEvent({ kind: 0, created_at: now, tags: [], content }, sk), { source: 'import' });
  }
  for (let i = 0; i < EVENTS; i++) {
    const t: string[][] = i % 3 === 0 ? [['t', tags[i % tags.length]!]] : [];
    if (root && i % 7 === 0) t.push(['e', root, '', 'root']);
    const ev = finalizeEvent(
      {
        kind: 1,
        created_at: now + i,
        tags: t,
        content: `گزارش شماره ${i} از خیابان #${tags[i % tags.length]} https://x.example/${i}.jpg`,
      },
      authors[i % authors.length]!,
    );
    const r = await node.relay.addEvent(ev, { source: 'import' });
    if (i === 100) root = ev.id;
    if (!r.ok) throw new Error(`refused: ${r.message}`);
  }
  console.log(
    `filled ${EVENTS} notes by ${authors.length} authors in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const pages = [
    '/timeline',
    `/timeline?before=${now + Math.floor(EVENTS / 2)}`,
    `/p/${npubEncode(getPublicKey(authors[1]!))}`,
    `/e/${noteEncode(root)}`,
    `/t/${encodeURIComponent('کتاب')}`,
    `/search?q=${encodeURIComponent('خيابان 42')}`,
    '/live/',
    '/t/iran/feed.atom',
  ];
  console.log('| page | bytes | brotli | median ms | p90 ms |\n|---|---|---|---|---|');
  for (const path of pages) {
    const times: number[] = [];
    let body = '';
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      const res = await fetch(node.httpUrl + path, { headers: { 'accept-encoding': 'identity' } });
      body = await res.text();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    }
    times.sort((a, b) => a - b);
    const bytes = Buffer.byteLength(body);
    const br = brotliCompressSync(body).length;
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(`| \`${decodeURIComponent(path)}\` | ${bytes} | ${br} | ${at(0.5)} | ${at(0.9)} |`);
  }
} finally {
  await node.close();
  rmSync(data, { recursive: true, force: true });
}
