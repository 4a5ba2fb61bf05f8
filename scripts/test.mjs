// Runs every compiled test file (*.test.js under each workspace's dist/) with Node's test runner.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['packages', 'apps'].flatMap((d) => readdirSync(d).map((n) => join(d, n, 'dist')));
roots.push('bench/dist', 'tests/dist');
const files = [];
const hasSource = (compiled) => {
  const src = compiled.replace(/([/\\])dist([/\\])/, '$1src$2').replace(/\.js$/, '');
  return existsSync(`${src}.ts`) || existsSync(`${src}.tsx`);
};
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    // A compiled test whose source was deleted or moved is stale output, not a test.
    else if (name.endsWith('.test.js') && hasSource(p)) files.push(p);
  }
};
for (const r of roots) if (existsSync(r)) walk(r);
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
if (selected.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', ...selected], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
