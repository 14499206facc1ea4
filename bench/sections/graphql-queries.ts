// The typical queries of each user through GraphQL, against the raw SQL their resolvers boil down to (replayed through pg).
import pg from 'pg';
import { compared, measureOf, notMeasured, type Figure } from '../lib/figures.js';
import type { BenchContext, Section } from '../lib/context.js';
import { captureSql, replayer } from '../lib/replay.js';
import { paired } from '../lib/stats.js';
import { largestPage, pickSubjects, runTypical, typicalQueries } from '../lib/typical-queries.js';

const SECTION = 'GraphQL queries vs their raw SQL';

export const graphqlQueries: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const figures: Figure[] = [];
    const samplesByQuery = new Map<string, number[]>();
    const stores = [
      { label: 'real PostGIS', store: ctx.server, hub: ctx.serverHub },
      { label: 'embedded', store: ctx.embedded, hub: ctx.embeddedHub },
    ];
    for (const { label, store, hub } of stores) {
      if (!store || !hub) {
        figures.push(notMeasured(SECTION, `typical queries (${label})`, `no ${label} store in this run`));
        continue;
      }
      const subjects = await pickSubjects(store.db);
      // Embedded: PGlite has one connection, so the replay shares the hub's pool; the server gets its own pool.
      const pool = store.url ? new pg.Pool({ connectionString: store.url, max: 10 }) : store.db.pool;
      try {
        for (const typical of await typicalQueries(hub, subjects)) {
          const name = `${typical.name} (${label})`;
          try {
            const pageSize = await largestPage(hub, typical);
            const requests = await runTypical(hub, typical, pageSize); // also fills the coverage cache: these are warm figures
            const { statements } = await captureSql(store.db, () => runTypical(hub, typical, pageSize));
            const raw = replayer(pool, statements);
            const { subjectMs, baselineMs } = await paired(ctx.runs, () => runTypical(hub, typical, pageSize), raw.run, 2);
            figures.push(
              compared(SECTION, name, 'ms', measureOf('GraphQL', subjectMs), measureOf(`raw SQL (${raw.statements} statements in ${raw.waves} waves)`, baselineMs), {
                target: '≤ 1.10× raw SQL',
                note: [
                  `${typical.user}; district ${subjects.districtCode} (${subjects.districtCommunities} communities)`,
                  typical.paged ? `${requests} request(s) of first: ${pageSize}, the largest page the hub's cost limit accepts` : '',
                  typical.missing.length ? `without ${typical.missing.join(', ')} (not built yet)` : '',
                ].filter(Boolean).join('; '),
              }),
            );
            const last = figures.at(-1)!;
            last.met = last.ratio !== undefined && last.ratio <= 1.1;
            samplesByQuery.set(`${label}:${typical.name}`, subjectMs);
          } catch (error) {
            figures.push(notMeasured(SECTION, name, (error as Error).message));
          }
        }
      } finally {
        if (pool !== store.db.pool) await pool.end();
      }
    }
    // The same GraphQL on both stores (each measured against its own SQL above).
    for (const [key, embedded] of samplesByQuery) {
      const [label, name] = key.split(/:(.*)/s);
      const server = samplesByQuery.get(`real PostGIS:${name}`);
      if (label !== 'embedded' || !server) continue;
      figures.push(compared(SECTION, `${name}: embedded vs real PostGIS`, 'ms', measureOf('embedded', embedded), measureOf('real PostGIS', server)));
    }
    return figures;
  },
};
