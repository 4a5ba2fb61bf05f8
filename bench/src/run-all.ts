/** Runs every scenario in order against one relay and appends their RESULT lines to .bench-data/results.jsonl. */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from './lib/args.js';
import { defaultDataDir } from './lib/dataset.js';

const args = parseArgs();
const dir = args.str('data', defaultDataDir);
const common = ['--url', args.str('url', 'ws://127.0.0.1:7447'), '--data', dir];
const pid = args.optional('pid');
if (pid !== undefined) common.push('--pid', pid);

// Ingest first: it is only meaningful against an empty relay; fill then tops the relay up to the full dataset.
const steps: [string, string[]][] = [
  ['gen-dataset.js', ['--data', dir]],
  ['ingest.js', [...common, '--count', args.str('ingest-count', '200000')]],
  ['fill.js', common],
  ['timeline.js', common],
  ['fanout.js', [...common, '--mode', 'follows']],
  ['fanout.js', [...common, '--mode', 'all']],
];

/** Runs one scenario, echoing its output and keeping its RESULT line. */
function run(script: string, argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    console.log(`\n$ node bench/dist/${script} ${argv.join(' ')}`);
    const child = spawn(process.execPath, [new URL(`./${script}`, import.meta.url).pathname, ...argv], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.setEncoding('utf8');
    let partial = '';
    child.stdout.on('data', (text: string) => {
      process.stdout.write(text);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('RESULT ')) appendFileSync(join(dir, 'results.jsonl'), `${line.slice(7)}\n`);
      }
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
  });
}

for (const [script, argv] of steps) await run(script, argv);
