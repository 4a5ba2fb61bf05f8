import { join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { ConfigError, type Config } from '@lifeline/config';
import { BlobStore, createGate, parseTypeList } from '@lifeline/blossom';
import { prepareDir } from '../data-dir.js';
import type { Logger } from '../log.js';
import type { MediaDeps } from './context.js';
import { blobGetRoutes } from './get.js';
import { blobManageRoutes } from './manage.js';
import { blobUploadRoutes } from './upload.js';

/** The node's Blossom media server: its routes and how to close its store. */
export interface MediaServer {
  routes: (app: Hono) => void;
  close(): void;
}

/** The settings the media server reads. */
export type MediaSettings = Pick<
  Config,
  | 'mediaEnabled'
  | 'mediaTypes'
  | 'mediaDir'
  | 'data'
  | 'mediaMaxPixels'
  | 'mediaMaxUploadBytes'
  | 'mediaUploadAuth'
  | 'publicUrl'
>;

/** Opens the blob store and returns the Blossom route group (a no-op when disabled). */
export async function openMediaServer(config: MediaSettings, log: Logger): Promise<MediaServer> {
  if (!config.mediaEnabled) return { routes: () => undefined, close: () => undefined };
  const types = parseTypeList(config.mediaTypes);
  if (!types.ok) throw new ConfigError(`--media-types: ${types.error}`);
  const dir = resolve(config.mediaDir || join(config.data, 'media'));
  prepareDir(dir, config.mediaDir ? '--media-dir' : '--data');
  const store = await BlobStore.open(dir);
  const deps: MediaDeps = {
    store,
    policy: { types: types.types, maxPixels: config.mediaMaxPixels },
    maxUploadBytes: config.mediaMaxUploadBytes,
    uploadAuth: config.mediaUploadAuth,
    publicOrigin: httpOrigin(config.publicUrl),
    // Decoding is memory-hungry (4 bytes per pixel): two images at a time bounds it.
    gate: createGate(2),
    // Each upload buffers up to mediaMaxUploadBytes: 16 at once bounds that memory.
    uploads: { active: 0, max: 16 },
    log,
  };
  const groups = [blobUploadRoutes(deps), blobManageRoutes(deps), blobGetRoutes(deps)];
  return {
    routes: (app) => {
      for (const mount of groups) mount(app);
    },
    close: () => store.close(),
  };
}

/** The http(s) origin matching a ws(s):// public URL; empty when none is configured. */
export function httpOrigin(publicUrl: string): string {
  if (!publicUrl) return '';
  const url = new URL(publicUrl);
  const protocol = url.protocol === 'wss:' || url.protocol === 'https:' ? 'https:' : 'http:';
  return `${protocol}//${url.host}`;
}
