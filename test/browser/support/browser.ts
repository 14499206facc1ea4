// Debian's Chromium driven by playwright-core, headless with software WebGL, and a guard that fails any request leaving the hub.
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where Chromium is (CHROMIUM_PATH, or Debian's package); tests that need it are skipped by name when it is missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_INSTALLED = fs.existsSync(CHROMIUM_PATH);
/** Said in the name of a skipped browser test: the line that installs what it needs. */
export const CHROMIUM_INSTALL = 'needs chromium: apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface GuardedPage {
  context: BrowserContext;
  page: Page;
  /** Every request to a host other than the hub's loopback address, blocked and recorded. */
  outsideRequests: string[];
  /** Console errors and uncaught page errors. */
  pageErrors: string[];
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function openGuardedPage(browser: Browser, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<GuardedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: options.locale ?? 'zh-CN', deviceScaleFactor: 1 });
  const outsideRequests: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) return route.continue();
    outsideRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return { context, page, outsideRequests, pageErrors };
}

/** Waits until the map has loaded and drawn every tile it asked for, and stayed so for a moment (no more requests queued). */
export async function waitForMapIdle(page: Page, timeoutMs = 90_000): Promise<void> {
  await page.waitForSelector('[data-map-ready="true"]', { timeout: timeoutMs });
  await page.waitForFunction(
    () => {
      const map = (window as unknown as { __atlasMap?: { loaded(): boolean; isMoving(): boolean } }).__atlasMap;
      const state = window as unknown as { __atlasQuietSince?: number };
      if (!map || !map.loaded() || map.isMoving()) {
        state.__atlasQuietSince = undefined;
        return false;
      }
      state.__atlasQuietSince ??= Date.now();
      return Date.now() - state.__atlasQuietSince > 800;
    },
    undefined,
    { timeout: timeoutMs, polling: 200 },
  );
}
