// History for the README's screenshots: backdated monthly snapshots with stops added in gaps between them, then one import that moves, adds and removes a stop.
import { readConfig } from '../../../server/config.js';
import { takeSnapshot } from '../../../server/history/snapshots.js';
import type { Geometry } from 'geojson';
import type { BrowserHub } from './browser-hub.js';
import { interiorPoint } from './page-probes.js';

type Stop = { code: string; lon: number; lat: number };

async function importStops(hub: BrowserHub, fileName: string, stops: Stop[]): Promise<void> {
  const body = `code,name,lon,lat\n${stops.map((s) => `${s.code},新设站${s.code.slice(-2)},${s.lon.toFixed(7)},${s.lat.toFixed(7)}`).join('\n')}\n`;
  const response = await fetch(`${hub.url}/api/import/bus-stops?fileName=${fileName}&source=screenshot-stops&crs=wgs84&replace=1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hub.token('admin')}`, 'content-type': 'text/csv' },
    body,
  });
  if (!response.ok) throw new Error(`import ${fileName}: ${response.status} ${await response.text()}`);
}

/** Returns the district most of the new stops are in, and the last data version (the move, add and remove). */
export async function prepareHistory(hub: BrowserHub): Promise<{ district: string; lastVersion: string }> {
  const config = { ...readConfig({}), demo: false };
  const ranking = await hub.gql<{ coverageRanking: { nodes: { code: string; districtCode: string; coverage: { coveredShare: number } }[] } }>(
    '{ coverageRanking(kind: BUS_STOPS, first: 5000) { nodes { code districtCode coverage { coveredShare } } } }',
  );
  // Communities that nearly pass (one stop in their gap may be all they need), in the district that has most of them.
  const counts = new Map<string, number>();
  const nearly = ranking.data!.coverageRanking.nodes.filter((n) => n.coverage.coveredShare < 0.999 && n.coverage.coveredShare > 0.8).sort((a, b) => b.coverage.coveredShare - a.coverage.coveredShare);
  for (const n of nearly) counts.set(n.districtCode, (counts.get(n.districtCode) ?? 0) + 1);
  const district = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const targets = nearly.filter((n) => n.districtCode === district).slice(0, 15);
  const stops: Stop[] = [];
  const now = new Date();
  for (let back = 5; back >= 0; back--) {
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 20, 4));
    await takeSnapshot(hub.db, config, 'manual', back === 0 ? undefined : at);
    if (back === 0) break;
    for (const target of targets.splice(0, 3)) {
      const detail = await hub.gql<{ community: { busStopCoverage: { gaps: Geometry | null } } }>('query($c: String!) { community(code: $c) { busStopCoverage { gaps } } }', { c: target.code });
      const gaps = detail.data!.community.busStopCoverage.gaps;
      if (!gaps) continue;
      const [lon, lat] = interiorPoint(gaps);
      stops.push({ code: `SHOT-${String(stops.length + 1).padStart(2, '0')}`, lon, lat });
    }
    await importStops(hub, `month-${back}.csv`, stops);
  }
  // This month: the last stop moves 250 m, the first is taken away, one more is added beside the second.
  const last = stops[stops.length - 1];
  const second = stops[1];
  const final = [...stops.slice(1, -1), { ...last, lon: last.lon + 0.003 }, { code: 'SHOT-NEW', lon: second.lon + 0.004, lat: second.lat + 0.002 }];
  await importStops(hub, 'this-month.csv', final);
  const versions = await hub.gql<{ dataVersions: { nodes: { id: string }[] } }>('{ dataVersions(first: 1) { nodes { id } } }');
  return { district, lastVersion: versions.data!.dataVersions.nodes[0].id };
}
