// Replays issue 10's attacks against a node in its own process and attributes its memory
// (bench/RESULTS.md, "Memory after the attacks"). After `npx tsc -b`:
//   MODE=twenty|one|flood|idle [WARM_ALL=1] [SETTLE=ms] node bench/rss/attack.mjs
// Prints RSS from /proc/<pid>/smaps (main malloc heap, glibc arenas, other anonymous memory) and
// the node's process.memoryUsage() at the start, during, after and settled; the probe's latencies;
// and start / peak / settled (lowest over 10 s). ROOT=<tree> runs another checkout's build;
// NODE_FLAGS, NODE_ENV_EXTRA (JSON) and CMD_PREFIX (e.g. heaptrack) change how the node starts.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
const { NeverReadingSocket, RawClient, keys, signed, sleep, startProbe, tempDir } = await import(
  (process.env.ROOT ?? new URL('../..', import.meta.url).pathname.replace(/\/$/, '')) +
    '/packages/testkit/dist/index.js'
);
const envExtra = JSON.parse(process.env.NODE_ENV_EXTRA ?? '{}');
const overrides = process.env.OVERRIDES ?? '{"synchronous":"NORMAL"}';
const prefix = process.env.CMD_PREFIX ? process.env.CMD_PREFIX.split(' ') : [];
const proc = spawn(
  prefix[0] ?? process.execPath,
  [
    ...prefix.slice(1),
    ...(prefix.length ? [process.execPath] : []),
    ...(process.env.NODE_FLAGS ? process.env.NODE_FLAGS.split(' ') : []),
    new URL('./launch.mjs', import.meta.url).pathname,
    tempDir(),
    overrides,
  ],
  { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...envExtra } },
);
let errBuf = '';
const memWaiters = [];
proc.stderr.on('data', (d) => {
  errBuf += d;
  let nl;
  while ((nl = errBuf.indexOf('\n')) >= 0) {
    const line = errBuf.slice(0, nl);
    errBuf = errBuf.slice(nl + 1);
    if (line.startsWith('{"mem"')) memWaiters.shift()?.(JSON.parse(line).mem);
    else process.stderr.write(`${line}\n`);
  }
});
let firstLine;
const url = await new Promise((res) => {
  let o = '';
  proc.stdout.on('data', (d) => {
    o += d;
    const m = /^\{"url".*$/m.exec(o);
    if (m && !firstLine) {
      firstLine = m[0];
      res(JSON.parse(firstLine).url);
    }
  });
});
const pid = Number(process.env.CMD_PREFIX ? JSON.parse(await new Promise((r) => r(firstLine))).pid : proc.pid);
const MB = (n) => (n / 1048576).toFixed(1);
function smaps() {
  const t = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const g = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(t)[1]) * 1024;
  return { rss: g('Rss'), anon: g('Anonymous'), file: g('Rss') - g('Anonymous') };
}
function _regions() {
  // anon regions grouped: [heap], 64MB-ish arenas, other anon
  const t = readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n');
  const out = { heap: 0, anonBig: 0, anonSmall: 0, file: 0, stack: 0 };
  let cur = null,
    size = 0;
  for (const l of t) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(l);
    if (m) {
      cur = m[3];
      size = parseInt(m[2], 16) - parseInt(m[1], 16);
      continue;
    }
    const r = /^Rss:\s+(\d+)/.exec(l);
    if (r) {
      const b = Number(r[1]) * 1024;
      if (cur === '[heap]') out.heap += b;
      else if (cur.startsWith('[stack')) out.stack += b;
      else if (cur === '') {
        if (size >= 60 * 1048576) out.anonBig += b;
        else out.anonSmall += b;
      } else out.file += b;
    }
  }
  return out;
}
function maps() {
  const t = readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n');
  const out = { brk: 0, arena: 0, otherAnon: 0, file: 0, stack: 0, arenaCount: 0 };
  let cur = null,
    start = 0,
    perm = '';
  for (const l of t) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(l);
    if (m) {
      cur = m[4];
      start = parseInt(m[1], 16);
      perm = m[3];
      continue;
    }
    const r = /^Rss:\s+(\d+)/.exec(l);
    if (r) {
      const b = Number(r[1]) * 1024;
      if (cur === '[heap]') out.brk += b;
      else if (cur.startsWith('[stack')) out.stack += b;
      else if (cur === '') {
        if (start % (64 * 1048576) === 0 && perm.startsWith('rw')) {
          out.arena += b;
          out.arenaCount++;
        } else out.otherAnon += b;
      } else out.file += b;
    }
  }
  return out;
}
async function mem() {
  const p = new Promise((r) => memWaiters.push(r));
  process.kill(pid, 'SIGUSR2');
  return p;
}
async function snap(label) {
  const s = smaps(),
    r = maps(),
    m = await mem();
  console.log(
    `${label.padEnd(10)} rss ${MB(s.rss)} anon ${MB(s.anon)} file ${MB(s.file)} | brk ${MB(r.brk)} arenas(${r.arenaCount}) ${MB(r.arena)} otherAnon ${MB(r.otherAnon)} | v8 heapTotal ${MB(m.heapTotal)} used ${MB(m.heapUsed)} ext ${MB(m.external)} ab ${MB(m.arrayBuffers)} malloced ${MB(m.malloced)} | ${Object.entries(
      m.spaces ?? {},
    )
      .filter(([, v]) => v >= 1048576)
      .map(([k, v]) => `${k.replace('_space', '')} ${MB(v)}`)
      .join(' ')}`,
  );
  return s.rss;
}
function rss() {
  return smaps().rss;
}
async function minOver(ms) {
  let mn = Infinity;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    mn = Math.min(mn, rss());
    await sleep(250);
  }
  return mn;
}

