import { createServer } from 'node:net';

/** A local port with nothing listening on it (bound once, then released): a relay that is down. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A local HTTP server of fixed files (e.g. avatars a node fetches), on 127.0.0.1. */
export interface FileServer {
  url: string;
  /** How many times each path was requested. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** A file to serve, or a redirect to another URL. */
export type ServedFile = { type: string; body: Uint8Array } | { redirect: string };

/** Serves `files` (path -> type and bytes, or a 302) on an ephemeral 127.0.0.1 port; other paths are 404. */
export async function serveFiles(files: Record<string, ServedFile>): Promise<FileServer> {
  const { createServer: createHttpServer } = await import('node:http');
  const hits = new Map<string, number>();
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const file = files[path];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    if ('redirect' in file) {
      res.writeHead(302, { location: file.redirect }).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
