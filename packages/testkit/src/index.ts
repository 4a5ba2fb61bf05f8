export { startTestNode, tempDir, type TestNode } from './node.js';
export { keys, signed, type TestKeys } from './events.js';
export { RawClient } from './raw-client.js';
