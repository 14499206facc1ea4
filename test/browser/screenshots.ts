// Saves the client's main views to docs/screenshots (npx tsx test/browser/screenshots.ts [demo|tiny] [name,name…]), over a fresh demo city.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Geometry } from 'geojson';
import type { Page } from 'playwright-core';
import { launchChromium, openGuardedPage, waitForMapIdle } from './support/browser.js';
import { startBrowserHub } from './support/browser-hub.js';
import { buildClient } from './support/build-client.js';
import { interiorPoint, mapCentre } from './support/page-probes.js';
import { prepareHistory } from './support/screenshot-history.js';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const scale = (process.argv[2] ?? 'demo') as 'demo' | 'tiny';
/** Only these screenshots (by name), when given. */
const only = process.argv[3] ? new Set(process.argv[3].split(',')) : null;

buildClient();
const hub = await startBrowserHub(scale);
const browser = await launchChromium();
const outside: string[] = [];

async function shoot(name: string, url: string, options: { language?: 'zh' | 'en'; token?: string; before?: (page: Page) => Promise<void>; viewport?: { width: number; height: number }; print?: boolean } = {}) {
  if (only && !only.has(name)) return;
  const guarded = await openGuardedPage(browser, { viewport: options.viewport });
  const { page } = guarded;
  await page.addInitScript(
    ({ language, token }) => {
      localStorage.setItem('atlas.language', language);
      if (token) localStorage.setItem('atlas.token', token);
    },
    { language: options.language ?? 'zh', token: options.token ?? '' },
  );
  await page.goto(`${hub.url}${url}`);
  if (!url.startsWith('/explorer')) await waitForMapIdle(page);
  await options.before?.(page);
  if (!url.startsWith('/explorer')) await waitForMapIdle(page);
  await page.waitForTimeout(1200);
  if (options.print) {
    // As a person prints: the page laid out on screen first, then the A4 print layout, with the print event the map listens to.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await waitForMapIdle(page);
  }
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: options.print ?? false });
  outside.push(...guarded.outsideRequests);
  console.log(`saved ${name}.png`, guarded.pageErrors.length ? guarded.pageErrors : '');
  await guarded.context.close();
}

// An urban community that is partly covered: the kind of place a planner looks at.
const ranking = await hub.gql<{ coverageRanking: { nodes: { code: string; districtCode: string; coverage: { coveredShare: number } }[] } }>(
  '{ coverageRanking(kind: BUS_STOPS, first: 5000) { nodes { code districtCode coverage { coveredShare } } } }',
);
const candidates = ranking.data!.coverageRanking.nodes.filter((node) => node.coverage.coveredShare > 0.35 && node.coverage.coveredShare < 0.8);
let pick = candidates[0] ?? ranking.data!.coverageRanking.nodes[0];
let detail!: { kind: string; areaM2: number; boundary: Geometry; busStopCoverage: { gaps: Geometry } };
for (const candidate of candidates) {
  const answer = await hub.gql<{ community: typeof detail }>('query($code: String!) { community(code: $code) { kind areaM2 boundary busStopCoverage { gaps } } }', { code: candidate.code });
  detail = answer.data!.community;
  pick = candidate;
  if (detail.kind === 'urban' && detail.areaM2 < 1_500_000) break;
}
const [lon, lat] = interiorPoint(detail.boundary);
const [gapLon, gapLat] = interiorPoint(detail.busStopCoverage.gaps);
const analyst = hub.token('analyst');

await shoot('map-overview', '/#s=bus');
await shoot('map-overview-en', '/#s=camera', { language: 'en' });
await shoot('community-panel', `/#v=14.6/${lat}/${lon}&s=bus&c=${pick.code}&p=community`);
const camera = await hub.gql<{ cameras: { nodes: { location: { coordinates: [number, number] } }[] } }>(
  'query($code: String!) { cameras(communityCode: $code, first: 1) { nodes { location } } }',
  { code: pick.code },
  { authorization: `Bearer ${hub.token('analyst')}` },
);
const [camLon, camLat] = camera.data!.cameras.nodes[0]?.location.coordinates ?? [lon, lat];
await shoot('camera-coverage', `/#v=16.3/${camLat}/${camLon}&s=camera&l=communities,coverage-gaps,cameras,camera-sectors,roads,districts,grid-cells`, { token: analyst, language: 'en' });
await shoot('what-if', `/#v=14.2/${gapLat}/${gapLon}&s=bus&c=${pick.code}&p=whatif&l=communities,bus-stops,stop-catchments,roads,districts,coverage-gaps`, {
  before: async (page) => {
    await page.getByTestId('place-stop').click();
    const { x, y } = await mapCentre(page);
    await page.mouse.click(x, y);
    await page.getByTestId('share-after').and(page.locator('[data-value]')).waitFor({ timeout: 60_000 });
  },
});
await shoot('dashboard', `/#s=bus&p=dashboard&d=${pick.districtCode}`);
await shoot('dashboard-en', `/#s=grid&p=dashboard`, { language: 'en' });
await shoot('print-report', `/#s=bus&p=dashboard&d=${pick.districtCode}`, { print: true });
// Six months of history, each with stops added in gaps, and a last import that moves, adds and removes one.
if (!only || ['changes', 'dashboard-trend', 'print-trend'].some((name) => only.has(name))) {
  const history = await prepareHistory(hub);
  await shoot('changes', `/#s=bus&l=communities,bus-stops,stop-catchments,roads,districts&p=changes&ch=v:${history.lastVersion}`, { token: analyst });
  await shoot('dashboard-trend', `/#s=bus&p=dashboard&d=${history.district}`, { before: async (page) => page.getByTestId('trends').scrollIntoViewIfNeeded() });
  await shoot('print-trend', `/#s=bus&p=dashboard&d=${history.district}`, { print: true });
}
await shoot('sign-in', '/#s=bus', { language: 'en', before: async (page) => page.getByTestId('sign-in').click() });
await shoot('explorer', '/explorer', { token: analyst, language: 'en' });

console.log(outside.length ? `REQUESTS OUTSIDE THE HUB: ${outside.join(', ')}` : 'no request left the hub');
await browser.close();
await hub.dispose();
