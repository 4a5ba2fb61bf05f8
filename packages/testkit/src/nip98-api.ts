import { httpAuth, type TestKeys } from './events.js';

/**
 * A JSON answer as a test reads it: any shape, checked field by field with assertions.
 */
// biome-ignore lint/suspicious/noExplicitAny: the tests' assertions are what check these answers' shape.
export type AnyJson = any;

/** One call of a NIP-98-authenticated JSON API: its status and parsed body. */
export type Nip98Api = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: AnyJson }>;

/**
 * Calls a node's JSON API (the intake queue, the desk) as `who`: each request carries its own
 * NIP-98 token for the exact URL and method, with the JSON body's hash when there is one. A
 * function for `httpUrl` is read at each call, for suites whose node starts after they are declared.
 */
export function nip98Api(httpUrl: string | (() => string), who: TestKeys): Nip98Api {
  return async (method, path, body) => {
    const url = `${typeof httpUrl === 'string' ? httpUrl : httpUrl()}${path}`;
    const text = body === undefined ? undefined : JSON.stringify(body);
    const res = await fetch(url, {
      method,
      ...(text ? { body: text } : {}),
      headers: { authorization: httpAuth(who, url, method, text), accept: 'application/json' },
    });
    return { status: res.status, body: (await res.json()) as AnyJson };
  };
}
