// standardsTrend for a district over 24 months, warm, through GraphQL over HTTP against its SQL alone, in one run:
// 24 monthly snapshots of `communities` communities in 10 districts (every enabled standard, results drawn by a seeded
// generator) are written straight into the history tables, then the query is timed `runs` times each way.
//   npx tsx bench/history-trend.ts [communities=2000] [runs=50]      (DATABASE_URL: a server; else the embedded store)
import { openScratchStore } from './lib/scratch-store.js';
import { createApp, listen } from '../server/app.js';
import { readConfig } from '../server/config.js';

const COMMUNITIES = Number(process.argv[2] ?? 2000);
const RUNS = Number(process.argv[3] ?? 50);

const open = () => openScratchStore(4);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { db, dispose, label } = await open();
try {
  await db.query(`INSERT INTO standard_snapshots (reason, at)
    SELECT 'month-end', timestamptz '2024-01-31 15:59:00+00' + make_interval(months => m) FROM generate_series(0, 23) m`);
  await db.query(`INSERT INTO standard_snapshot_results (snapshot_id, rule_id, community_code, district_code, pass, value)
    SELECT s.id, r.id, 'C' || c, 'D' || (c % 10), (hashtext(s.id || r.id || c) % 3) <> 0, c
    FROM standard_snapshots s, standard_rules r, generate_series(1, $1) c`, [COMMUNITIES]);
  await db.query('ANALYZE standard_snapshots; ANALYZE standard_snapshot_results');
  const rows = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM standard_snapshot_results')).rows[0].n;
  const rule = (await db.query<{ id: string }>('SELECT id FROM standard_rules ORDER BY id LIMIT 1')).rows[0].id;
  const config = { ...readConfig({}), port: 0, demo: false };
  const atlas = await createApp(db, config);
  const port = await listen(atlas, 0);
  const query = `query ($d: String, $r: String!) { standardsTrend(ruleId: $r, districtCode: $d, from: "2024-01-01", to: "2026-01-01") { at evaluated passed passShare } }`;
  const http = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { d: 'D3', r: rule } }) });
    const body = await response.json() as any;
    if (body.errors || body.data.standardsTrend.length !== 24) throw new Error(JSON.stringify(body).slice(0, 300));
  };
  const { text } = { text: (await import('../server/db/queries.js')).loadQueries(new URL('../server/history/snapshots.sql', import.meta.url), ['trend'] as const).trend };
  const sqlAlone = () => db.query(text, ['D3', rule, new Date('2024-01-01'), new Date("2026-01-01"), 'Asia/Shanghai']);
  const times = { http: [] as number[], sql: [] as number[] };
  for (let i = 0; i < 5; i++) { await http(); await sqlAlone(); }
  for (let i = 0; i < RUNS; i++) {
    for (const [what, work] of (i % 2 ? [['sql', sqlAlone], ['http', http]] : [['http', http], ['sql', sqlAlone]]) as [keyof typeof times, () => Promise<unknown>][]) {
      const start = performance.now();
      await work();
      times[what].push(performance.now() - start);
    }
  }
  console.log(`${label} store: 24 snapshots × ${COMMUNITIES} communities × every standard (${rows} rows); standardsTrend of one district, warm, ${RUNS} runs each:`);
  console.log(`  GraphQL over HTTP  median ${median(times.http).toFixed(1)} ms  p90 ${[...times.http].sort((a, b) => a - b)[Math.floor(RUNS * 0.9)].toFixed(1)} ms`);
  console.log(`  its SQL alone      median ${median(times.sql).toFixed(1)} ms   ratio ${(median(times.http) / median(times.sql)).toFixed(1)}×`);
  const bytes = (await db.query<{ b: number }>(`SELECT (pg_total_relation_size('standard_snapshot_results') + pg_total_relation_size('standard_snapshots'))::bigint AS b`)).rows[0].b;
  console.log(`  standards snapshots in the store: ${(bytes / 1e6).toFixed(1)} MB (results with their indexes; not the coverage snapshots)`);
  await atlas.apollo.stop();
} finally {
  await dispose();
}
