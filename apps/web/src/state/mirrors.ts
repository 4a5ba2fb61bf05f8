import { learnNodeMirrors, rememberedMirrors as remembered } from '@lifeline/client';

/** This node's own relay URL, which its mirror list never repeats. */
const self = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;

/** The serving node's mirrors as last seen in its NIP-11 document (kept in localStorage). */
export function rememberedMirrors(): string[] {
  return remembered(localStorage, self());
}

/** Reads the serving node's NIP-11 (same origin) and remembers its mirrors; the remembered ones when it is down. */
export function learnMirrors(): Promise<string[]> {
  return learnNodeMirrors(`${location.origin}/`, localStorage, { self: self() });
}
