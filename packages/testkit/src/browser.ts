import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as nip44 from 'nostr-tools/nip44';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { signed, type EventDraft, type TestKeys } from './events.js';
import { waitFor } from './wait.js';

/** Flags that keep Debian's Chromium from phoning home (updates, sync, field trials) during tests. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A headless Chromium; Playwright gives it a fresh temporary profile and deletes it on close. */
export interface TestBrowser {
  browser: Browser;
  /** A new isolated context (its own storage: one per simulated user). */
  newUser(options?: { locale?: string; timezoneId?: string }): Promise<{ context: BrowserContext; page: Page }>;
  /** Every URL any page asked for: HTTP requests and WebSocket connections. */
  requests: string[];
  close(): Promise<void>;
}

/** Launches Debian's Chromium through playwright-core (nothing is downloaded). */
export async function launchChromium(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  const requests: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    browser,
    requests,
    async newUser(options = {}) {
      const context = await browser.newContext({
        locale: options.locale ?? 'en-US',
        timezoneId: options.timezoneId ?? 'UTC',
      });
      contexts.push(context);
      context.on('request', (r) => requests.push(r.url()));
      const page = await context.newPage();
      page.on('websocket', (ws) => requests.push(ws.url()));
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
    },
  };
}

/** URLs in `requests` that do not belong to `origin` (http(s) and ws(s) of the same host:port). */
export function foreignRequests(requests: string[], origin: string): string[] {
  const host = new URL(origin).host;
  return requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    try {
      return new URL(u).host !== host;
    } catch {
      return true;
    }
  });
}

/**
 * Polls a JavaScript expression in the page until it is truthy. Playwright's waitForFunction
 * re-evaluates a string predicate with eval, which the node's CSP (script-src 'self') forbids;
 * page.evaluate goes through the DevTools protocol and is not subject to it.
 */
export function waitUntil(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  return waitFor(async () => Boolean(await page.evaluate(expression)), expression, { timeoutMs, intervalMs: 50 });
}

/** How `installNip07` behaves. */
export interface Nip07Options {
  /** Refuse every signing request, like a reader's extension that was never asked to sign. */
  readOnly?: boolean;
  /** Mark the web app as already signed in with the extension: a returning reader. */
  signedIn?: boolean;
  /** Offer NIP-07's `nip44.decrypt` (done in the test process with `who`'s key, like signing). */
  nip44?: boolean;
}

/**
 * Gives every page of `context` a NIP-07 extension (`window.nostr`) for `who`. It signs in the
 * test process, as a real extension signs outside the page, so the key never enters the page.
 */
export async function installNip07(context: BrowserContext, who: TestKeys, options: Nip07Options = {}): Promise<void> {
  if (!options.readOnly) await context.exposeFunction('__nip07Sign', (t: EventDraft) => signed(who, t));
  const signEvent = options.readOnly ? `async () => { throw new Error('read-only'); }` : '(t) => window.__nip07Sign(t)';
  const signIn = options.signedIn ? `localStorage.setItem('lifeline:signer:nip07', '1');` : '';
  if (options.nip44)
    await context.exposeFunction('__nip44Decrypt', (peer: string, payload: string) =>
      nip44.decrypt(payload, nip44.getConversationKey(who.sk, peer)),
    );
  const nip44Api = options.nip44 ? ', nip44: { decrypt: (peer, payload) => window.__nip44Decrypt(peer, payload) }' : '';
  await context.addInitScript(
    `${signIn} window.nostr = { getPublicKey: async () => '${who.pk}', signEvent: ${signEvent}${nip44Api} };`,
  );
}

/** One axe-core rule a page breaks, with where (CSS selectors of the first few elements). */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules and best practices) in the page and returns its serious
 * and critical violations (or those of `impacts`). axe is read from node_modules and evaluated through the DevTools
 * protocol, which the node's CSP does not govern; nothing is fetched.
 */
export async function axeViolations(page: Page, impacts = ['serious', 'critical']): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const json = await page.evaluate<string>(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => JSON.stringify(r.violations.map((v) => ({
       id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
     }))))`,
  );
  return (JSON.parse(json) as AxeViolation[]).filter((v) => impacts.includes(v.impact));
}

/** Fails (throws) when axe-core finds a serious or critical violation on the page; `where` names it. */
export async function expectAccessible(page: Page, where = page.url()): Promise<void> {
  const found = await axeViolations(page);
  if (found.length > 0) throw new Error(`${where}: ${formatViolations(found)}`);
}

/** A readable list of violations, one per line. */
export function formatViolations(found: AxeViolation[]): string {
  return found.map((v) => `[${v.impact}] ${v.id}: ${v.help} — ${v.targets.join(' | ')}`).join('\n  ');
}
