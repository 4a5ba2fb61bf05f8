// Gzipped and Brotli size of what the web app's first page load fetches: index.html and the JS and
// CSS it names (of the two string tables, the larger). Budget: initial JavaScript at most 150 KB gzipped.
// Usage: npm run build && node bench/dist/webapp-size.js [path/to/apps/web/dist]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const BUDGET_JS_GZIP = 150 * 1024;

/** Sizes of one file: raw, gzip -9 and brotli q11 (what the node precompresses and serves). */
export function sizes(body: Buffer): { raw: number; gzip: number; br: number } {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The assets index.html loads at start (scripts and stylesheets under /assets/). */
export function initialAssets(indexHtml: string): string[] {
  return [...indexHtml.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
}

function main(): void {
  const dist =
    process.argv[2] ?? join(dirname(createRequire(import.meta.url).resolve('@lifeline/web/package.json')), 'dist');
  const index = readFileSync(join(dist, 'index.html'));
  const rows = [{ file: 'index.html', ...sizes(index) }];
  for (const a of initialAssets(index.toString())) {
    rows.push({ file: a, ...sizes(readFileSync(join(dist, a))) });
    // assets/lang-*.js preloads one string table, chosen in the browser: count the larger (the worst case).
    if (/^assets\/lang-/.test(a)) {
      const tables = [...readFileSync(join(dist, a), 'utf8').matchAll(/'\/(assets\/[^']+\.js)'/g)].map((m) => ({
        file: m[1]!,
        ...sizes(readFileSync(join(dist, m[1]!))),
      }));
      for (const t of tables) console.log(`(string table ${t.file}: ${(t.gzip / 1024).toFixed(1)} KB gzip)`);
      const worst = tables.sort((x, y) => y.gzip - x.gzip)[0];
      if (worst) rows.push(worst);
    }
  }
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log('| file | raw KB | gzip KB | brotli KB |\n|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.br)} |`);
  const js = rows.filter((r) => r.file.endsWith('.js')).reduce((s, r) => s + r.gzip, 0);
  const all = rows.reduce((s, r) => s + r.gzip, 0);
  console.log(
    `\ninitial JS gzip: ${kb(js)} KB (budget ${kb(BUDGET_JS_GZIP)} KB) — ${js <= BUDGET_JS_GZIP ? 'within budget' : 'OVER BUDGET'}`,
  );
  console.log(`initial JS+CSS+HTML gzip: ${kb(all)} KB`);
  if (js > BUDGET_JS_GZIP) process.exitCode = 1;
}

main();
