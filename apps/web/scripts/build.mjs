// Bundles the web app into dist/: hashed JS and CSS under assets/, and an index.html that names them.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });

const result = await build({
  entryPoints: [join(root, 'src/main.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  // Code loaded with import() (the QR encoder, image processing) becomes its own file, fetched on first use.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  legalComments: 'none',
  // Persian strings as UTF-8 (two bytes a letter) instead of \uXXXX escapes (six); the node serves
  // .js as text/javascript; charset=utf-8, and module scripts are decoded as UTF-8 regardless.
  charset: 'utf8',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});
// The live-blog reader script: a separate tiny bundle the node serves at /live/assets/reader.js.
await build({
  entryPoints: [join(root, 'src/live/reader.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  outfile: join(out, 'live-reader.js'),
  legalComments: 'none',
  logLevel: 'warning',
});
// The static export's offline signature verifier, copied by `lifeline export-site`.
await build({
  entryPoints: [join(root, 'src/site/verify.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  outfile: join(out, 'site-verify.js'),
  legalComments: 'none',
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
// Screens loaded with import() are entry points of their own in the metafile: pick src/main.tsx's.
const [entryPath] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint?.endsWith('src/main.tsx'));
const js = basename(entryPath);
// Chunks the entry imports statically, directly or through another chunk, are needed at start: all
// preloaded from index.html (no waterfall of round trips), and counted in the size budget.
const initial = new Set();
const walk = (path) => {
  for (const i of result.metafile.outputs[path].imports) {
    if (i.kind !== 'import-statement' || initial.has(i.path)) continue;
    initial.add(i.path);
    walk(i.path);
  }
};
walk(entryPath);
const preload = [...initial].map((p) => `<link rel="modulepreload" href="/assets/${basename(p)}">`).join('\n');
// The UI language's string table (src/i18n/*.ts, a chunk each): a tiny classic script picks the language
// as src/i18n/index.ts readLang() does and preloads that table beside the entry, so it costs no round trip.
const langChunk = (lang) =>
  basename(Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint?.endsWith(`src/i18n/${lang}.ts`))[0]);
const pick = `(function(){var l;try{l=localStorage.getItem('lifeline.lang')}catch(e){}if(l!=='en'&&l!=='fa')l=navigator.language.indexOf('fa')===0?'fa':'en';var a=document.createElement('link');a.rel='modulepreload';a.href=l==='fa'?'/assets/${langChunk('fa')}':'/assets/${langChunk('en')}';document.head.appendChild(a)})();\n`;
const langJs = `lang-${createHash('sha256').update(pick).digest('hex').slice(0, 8).toUpperCase()}.js`;
writeFileSync(join(out, 'assets', langJs), pick);
outputs.push(langJs);
const css = outputs.find((f) => f.endsWith('.css'));
writeFileSync(
  join(out, 'index.html'),
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Lifeline</title>
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
${css ? `<link rel="stylesheet" href="/assets/${css}">` : ''}
<script type="module" src="/assets/${js}"></script>${preload ? `\n${preload}` : ''}
<script src="/assets/${langJs}"></script>
</head>
<body><div id="app"></div><noscript>Lifeline's web app needs JavaScript. Live-blogs at /live/ work without it.</noscript></body>
</html>
`,
);
// The icon, served by the node itself (web app and live-blog pages): no browser asks anyone else for one.
copyFileSync(join(root, 'src/favicon.svg'), join(out, 'favicon.svg'));
// The app-shell service worker, served by the node at /sw.js (same origin; it never asks anyone else).
// Its cache is named after this build's files, so a new build replaces the old shell.
const shell = ['/', ...outputs.filter((f) => f.endsWith('.js') || f.endsWith('.css')).map((f) => `/assets/${f}`)];
writeFileSync(
  join(out, 'sw.js'),
  `// Lifeline app shell: index.html and this build's assets, so the app opens while its node is down.
const CACHE = 'lifeline-shell-${js}';
const SHELL = ${JSON.stringify(shell)};
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('lifeline-shell-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  // Pages: the node first (fresh HTML and its security headers); the cached shell when it is down,
  // or silent for 4 s (a blocked address often swallows packets instead of refusing them).
  if (req.mode === 'navigate') {
    e.respondWith(
      new Promise((resolve) => {
        let done = false;
        const give = (r) => {
          if (!done && r) {
            done = true;
            resolve(r);
          }
        };
        const cached = () => caches.match('/');
        const timer = setTimeout(() => cached().then(give), 4000);
        fetch(req).then(
          (r) => {
            clearTimeout(timer);
            give(r);
          },
          () => {
            clearTimeout(timer);
            cached().then((r) => give(r || Response.error()));
          },
        );
      }),
    );
    return;
  }
  // Hashed assets never change: the cached copy, else the network.
  if (SHELL.includes(url.pathname) && url.pathname !== '/') {
    e.respondWith(caches.match(url.pathname).then((r) => r || fetch(req)));
  }
});
`,
);
