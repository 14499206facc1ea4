// The map client: time from navigation to the map's first `idle` in headless Chromium (fresh browser context each run).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { compared, measureOf, notMeasured, NotMeasured, type Figure } from '../lib/figures.js';
import type { BenchContext, Section } from '../lib/context.js';
import { startInProcessHub, type BenchHub } from '../lib/hub.js';
import type { SeededStore } from '../lib/stores.js';

const SECTION = 'Map client';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The flags the client's browser tests use (test/browser/support/browser.ts): headless, software WebGL, nothing phoning home.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** A bundle built with React's development runtime (a `vite build` that inherited NODE_ENV=test or development). */
function isDevelopmentBuild(): boolean {
  const assets = 'dist/client/assets';
  return fs.readdirSync(assets).some((name) => /^index-.*\.js$/.test(name) && fs.readFileSync(path.join(assets, name), 'utf8').includes('jsxDEV'));
}

/**
 * Builds dist/client when it is missing, older than the client's sources or its build config, or a development build
 * (the browser tests build from under vitest): the hub serves what is built, and users get a production build.
 */
function ensureClientBuilt(say: (m: string) => void) {
  if (!fs.existsSync('client/index.html')) throw new NotMeasured('there is no client (client/index.html) yet');
  const built = 'dist/client/index.html';
  const sources = Math.max(newestMtime('client'), fs.statSync('vite.config.ts').mtimeMs);
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources && !isDevelopmentBuild()) return;
  say('    building the client (vite build, production)…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

// Runs in the page before any script: catches the map when the client exposes it, and notes its first `idle`.
const INIT_SCRIPT = `(() => {
  let current = null;
  Object.defineProperty(window, '__atlasMap', {
    configurable: true,
    get() { return current; },
    set(map) {
      current = map;
      if (map && !window.__firstIdleMs) map.once('idle', () => { window.__firstIdleMs = performance.now(); });
    },
  });
})();`;

async function firstIdle(hub: BenchHub, runs: number) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const idle: number[] = [];
  const loaded: number[] = [];
  const tiles: { requests: number; bytes: number }[] = [];
  try {
    for (let i = -1; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      try {
        const page = await context.newPage();
        await page.addInitScript(INIT_SCRIPT);
        // Tile requests (the map's worker fetches them) answered before the first idle, and their bytes.
        const tileSizes: Promise<number>[] = [];
        page.on('requestfinished', (request) => {
          if (new URL(request.url()).pathname.startsWith('/tiles/') && request.url().endsWith('.mvt')) {
            tileSizes.push(request.sizes().then((sizes) => sizes.responseBodySize, () => 0));
          }
        });
        await page.goto(`${hub.url}/`, { waitUntil: 'load' });
        await page.waitForFunction(() => (window as unknown as { __firstIdleMs?: number }).__firstIdleMs, undefined, { timeout: 60_000 });
        const times = await page.evaluate(() => ({
          idleMs: (window as unknown as { __firstIdleMs: number }).__firstIdleMs,
          loadMs: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
        }));
        if (i >= 0) {
          idle.push(times.idleMs);
          loaded.push(times.loadMs);
          const sizes = await Promise.all(tileSizes);
          tiles.push({ requests: sizes.length, bytes: sizes.reduce((sum, size) => sum + size, 0) });
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return { idle, loaded, tiles };
}

export const client: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    if (!fs.existsSync(CHROMIUM)) throw new NotMeasured(`no Chromium at ${CHROMIUM}`);
    ensureClientBuilt(ctx.say);
    const runs = Math.min(ctx.runs, 5);
    const figures: Figure[] = [];
    const measured: Record<string, number[]> = {};
    for (const [label, store] of [['real PostGIS', ctx.server], ['embedded', ctx.embedded]] as [string, SeededStore | undefined][]) {
      if (!store) {
        figures.push(notMeasured(SECTION, `first map idle (${label})`, `no ${label} store in this run`));
        continue;
      }
      // A hub started after the build, so it serves dist/client; every request reads as an analyst.
      const hub = await startInProcessHub(store.db);
      try {
        const { idle, loaded, tiles } = await firstIdle(hub, runs);
        const middle = [...tiles].sort((a, b) => a.requests - b.requests)[Math.floor(tiles.length / 2)];
        measured[label] = idle;
        const figure = compared(SECTION, `navigation to the map's first idle (${label})`, 'ms', measureOf('first idle', idle), measureOf('page load event', loaded), {
          target: '≤ 2 s',
          note:
            'headless Chromium, software WebGL (SwiftShader), 1440×900, a fresh browser context (empty cache) each run, the default view' +
            (middle ? `; ${middle.requests} tile requests, ${Math.round(middle.bytes / 1024).toLocaleString('en-US')} KB` : ''),
        });
        figure.met = figure.subject!.median <= 2000;
        figures.push(figure);
      } finally {
        await hub.close();
      }
    }
    if (measured['real PostGIS'] && measured.embedded) {
      figures.push(compared(SECTION, 'first map idle: embedded vs real PostGIS', 'ms', measureOf('embedded', measured.embedded), measureOf('real PostGIS', measured['real PostGIS'])));
    }
    return figures;
  },
};
