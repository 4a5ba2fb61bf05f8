// Runs every compiled test file (*.test.js under each workspace's dist/) with Node's test runner.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

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
// Load tests (`*.load.test.js`) measure how the node holds up under attack with a probe client:
// they run first and alone, so no other test's work lands in their figures; then everything
// else, two files at a time. The last line adds both runs up.
const load = selected.filter((f) => f.endsWith('.load.test.js'));
const rest = selected.filter((f) => !f.endsWith('.load.test.js'));
const totals = { pass: 0, fail: 0, skipped: 0 };
let failed = false;

/** Runs one `node --test` over `files`, streaming its output, and resolves to its summary and exit code. */
function run(files, concurrency) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, ...files],
      {
        stdio: ['inherit', 'pipe', 'inherit'],
      },
    );
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4096);
    });
    child.on('close', (code) => resolve({ tail, code }));
  });
}

for (const [files, concurrency] of [
  [load, 1],
  [rest, 2],
]) {
  if (files.length === 0) continue;
  const { tail, code } = await run(files, concurrency);
  for (const key of Object.keys(totals))
    totals[key] += Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tail)?.[1] ?? 0);
  if (code !== 0) failed = true;
}
console.log(`all: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
