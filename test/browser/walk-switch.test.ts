// The switch "straight line / along roads" in a real browser (Debian's Chromium) over the demo city: it swaps the
// drawn stop catchments for the walks along the roads (tile layer stop-walk-catchments), and the dashboard shows both
// bus-stop coverage figures side by side, equal to what the API answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { STORE_KINDS } from '../support/stores.js';
import { formatShare } from '../../client/src/i18n/format.js';
import { CHROMIUM_INSTALL, CHROMIUM_INSTALLED, launchChromium, openGuardedPage, waitForMapIdle } from './support/browser.js';
import { startBrowserHub, type BrowserHub } from './support/browser-hub.js';
import { buildClient } from './support/build-client.js';
import { renderedCounts } from './support/page-probes.js';

// The server store where there is one (its pgRouting builds the walk in seconds), else the embedded one.
const STORE = STORE_KINDS.at(-1)!.name;

describe.skipIf(!CHROMIUM_INSTALLED)(CHROMIUM_INSTALLED ? `the along-roads switch over the ${STORE} store` : `skipped (${CHROMIUM_INSTALL})`, () => {
  let hub: BrowserHub;
  let browser: Browser;

  beforeAll(async () => {
    buildClient();
    hub = await startBrowserHub('tiny', STORE);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('draws the walks along the roads instead of the circles, and shows both coverage figures the API gives', async () => {
    type Figures = { line: { coveredShare: number }; roads: { coveredShare: number }; busStops: { nodes: { location: { coordinates: [number, number] } }[] } };
    const ask = () => hub.gql<Figures>('{ line: cityCoverage(kind: BUS_STOPS) { coveredShare } roads: cityCoverage(kind: BUS_STOPS, along: ROADS) { coveredShare } busStops(first: 1) { nodes { location } } }');
    // The first walk builds the network and every stop's catchment; on a loaded machine that outlasts one request's
    // limit (TIMEOUT), and the build goes on: ask again until it has finished.
    let answer = await ask();
    for (let tries = 0; answer.errors?.[0]?.extensions?.code === 'TIMEOUT' && tries < 8; tries++) answer = await ask();
    const { data, errors } = answer;
    expect(errors).toBeUndefined();
    const [lon, lat] = data!.busStops.nodes[0].location.coordinates;
    const { page, context, outsideRequests, pageErrors } = await openGuardedPage(browser);
    await page.goto(`${hub.url}/#v=15/${lat}/${lon}&l=stop-catchments,bus-stops,roads&p=dashboard`);
    await waitForMapIdle(page);
    const drawn = () => renderedCounts(page, ['stop-catchments-fill', 'stop-walk-catchments-fill']);
    const straight = await drawn();
    expect(straight['stop-catchments-fill']).toBeGreaterThan(0);
    expect(straight['stop-walk-catchments-fill']).toBeLessThanOrEqual(0);

    await page.getByTestId('along-roads').check();
    await waitForMapIdle(page);
    await expect.poll(async () => (await drawn())['stop-walk-catchments-fill'], { timeout: 90_000 }).toBeGreaterThan(0);
    expect((await drawn())['stop-catchments-fill']).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => window.location.hash)).toMatch(/a=roads/);

    const line = page.getByTestId('dashboard-bus-line');
    await line.waitFor({ timeout: 180_000 });
    const shown = (text: string | null, share: number) => expect([formatShare(share, 'zh'), formatShare(share, 'en')]).toContain(text);
    shown(await line.textContent(), data!.line.coveredShare);
    shown(await page.getByTestId('dashboard-bus-roads').textContent(), data!.roads.coveredShare);
    expect(data!.roads.coveredShare).toBeLessThan(data!.line.coveredShare);

    await page.getByTestId('along-line').check();
    await waitForMapIdle(page);
    await expect.poll(async () => (await drawn())['stop-catchments-fill'], { timeout: 90_000 }).toBeGreaterThan(0);
    expect(outsideRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 400_000);
});
