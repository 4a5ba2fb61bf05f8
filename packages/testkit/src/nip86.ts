import { httpAuth, type TestKeys } from './events.js';

/**
 * A NIP-86 management call: POST `{method, params}` to the relay's HTTP URL with a NIP-98 token by
 * `who` (payload hashed). `token` replaces the Authorization header (undefined: none at all).
 */
export function nip86Call(
  httpUrl: string,
  who: TestKeys,
  method: string,
  params: unknown[] = [],
  token: (body: string, url: string) => string | undefined = (body, url) => httpAuth(who, url, 'POST', body),
): Promise<Response> {
  const url = `${httpUrl}/`;
  const body = JSON.stringify({ method, params });
  const authorization = token(body, url);
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/nostr+json+rpc',
      accept: 'application/json',
      ...(authorization ? { authorization } : {}),
    },
  });
}
