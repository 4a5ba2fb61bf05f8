import type { WebSocket } from 'ws';

/** The parts of a server-side ws connection's TCP socket the relay writes frames to. */
export interface RawSocket {
  /** Bytes written but not yet handed to the kernel. */
  readonly writableLength: number;
  write(chunk: Uint8Array): boolean;
  /** Between `cork` and `uncork`, writes are gathered into one (writev). */
  cork(): void;
  uncork(): void;
  /** 'drain': everything written has been handed to the kernel. */
  on(event: 'drain', listener: () => void): unknown;
}

/**
 * The TCP socket under a ws connection. ws keeps it in the private `_socket` field (there since
 * ws 1.x, set for every server-side connection from the upgrade on). The relay frames its own
 * text messages (ws-frame.ts) and writes them here so an event's bytes are copied once per
 * subscriber and each client gets one write per round; ws still reads, pings and closes. This is
 * the only place that reaches into ws; raw-socket.test.ts fails if the field goes away.
 */
export function rawSocketOf(ws: WebSocket): RawSocket {
  const socket = (ws as unknown as { _socket?: RawSocket })._socket;
  if (!socket || typeof socket.write !== 'function') throw new Error('ws no longer exposes its socket as _socket');
  return socket;
}
