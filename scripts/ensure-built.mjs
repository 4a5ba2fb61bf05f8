// Builds what `npm start` runs only when it is missing or older than its sources, so a start
// costs a second instead of a full build: `tsc -b` when any TypeScript workspace has a source newer
// than its build info, then the web bundle when its sources or the packages it bundles changed.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const WEB = 'apps/web';

/** The newest modification time under `path` (a file or a directory), 0 when absent. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

/** Workspaces compiled by `tsc -b`, each with the build info tsc rewrites when it rebuilds them. */
const compiled = workspaces.filter((w) => w !== WEB && existsSync(join(root, w, 'tsconfig.json')));
const staleTs = compiled.filter((w) => {
  const built = mtime(join(root, w, 'tsconfig.tsbuildinfo'));
  const sources = Math.max(
    newest(join(root, w, 'src')),
    mtime(join(root, w, 'tsconfig.json')),
    mtime(join(root, 'tsconfig.base.json')),
  );
  return built === 0 || sources > built;
});

/** Workspace folders of the packages `dir` depends on, directly or not (the web bundle includes their dist/). */
function dependencies(dir, seen = new Set()) {
  const deps = Object.keys(JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).dependencies ?? {});
  for (const name of deps) {
    const ws = workspaces.find((w) => JSON.parse(readFileSync(join(root, w, 'package.json'), 'utf8')).name === name);
    if (ws && !seen.has(ws)) {
      seen.add(ws);
      dependencies(ws, seen);
    }
  }
  return seen;
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (staleTs.length) {
  console.error(`building TypeScript (changed: ${staleTs.join(', ')})`);
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
}
// Checked after tsc, which may just have rewritten the packages the bundle includes.
const bundled = Math.max(
  newest(join(root, WEB, 'src')),
  newest(join(root, WEB, 'scripts')),
  ...[...dependencies(WEB)].map((w) => newest(join(root, w, 'dist'))),
);
if (bundled > mtime(join(root, WEB, 'dist/index.html'))) {
  console.error('building the web app (its sources changed)');
  run('npm', ['run', 'build', '-w', '@lifeline/web']);
}
