// GraphQL under 10 and 50 concurrent clients (autocannon), against the same load of its raw SQL; then 1 vs 2 cluster workers.
import pg from 'pg';
import { compared, measureOf, notMeasured, NotMeasured, type Figure } from '../lib/figures.js';
import type { BenchContext, Section } from '../lib/context.js';
import { startChildHub } from '../lib/hub.js';
import { graphqlLoad, pairedLoad, rawLoad, type LoadResult } from '../lib/load.js';
import { captureSql, replayer } from '../lib/replay.js';
import { largestPage, pickSubjects, runTypical, typicalQueries } from '../lib/typical-queries.js';

const SECTION = 'GraphQL under load';
const ROUNDS = 4;

function throughputAndLatency(name: string, hub: LoadResult, baseline: LoadResult, baselineLabel: string, note: string): Figure[] {
  const failures = hub.failures ? `; ${hub.failures} failed requests` : '';
  return [
    compared(
      SECTION,
      `${name}: throughput`,
      'req/s',
      measureOf('hub, per-second', hub.perSecond),
      measureOf(`${baselineLabel}, per-second`, baseline.perSecond),
      { note: `${note}${failures}` },
    ),
    compared(SECTION, `${name}: latency`, 'ms', measureOf('hub', hub.latenciesMs), measureOf(baselineLabel, baseline.latenciesMs), { note }),
  ];
}

export const load: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const store = ctx.server;
    if (!store?.url || !ctx.serverHub) throw new NotMeasured('needs the real PostGIS store (the embedded store has one connection)');
    const seconds = ctx.scale === 'demo' ? 2 : 3;
    const subjects = await pickSubjects(store.db);
    const queries = await typicalQueries(ctx.serverHub, subjects);
    const figures: Figure[] = [];
    const pool = new pg.Pool({ connectionString: store.url, max: 10 });
    const hub = await startChildHub({ databaseUrl: store.url });
    try {
      for (const typical of [queries[2], queries[0]]) {
        try {
          const pageSize = typical.paged ? await largestPage(hub, typical) : 0;
          const variables = typical.paged ? { ...typical.variables, first: pageSize } : typical.variables;
          await runTypical(ctx.serverHub, typical, pageSize);
          const { statements } = await captureSql(store.db, () => ctx.serverHub!.gql(typical.query, variables));
          const raw = replayer(pool, statements);
          const body = JSON.stringify({ query: typical.query, variables });
          for (const connections of [10, 50]) {
            ctx.say(`    ${typical.name}, ${connections} clients…`);
            const { a: viaHub, b: viaSql } = await pairedLoad(
              (s) => graphqlLoad(hub.url, hub.headers, body, connections, s),
              (s) => rawLoad(raw.run, connections, s),
              ROUNDS,
              seconds,
            );
            figures.push(
              ...throughputAndLatency(
                `${typical.name}, ${connections} clients`,
                viaHub,
                viaSql,
                `raw SQL (${raw.statements} statements, pool of 10)`,
                `one hub process; ${ROUNDS} alternating rounds of ${seconds} s`,
              ),
            );
          }
        } catch (error) {
          figures.push(
            notMeasured(
              SECTION,
              `${typical.name} under load`,
              `${(error as Error).message}; the hub printed: ${hub.output?.().replace(/\s+/g, ' ').slice(-600)}`,
            ),
          );
        }
      }
    } finally {
      await hub.close();
      await pool.end();
    }
    // Cluster scaling: the same panel query, 50 clients, one worker against two on one port.
    const panel = queries[2];
    const body = JSON.stringify({
      query: panel.query,
      variables: panel.variables,
    });
    const results: Record<number, LoadResult> = {};
    try {
      for (const workers of [1, 2]) {
        const cluster = await startChildHub({
          databaseUrl: store.url,
          workers,
        });
        try {
          ctx.say(`    cluster, ${workers} worker(s), 50 clients…`);
          results[workers] = await graphqlLoad(cluster.url, cluster.headers, body, 50, seconds * 2);
        } finally {
          await cluster.close();
        }
      }
    } catch (error) {
      figures.push(notMeasured(SECTION, 'cluster: 2 workers vs 1', `server/cluster.ts: ${(error as Error).message}`));
      return figures;
    }
    figures.push(
      compared(
        SECTION,
        "cluster: 2 workers vs 1 (a community's full panel, 50 clients): throughput",
        'req/s',
        measureOf('2 workers', results[2].perSecond),
        measureOf('1 worker', results[1].perSecond),
        {
          note: `node:cluster on one port; this machine has ${(await import('node:os')).cpus().length} cores shared with PostgreSQL and autocannon`,
        },
      ),
      compared(
        SECTION,
        "cluster: 2 workers vs 1 (a community's full panel, 50 clients): latency",
        'ms',
        measureOf('2 workers', results[2].latenciesMs),
        measureOf('1 worker', results[1].latenciesMs),
      ),
    );
    return figures;
  },
};
