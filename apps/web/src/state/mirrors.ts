import { learnNodeMirrors, rememberedMirrors as remembered, type MirrorMemory } from '@lifeline/client';
import { sessionState } from './session.js';

/** This node's own relay URL, which its mirror list never repeats. */
const self = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;

const inMemory = new Map<string, string>();
const hasAccount = () => !['none', 'reader'].includes(sessionState.get().status);

/**
 * Mirrors are written to localStorage only for someone with an account on this device: "just
 * reading" leaves nothing stored, so a reader keeps what this page learnt in memory alone.
 */
const memory: MirrorMemory = {
  getItem: (key) => inMemory.get(key) ?? localStorage.getItem(key),
  setItem: (key, value) => {
    inMemory.set(key, value);
    if (hasAccount()) localStorage.setItem(key, value);
  },
};

// Once an account exists on this device, what a page learnt before sign-up is kept too.
sessionState.subscribe(() => {
  if (hasAccount()) for (const [key, value] of inMemory) localStorage.setItem(key, value);
});

/** The serving node's mirrors as last seen in its NIP-11 document (kept in localStorage for account holders). */
export function rememberedMirrors(): string[] {
  return remembered(memory, self());
}

/** Reads the serving node's NIP-11 (same origin) and remembers its mirrors; the remembered ones when it is down. */
export function learnMirrors(): Promise<string[]> {
  return learnNodeMirrors(`${location.origin}/`, memory, { self: self() });
}
