// Schnorr signature verification of Nostr events, off the main thread.
export { createVerifier, type Verifier, type VerifierOptions } from './pool.js';
export { loadBackend, preferredBackend, verifySync, type Backend, type BackendName } from './backend.js';
