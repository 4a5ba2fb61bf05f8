import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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
      const context = await browser.newContext({ locale: options.locale ?? 'en-US', timezoneId: options.timezoneId ?? 'UTC' });
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
export async function waitUntil(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
