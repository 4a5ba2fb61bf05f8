// Bundles the web app into dist/: hashed JS and CSS under assets/, and an index.html that names them.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
  metafile: true,
  legalComments: 'none',
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
const js = outputs.find((f) => f.endsWith('.js'));
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
<link rel="icon" href="data:,">
${css ? `<link rel="stylesheet" href="/assets/${css}">` : ''}
<script type="module" src="/assets/${js}"></script>
</head>
<body><div id="app"></div><noscript>Lifeline's web app needs JavaScript. Live-blogs at /live/ work without it.</noscript></body>
</html>
`,
);
