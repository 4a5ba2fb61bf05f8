import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The socket inodes of established TCP connections from `clientPort` to `serverPort` (Linux /proc/net). */
function inodesOf(serverPort: number, clientPorts: readonly number[]): Map<number, string> {
  const byClient = new Map<number, string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const local = Number.parseInt(cols[1]!.split(':')[1]!, 16);
      const remote = Number.parseInt(cols[2]!.split(':')[1]!, 16);
      // The server's side of the connection: local is the listening port, remote the client's.
      if (local === serverPort && clientPorts.includes(remote) && cols[9] !== '0') byClient.set(remote, cols[9]!);
    }
  }
  return byClient;
}

/**
 * Which of `pids` holds the server side of each client connection (by the client's local port),
 * read from /proc: how a test sees where a load balancer or Node cluster sent each client.
 * A client whose socket no process of `pids` holds maps to undefined.
 */
export function socketOwners(
  pids: readonly number[],
  serverPort: number,
  clientPorts: readonly number[],
): Map<number, number | undefined> {
  const inodes = inodesOf(serverPort, clientPorts);
  const owner = new Map<string, number>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) owner.set(m[1]!, pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  return new Map(clientPorts.map((p) => [p, owner.get(inodes.get(p) ?? '')]));
}
