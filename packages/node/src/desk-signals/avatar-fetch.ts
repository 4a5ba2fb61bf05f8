import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/*
 * The node fetches a profile's avatar itself (a reader's browser never does), so the fetch is the
 * node's attack surface: only http(s), at most MAX_REDIRECTS redirects each checked again, one
 * time limit for the whole chain, the body cut off past maxBytes, and no loopback, private,
 * link-local or other non-public address, checked on the address actually connected to (the
 * lookup hook), so a DNS answer cannot point the node at its own network.
 */

/** Limits of one avatar download. */
export interface AvatarFetchLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Tests only: allow loopback and private addresses. */
  allowPrivate: boolean;
}

const MAX_REDIRECTS = 3;

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** True for addresses the node must not fetch from (loopback, private, link-local, multicast…). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why an avatar could not be fetched: the node then just compares without the picture. */
export class AvatarFetchError extends Error {}

const guardedLookup =
  (allowPrivate: boolean): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const ok = addresses.filter((a) => allowPrivate || !isPrivateAddress(a.address));
      if (ok.length === 0) return callback(new AvatarFetchError(`${hostname} resolves to a private address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, ok);
      callback(null, ok[0]!.address, ok[0]!.family);
    });
  };

function getOnce(
  url: URL,
  limits: AvatarFetchLimits,
  signal: AbortSignal,
): Promise<{ location?: string; body?: Buffer }> {
  return new Promise((resolve, reject) => {
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) && !limits.allowPrivate && isPrivateAddress(literal))
      return reject(new AvatarFetchError('private address'));
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(
      url,
      { lookup: guardedLookup(limits.allowPrivate), signal, headers: { accept: 'image/*' }, agent: false },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          return resolve({ location: res.headers.location });
        }
        if (status !== 200) {
          res.resume();
          return reject(new AvatarFetchError(`status ${status}`));
        }
        if (Number(res.headers['content-length'] ?? 0) > limits.maxBytes) {
          res.destroy();
          return reject(new AvatarFetchError('too large'));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            res.destroy();
            reject(new AvatarFetchError('too large'));
          } else chunks.push(chunk);
        });
        res.on('end', () => resolve({ body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

/** Downloads an avatar within the limits; rejects with AvatarFetchError (or an abort) otherwise. */
export async function fetchAvatar(address: string, limits: AvatarFetchLimits): Promise<Buffer> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new AvatarFetchError('not a URL');
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AvatarFetchError('not http(s)');
    const { location, body } = await getOnce(url, limits, signal);
    if (body) return body;
    url = new URL(location!, url);
  }
  throw new AvatarFetchError('too many redirects');
}
