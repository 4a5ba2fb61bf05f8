// Worker thread entry: verifies whole batches so the main thread only packs and resolves.
import { parentPort, workerData } from 'node:worker_threads';
import { loadBackend, loadNative } from './backend.js';
import type { VerifyRequest, VerifyResponse, WorkerConfig } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('verify worker must run in a worker thread');
const config = workerData as WorkerConfig;
const backend = await loadBackend(config.backend);
const native = backend.name === 'native' ? loadNative() : null;

// parentPort buffers messages until this listener is attached, so none are lost during loading.
port.on('message', (req: VerifyRequest) => {
  const verdicts = req.records && native ? native.verifyBatch(req.records) : backend.verifyEvents(req.events ?? []);
  const res: VerifyResponse = { seq: req.seq, verdicts };
  port.postMessage(res, [verdicts.buffer as ArrayBuffer]);
});
