import type { Locator, Page } from 'playwright-core';
import jsqrModule from 'jsqr';
import sharp from 'sharp';
import { UI_TIMEOUT } from './app-user.js';

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsqr is a UMD bundle: Node's ESM loader hands its exports object, whose `default` is the decoder.
const jsQR = ((jsqrModule as unknown as { default?: JsQr }).default ?? jsqrModule) as unknown as JsQr;

/** The two window sizes issue 15 asks for: a desktop browser and a phone. */
export const DESKTOP = { width: 1000, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Creates an account through the Persian UI, skipping the optional name step; returns the npub. */
export async function signUpPersian(page: Page, origin: string, passphrase: string): Promise<string> {
  page.setDefaultTimeout(UI_TIMEOUT);
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'ساخت حساب' }).click();
  await page.getByLabel('گذرواژه', { exact: true }).fill(passphrase);
  await page.getByLabel('تکرار گذرواژه').fill(passphrase);
  await page.getByRole('button', { name: 'ادامه' }).click();
  await page.getByTestId('ncryptsec').filter({ hasText: 'ncryptsec1' }).waitFor();
  await page.getByRole('button', { name: 'ذخیره کردم' }).click();
  await page.getByRole('button', { name: 'فعلاً نه' }).click();
  await page.getByRole('navigation', { name: 'ناوبری اصلی' }).first().waitFor();
  // The side navigation on a desktop, the bottom tab bar on a phone: one of them shows it.
  const href = await page.getByRole('link', { name: 'نمایه', exact: true }).first().getAttribute('href');
  return href!.replace('#/p/', '');
}

/** Reads the QR code drawn in `svg` (an element screenshot, decoded by jsQR): what a phone camera would read. */
export async function readQr(svg: Locator): Promise<string | undefined> {
  const png = await svg.screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}

/** True once every <img> under `scope` has decoded pixels (loaded from the node, not broken). */
export async function imagesLoaded(scope: Locator): Promise<boolean> {
  return scope
    .locator('img')
    .evaluateAll((imgs) =>
      imgs.every(
        (i) =>
          (i as unknown as { complete: boolean; naturalWidth: number }).complete &&
          (i as unknown as { naturalWidth: number }).naturalWidth > 0,
      ),
    );
}

/** How far the page is wider than the window (0 when nothing overflows sideways, as on a phone it must not). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;
}
