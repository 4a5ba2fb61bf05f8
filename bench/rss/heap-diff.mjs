// Compares V8 heap snapshots (bench/RESULTS.md, "Memory after the attacks"): live objects by
// constructor (count, shallow size, and retained size from the dominator tree), the second
// snapshot minus the first; with PATHS=<name>, the shortest retaining path from the roots to a few
// objects of that constructor in the second one.
//   node bench/rss/heap-diff.mjs before.heapsnapshot after.heapsnapshot [top=25]
import { readFileSync } from 'node:fs';

/** A parsed snapshot: flat node and edge arrays as V8 writes them, plus first-edge offsets. */
function load(file) {
  const s = JSON.parse(readFileSync(file, 'utf8'));
  const m = s.snapshot.meta;
  const nf = m.node_fields.length;
  const ef = m.edge_fields.length;
  const nodeTypes = m.node_types[0];
  const edgeTypes = m.edge_types[0];
  const N = s.nodes.length / nf;
  const iType = m.node_fields.indexOf('type');
  const iName = m.node_fields.indexOf('name');
  const iSize = m.node_fields.indexOf('self_size');
  const iEdges = m.node_fields.indexOf('edge_count');
  const eType = m.edge_fields.indexOf('type');
  const eName = m.edge_fields.indexOf('name_or_index');
  const eTo = m.edge_fields.indexOf('to_node');
  const first = new Uint32Array(N + 1);
  for (let i = 0, e = 0; i < N; i++) {
    first[i] = e;
    e += s.nodes[i * nf + iEdges] * ef;
  }
  first[N] = s.edges.length;
  const type = (i) => nodeTypes[s.nodes[i * nf + iType]];
  const name = (i) => s.strings[s.nodes[i * nf + iName]];
  const size = (i) => s.nodes[i * nf + iSize];
  /** Objects group by constructor name; strings, code, arrays and the rest by their type. */
  const key = (i) => {
    const t = type(i);
    if (t === 'object' || t === 'closure' || t === 'native') return `${t === 'closure' ? 'closure ' : ''}${name(i)}`;
    return `(${t})`;
  };
  const edges = function* (i) {
    for (let e = first[i]; e < first[i + 1]; e += ef) {
      const et = edgeTypes[s.edges[e + eType]];
      const n = s.edges[e + eName];
      yield { type: et, name: et === 'element' || et === 'hidden' ? n : s.strings[n], to: s.edges[e + eTo] / nf };
    }
  };
  return { N, type, name, size, key, edges };
}

/** Immediate dominators (Cooper, Harvey and Kennedy's iterative algorithm), weak edges ignored. */
function retainedSizes(h) {
  const { N } = h;
  const order = new Int32Array(N).fill(-1); // post-order number
  const byOrder = new Int32Array(N);
  const preds = Array.from({ length: N }, () => []);
  // Iterative DFS from the root (node 0).
  const stack = [0];
  const iter = [h.edges(0)];
  const seen = new Uint8Array(N);
  seen[0] = 1;
  let n = 0;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const it = iter[iter.length - 1];
    const next = it.next();
    if (next.done) {
      stack.pop();
      iter.pop();
      order[top] = n;
      byOrder[n++] = top;
      continue;
    }
    const { type, to } = next.value;
    if (type === 'weak' || type === 'shortcut') continue;
    preds[to].push(top);
    if (!seen[to]) {
      seen[to] = 1;
      stack.push(to);
      iter.push(h.edges(to));
    }
  }
  const idom = new Int32Array(N).fill(-1);
  idom[0] = 0;
  const intersect = (a, b) => {
    while (a !== b) {
      while (order[a] < order[b]) a = idom[a];
      while (order[b] < order[a]) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = n - 2; k >= 0; k--) {
      const v = byOrder[k];
      let d = -1;
      for (const p of preds[v]) if (idom[p] !== -1) d = d === -1 ? p : intersect(p, d);
      if (d !== -1 && idom[v] !== d) {
        idom[v] = d;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(N);
  for (let k = 0; k < n; k++) {
    const v = byOrder[k];
    retained[v] += h.size(v);
    if (v !== 0) retained[idom[v]] += retained[v];
  }
  return { retained, idom, reachable: seen };
}

function summary(h) {
  const { retained, idom, reachable } = retainedSizes(h);
  const out = new Map();
  for (let i = 0; i < h.N; i++) {
    if (!reachable[i]) continue;
    const k = h.key(i);
    const r = out.get(k) ?? { count: 0, self: 0, retained: 0 };
    r.count++;
    r.self += h.size(i);
    // Retained by a group: only objects not dominated by another of the same group, so not counted twice.
    if (h.key(idom[i]) !== k) r.retained += retained[i];
    out.set(k, r);
  }
  return out;
}

/** Shortest path from the root to `target`, as `edge name -> constructor` steps. */
function pathTo(h, target) {
  const prev = new Int32Array(h.N).fill(-1);
  const via = new Array(h.N);
  prev[0] = 0;
  const queue = [0];
  for (let q = 0; q < queue.length && prev[target] === -1; q++) {
    const v = queue[q];
    for (const e of h.edges(v)) {
      if (e.type === 'weak' || prev[e.to] !== -1) continue;
      prev[e.to] = v;
      via[e.to] = e;
      queue.push(e.to);
    }
  }
  const steps = [];
  for (let v = target; v !== 0 && prev[v] !== -1; v = prev[v]) steps.push(`.${via[v].name} -> ${h.key(v)}`);
  return steps.reverse().join(' ');
}

const [a, b, top = '25'] = process.argv.slice(2);
const MB = (x) => (x / 1048576).toFixed(2);
const ha = load(a);
const sa = summary(ha);
const hb = load(b);
const sb = summary(hb);
const total = (s) => [...s.values()].reduce((t, r) => t + r.self, 0);
console.log(`live: ${MB(total(sa))} MB -> ${MB(total(sb))} MB`);
const rows = [...new Set([...sa.keys(), ...sb.keys()])].map((k) => {
  const x = sa.get(k) ?? { count: 0, self: 0, retained: 0 };
  const y = sb.get(k) ?? { count: 0, self: 0, retained: 0 };
  return { k, dc: y.count - x.count, ds: y.self - x.self, dr: y.retained - x.retained, y };
});
rows.sort((p, q) => Math.abs(q.dr) - Math.abs(p.dr));
console.log('constructor | count +/- | shallow +/- MB | retained +/- MB | retained now MB');
for (const r of rows.slice(0, Number(top)))
  console.log(`${r.k} | ${r.dc} | ${MB(r.ds)} | ${MB(r.dr)} | ${MB(r.y.retained)}`);
if (process.env.PATHS) {
  let shown = 0;
  for (let i = 0; i < hb.N && shown < 3; i++)
    if (hb.key(i) === process.env.PATHS) {
      console.log(`path to ${process.env.PATHS} #${i}: ${pathTo(hb, i)}`);
      shown++;
    }
}
