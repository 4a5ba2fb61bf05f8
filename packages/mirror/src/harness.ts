// The stdio harness the official negentropy conformance suite (hoytech/negentropy test/) drives:
// lines `item,<ts>,<hex id>`, `seal`, `initiate` and `msg,<hex>` in; `msg,<hex>`, `have,<id>`,
// `need,<id>` and `done` out. FRAMESIZELIMIT in the environment sets the frame size limit;
// LIFELINE_SPLITTING=1 splits and truncates as the relay and the sync client do (else as the reference).
import { createInterface } from 'node:readline';
import {
  NEG_LIFELINE_SPLITTING,
  NEG_REFERENCE_SPLITTING,
  Negentropy,
  NegentropyStorage,
  negPayloadBytes,
} from '@lifeline/nostr';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const frameSizeLimit = Number.parseInt(process.env.FRAMESIZELIMIT ?? '0', 10) || 0;
const splitting = process.env.LIFELINE_SPLITTING === '1' ? NEG_LIFELINE_SPLITTING : NEG_REFERENCE_SPLITTING;
const items: { timestamp: number; id: string }[] = [];
let ne: Negentropy | undefined;
const out: string[] = [];

function emit(msg: Uint8Array): void {
  if (frameSizeLimit && msg.length > frameSizeLimit) throw new Error('frame size limit exceeded');
  out.push(`msg,${hex(msg)}`);
}

function handle(line: string): void {
  const [cmd, a, b] = line.trim().split(',');
  if (cmd === 'item') {
    items.push({ timestamp: Number.parseInt(a!, 10), id: b! });
  } else if (cmd === 'seal') {
    ne = new Negentropy(NegentropyStorage.fromItems(items), frameSizeLimit, splitting);
  } else if (cmd === 'initiate') {
    emit(ne!.initiate());
  } else if (cmd === 'msg') {
    const bytes = negPayloadBytes(a ?? '');
    if (!bytes) throw new Error('bad hex');
    const round = ne!.reconcile(bytes);
    for (const id of round.have) out.push(`have,${id}`);
    for (const id of round.need) out.push(`need,${id}`);
    if (round.output === null) out.push('done');
    else emit(round.output);
  } else if (cmd !== '') {
    throw new Error(`unknown command: ${cmd}`);
  }
  if (out.length > 0) {
    process.stdout.write(`${out.join('\n')}\n`);
    out.length = 0;
  }
}

createInterface({ input: process.stdin, terminal: false })
  .on('line', handle)
  .on('close', () => process.exit(0));
