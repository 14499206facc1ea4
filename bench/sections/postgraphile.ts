// The same list queries with geometry through PostGraphile v5 over the same PostGIS: throughput and p95 side by side.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { compared, measureOf, NotMeasured, type Figure } from '../lib/figures.js';
import { ok } from '../lib/graphql-checks.js';
import type { BenchContext, Section } from '../lib/context.js';
import { freePort, startChildHub } from '../lib/hub.js';
import { graphqlLoad, pairedLoad } from '../lib/load.js';
import { pickSubjects } from '../lib/typical-queries.js';

const SECTION = 'Against PostGraphile v5';
const PAGE = 1000;
const ROUNDS = 4;

const LISTS = [
  {
    name: "a district's communities with boundaries (GeoJSON, simplified 2 m)",
    hub: `query($d: String!) { communities(districtCode: $d, first: ${PAGE}) { totalCount nodes { code name households population areaM2 boundary(simplifyMeters: 2) } } }`,
    postgraphile: `query($d: String!) { allCommunities(condition: { districtCode: $d }, first: ${PAGE}) { totalCount nodes { code name households population areaM2 boundary } } }`,
  },
  {
    name: "a district's cameras with locations (GeoJSON points)",
    hub: `query($d: String!) { cameras(districtCode: $d, first: ${PAGE}) { totalCount nodes { code directionDeg fovDeg rangeM location } } }`,
    postgraphile: `query($d: String!) { allCameras(condition: { districtCode: $d }, first: ${PAGE}) { totalCount nodes { code directionDeg fovDeg rangeM location } } }`,
  },
];

async function startPostGraphile(url: string, say: (m: string) => void) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './bench/postgraphile/node22-shim.ts', 'bench/postgraphile/server.ts'], {
    env: { NODE_ENV: 'production', ...process.env, DATABASE_URL: url, PORT: String(port), GRAPHILE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const deadline = Date.now() + 90_000;
  while (!output.includes('PostGraphile ready')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new NotMeasured(`PostGraphile did not start: ${output.slice(-600)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  say(`    PostGraphile ${JSON.parse(fs.readFileSync('node_modules/postgraphile/package.json', 'utf8')).version} on port ${port}`);
  const url2 = `http://127.0.0.1:${port}`;
  return {
    url: url2,
    async gql(query: string, variables: Record<string, unknown>) {
      const response = await fetch(`${url2}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return response.json() as Promise<{ data?: any; errors?: { message: string }[] }>;
    },
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}

export const postgraphile: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const store = ctx.server;
    if (!store?.url) throw new NotMeasured('needs the real PostGIS store');
    if (!fs.existsSync('node_modules/postgraphile/package.json')) throw new NotMeasured('postgraphile is not installed (npm install)');
    const admin = new pg.Client({ connectionString: store.url });
    await admin.connect();
    await admin.query(fs.readFileSync('bench/postgraphile/schema.sql', 'utf8'));
    await admin.end();
    const subjects = await pickSubjects(store.db);
    const variables = { d: subjects.districtCode };
    const seconds = ctx.scale === 'demo' ? 3 : 4;
    const figures: Figure[] = [];
    const postgraphileServer = await startPostGraphile(store.url, ctx.say);
    const hub = await startChildHub({ databaseUrl: store.url });
    try {
      for (const list of LISTS) {
        // The same rows both ways, or the comparison means nothing.
        const mine = ok(await hub.gql(list.hub, variables), `hub: ${list.name}`);
        const theirs = ok(await postgraphileServer.gql(list.postgraphile, variables), `PostGraphile: ${list.name}`);
        const [a, b] = [Object.values(mine)[0] as any, Object.values(theirs)[0] as any];
        if (a.totalCount !== b.totalCount || a.nodes.length !== b.nodes.length) {
          throw new Error(`${list.name}: the hub returned ${a.nodes.length} of ${a.totalCount}, PostGraphile ${b.nodes.length} of ${b.totalCount}`);
        }
        ctx.say(`    ${list.name} (${a.nodes.length} rows), 10 clients each…`);
        const { a: viaHub, b: viaPostGraphile } = await pairedLoad(
          (s) => graphqlLoad(hub.url, hub.headers, JSON.stringify({ query: list.hub, variables }), 10, s),
          (s) => graphqlLoad(postgraphileServer.url, {}, JSON.stringify({ query: list.postgraphile, variables }), 10, s),
          ROUNDS, seconds,
        );
        const note = `${a.nodes.length} rows per request, district ${subjects.districtCode}; 10 clients; ${ROUNDS} alternating rounds of ${seconds} s each; both in their own process`;
        const throughput = compared(SECTION, `${list.name}: throughput`, 'req/s', measureOf('hub', viaHub.perSecond), measureOf('PostGraphile 5', viaPostGraphile.perSecond), {
          target: '≥ 1.5× PostGraphile',
          note: `${note}${viaHub.failures + viaPostGraphile.failures ? `; failures: hub ${viaHub.failures}, PostGraphile ${viaPostGraphile.failures}` : ''}`,
        });
        throughput.met = throughput.ratio! >= 1.5;
        figures.push(throughput, compared(SECTION, `${list.name}: latency`, 'ms', measureOf('hub', viaHub.latenciesMs), measureOf('PostGraphile 5', viaPostGraphile.latenciesMs), { note }));
      }
    } finally {
      await hub.close();
      await postgraphileServer.close();
    }
    return figures;
  },
};