const tag = 'wedge';
const author = keys();
const c = await RawClient.connect(url);
const filler = 'x'.repeat(60 * 1024);
for (let i = 0; i < 200; i++) {
  const e = signed(author, { kind: 1, content: `${i} ${filler}`, tags: [['t', tag]], created_at: 1_700_000_000 + i });
  c.send(['EVENT', e]);
  await c.next((m) => m[0] === 'OK' && m[1] === e.id, 10_000);
}
if (process.env.WARM_ALL) {
  for (let r = 0; r < 2; r++) {
    c.send(['REQ', `wa${r}`, { '#t': [tag], limit: 500 }]);
    c.send(['REQ', `wb${r}`, { '#t': [tag], limit: 500 }]);
    await c.next((m) => m[0] === 'EOSE' && m[1] === `wa${r}`, 20_000);
    await c.next((m) => m[0] === 'EOSE' && m[1] === `wb${r}`, 20_000);
  }
} else
  for (const sub of ['warm1', 'warm2']) {
    c.send(['REQ', sub, { '#t': [tag], limit: 500 }]);
    await c.next((m) => m[0] === 'EOSE' && m[1] === sub, 20_000);
  }
await sleep(12_000);
await c.close();
// MODE may list several attacks (one,twenty,flood): run in turn on the same node, as the test does.
const modes = (process.env.MODE ?? 'twenty').split(',');
const reqBomb = (sub) => ['REQ', sub, ...Array.from({ length: 10 }, () => ({ '#t': [tag], limit: 500 }))];
const rounds = Number(process.env.ROUNDS ?? modes.length);
// SNAP=1 (with SNAPDIR set for the node): a heap snapshot before each attack, after it, and settled.
async function heapSnap(label) {
  if (!process.env.SNAP) return;
  const p = new Promise((r) => memWaiters.push(r));
  process.kill(pid, 'SIGHUP');
  const m = await p;
  console.log(`snapshot ${label}: ${m.snapshot} heapUsed ${MB(m.heapUsed)} heapTotal ${MB(m.heapTotal)}`);
}
await snap('start');
const start0 = await minOver(5000);
console.log(`start min5s ${MB(start0)}`);
await snap('start2');
for (let round = 0; round < rounds; round++) {
  const mode = modes[round % modes.length];
  if (round > 0) await sleep(10_000);
  const start = await minOver(3000);
  await heapSnap(`r${round}-${mode}-before`);
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 100);
  const probe = await startProbe(url, { intervalMs: 200, timeoutMs: 5000 });
  await sleep(400);
  if (mode === 'idle') await sleep(3000);
  else {
    const n = mode === 'one' ? 1 : 20;
    const sockets = await Promise.all(Array.from({ length: n }, () => NeverReadingSocket.open(url)));
    if (mode === 'flood')
      for (const s of sockets) for (let i = 0; i < 500; i++) s.send(['REQ', `f${i}`, { '#t': [tag], limit: 500 }]);
    else for (const s of sockets) for (let i = 0; i < 30; i++) s.send(reqBomb(`s${i}`));
    await sleep(n === 1 ? 2000 : 3000);
    await snap('attack');
    for (const s of sockets) s.destroy();
  }
  await sleep(600);
  const rep = await probe.stop();
  clearInterval(sampler);
  await snap('after');
  await heapSnap(`r${round}-${mode}-after`);
  const all = [...rep.publishes, ...rep.queries].sort((a, b) => a - b);
  const p99 = all[Math.floor(0.99 * all.length)];
  const q = (a) => {
    const x = [...a].sort((m, n) => m - n);
    return `n${x.length} p50 ${x[Math.floor(x.length / 2)]?.toFixed(0)} p99 ${x[Math.floor(0.99 * x.length)]?.toFixed(0)} max ${x[x.length - 1]?.toFixed(0)}`;
  };
  console.log(`publishes ${q(rep.publishes)} | queries ${q(rep.queries)}`);
  await sleep(Number(process.env.SETTLE ?? 15000));
  await snap('settled');
  const settled = await minOver(10000);
  await heapSnap(`r${round}-${mode}-settled`);
  console.log(
    `round ${round} ${mode}: start ${MB(start)} peak ${MB(peak)} settled(min10s) ${MB(settled)} (+${((settled / start - 1) * 100).toFixed(1)}%) vs start0 +${((settled / start0 - 1) * 100).toFixed(1)}% p99 ${p99?.toFixed(0)} timeouts ${rep.timeouts}`,
  );
}
if (process.env.GDB) {
  const { execFileSync } = await import('node:child_process');
  execFileSync('gdb', ['-p', String(pid), '-batch', '-ex', 'call (void)malloc_stats()'], { stdio: 'ignore' });
  await sleep(300);
  console.log(`before trim rss ${MB(rss())}`);
  execFileSync('gdb', ['-p', String(pid), '-batch', '-ex', 'call (int)malloc_trim(0)'], { stdio: 'ignore' });
  await sleep(300);
  await snap('trimmed');
}
process.kill(pid, 'SIGTERM');
await new Promise((r) => proc.once('exit', r));
