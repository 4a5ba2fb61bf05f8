#!/usr/bin/env node
// The `lifeline` command that npm links into node_modules/.bin (so `npx lifeline` works). It is a
// committed file rather than the build output: npm links bins before `prepare` builds dist/, and
// skips a bin whose file is missing; and tsc rewrites dist/ without the executable bit.
try {
  await import('../dist/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('cli/dist/main.js')) throw err;
  process.stderr.write('lifeline: not built yet; run `npm run build` in the Lifeline repository\n');
  process.exitCode = 1;
}
