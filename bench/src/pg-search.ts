/**
 * NIP-50 on PostgreSQL: the store's tsvector of nip50.ts words (GIN) against pg_trgm over the same
 * normalized text (GIN, gin_trgm_ops), on the dataset's first N events: index build time and size,
 * and query times for the shapes relays see. `node bench/dist/pg-search.js [--events 200000]`
 * starts its own throwaway PostgreSQL server.
 */
import { normalizeText } from '@lifeline/nostr';
import { searchWords, tsqueryOf } from '@lifeline/store-postgres/search';
import { startPostgres } from '@lifeline/testkit/postgres';
import postgres from 'postgres';
import { parseArgs } from './lib/args.js';
import { defaultDataDir, readEventLines } from './lib/dataset.js';

const args = parseArgs();
const count = args.num('events', 200_000);
const runs = args.num('runs', 20);
const pg = await startPostgres({ durable: true });
const sql = postgres(pg.url(), { onnotice: () => {} });
try {
  await sql`CREATE EXTENSION pg_trgm`;
  await sql`CREATE TABLE s (id serial PRIMARY KEY, words tsvector, body text NOT NULL)`;
  let words: string[] = [];
  let bodies: string[] = [];
  const flush = async () => {
    await sql`INSERT INTO s (words, body)
      SELECT array_to_tsvector(string_to_array(w, ' ')), b FROM unnest(${words}::text[], ${bodies}::text[]) AS x (w, b)`;
    words = [];
    bodies = [];
  };
  for await (const line of readEventLines(args.str('data', defaultDataDir), 0, count)) {
    const e = JSON.parse(line) as { content: string; tags: string[][] };
    words.push(searchWords(e.content, e.tags).join(' '));
    bodies.push(normalizeText([e.content, ...e.tags.filter((t) => t[0] === 't').map((t) => t[1])].join(' ')));
    if (words.length === 5000) await flush();
  }
  if (words.length) await flush();
  const built: Record<string, { seconds: number; mb: number }> = {};
  for (const [name, ddl] of [
    ['tsvector', 'CREATE INDEX s_words ON s USING gin (words)'],
    ['trigram', 'CREATE INDEX s_trgm ON s USING gin (body gin_trgm_ops)'],
  ] as const) {
    const t = performance.now();
    await sql.unsafe(ddl);
    const index = name === 'tsvector' ? 's_words' : 's_trgm';
    const [row] = await sql.unsafe(`SELECT pg_relation_size('${index}') AS b`);
    built[name] = { seconds: (performance.now() - t) / 1000, mb: Number(row!.b) / 2 ** 20 };
  }
  await sql`VACUUM ANALYZE s`;
  const [size] = await sql`SELECT pg_relation_size('s') AS b`;
  console.log(`${count} events, table ${(Number(size!.b) / 2 ** 20).toFixed(0)} MB`);
  for (const [name, b] of Object.entries(built))
    console.log(`${name}: build ${b.seconds.toFixed(1)} s, ${b.mb.toFixed(0)} MB`);
  const time = async (text: string, params: unknown[]) => {
    const ms: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      rows = (await sql.unsafe(text, params as never[])).length;
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return { p50: ms[Math.floor(runs / 2)]!, rows };
  };
  console.log('| query | matches | tsvector newest 50 p50 (ms) | trigram newest 50 p50 (ms) |');
  console.log('|---|---:|---:|---:|');
  for (const q of ['protest', 'azadi square', 'تهران', 'بازداشت امروز', 'hosp', 'خی', 'rooftops students released']) {
    const tsq = tsqueryOf(q)!;
    const terms = tsq.match(/'([^']+)'/g)!.map((t) => t.slice(1, -1));
    const [{ n }] = (await sql.unsafe('SELECT count(*)::int AS n FROM s WHERE words @@ $1::tsquery', [tsq])) as [
      { n: number },
    ];
    const ts = await time('SELECT id FROM s WHERE words @@ $1::tsquery ORDER BY id DESC LIMIT 50', [tsq]);
    // The trigram index only narrows candidates to the substrings; the word-start rule is a regex recheck.
    const where = terms.map((_, i) => `body LIKE $${i + 1} AND body ~ $${i + 1 + terms.length}`).join(' AND ');
    const params = [...terms.map((t) => `%${t}%`), ...terms.map((t) => `(^|[^[:alnum:]])${t}`)];
    const tr = await time(`SELECT id FROM s WHERE ${where} ORDER BY id DESC LIMIT 50`, params);
    console.log(`| ${q} | ${n} | ${ts.p50.toFixed(2)} | ${tr.p50.toFixed(2)} |`);
  }
} finally {
  await sql.end();
  await pg.stop();
}
