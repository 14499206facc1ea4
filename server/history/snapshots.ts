// Standards history: snapshots of every community's result per standard, their trend by month, and retention.
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { badInput, forbidden } from '../errors.js';
import { createContext } from '../request/context.js';
import type { Viewer } from '../auth/viewer.js';
import { communityResults } from '../analysis/standards/evaluate.js';
import { loadRules } from '../analysis/standards/rules.js';
import { computeAreaCoverage, scopeAreas } from '../analysis/coverage.service.js';
import { coverageRequest, DEFAULT_STOP_RADIUS_M, type CoverageRequest } from '../analysis/catchment-models.js';

const sql = loadQueries(new URL('./snapshots.sql', import.meta.url), ['newestChangeSet', 'begin', 'insertResults', 'insertCoverage', 'trend', 'lastSnapshot', 'pruneSnapshots', 'pruneChangeSets'] as const);

/** The city's time zone: months begin and end there. */
export const CITY_TIME_ZONE = process.env.ATLAS_TIME_ZONE || 'Asia/Shanghai';

/** Months of history kept (ATLAS_HISTORY_MONTHS, default 36); pruning never touches current data. */
export const historyMonths = () => {
  const months = Number(process.env.ATLAS_HISTORY_MONTHS ?? 36);
  return Number.isFinite(months) && months > 0 ? months : 36;
};

export type SnapshotReason = 'month-end' | 'change-set' | 'manual';

/** Who a snapshot is taken as: it records every district's communities, whoever asked for it. */
const RECORDER: Viewer = { role: 'analyst' };

/** The coverage a snapshot keeps: bus stops at 500 m in a straight line, cameras at their own (or the default) range. */
export const snapshotCoverageRequests = (config: AtlasConfig): CoverageRequest[] => [
  coverageRequest('bus-stops', DEFAULT_STOP_RADIUS_M, 'STRAIGHT_LINE'),
  coverageRequest('cameras', config.defaultCameraRangeM),
];

/** The levels whose coverage a snapshot keeps, each area with its name and district. */
const SNAPSHOT_LEVELS = ['communities', 'districts'] as const;

const newestChangeSet = async (db: Database) => (await db.query<{ id: string | null }>(sql.newestChangeSet)).rows[0].id;

/** Every community's result per standard and every community's and district's coverage, computed now. */
async function computeSnapshot(db: Database, config: AtlasConfig) {
  const ctx = createContext(db, config, RECORDER);
  const byRule = await communityResults(ctx, null, null);
  const results = byRule.flatMap(({ rule, results }) => results.map((r) => ({
    rule: rule.id, community: r.communityCode, name: r.communityName, district: r.districtCode, pass: r.pass, value: r.value,
    target: r.target, targetMax: r.targetMax, shortfall: r.shortfall,
  })));
  const coverage: Record<string, unknown>[] = [];
  for (const level of SNAPSHOT_LEVELS) {
    const areas = await scopeAreas(ctx, level);
    for (const request of snapshotCoverageRequests(config)) {
      const rows = await computeAreaCoverage(ctx, level, areas.map((a) => a.code), request);
      for (const area of areas) {
        const row = rows.get(area.code);
        if (!row) continue;
        coverage.push({
          level, kind: request.model.kind, code: area.code, name: area.name, district: area.districtCode, reach: request.reachM,
          area: row.area_m2, covered: row.covered_m2, nearest: row.nearest_m,
        });
      }
    }
  }
  return { results, coverage };
}

/**
 * Evaluates every enabled community standard for every community, and the coverage of every community and district,
 * and stores them as one snapshot (one transaction) of the data version they were computed from: an import that
 * commits while they are computed makes the snapshot compute again (at most three times), so a snapshot never names a
 * version its results did not see. `at` backdates it (tests, and filling in a month the hub was down). Returns its id.
 */
export async function takeSnapshot(db: Database, config: AtlasConfig, reason: SnapshotReason, at?: Date): Promise<number> {
  let version = await newestChangeSet(db);
  let computed = await computeSnapshot(db, config);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = await newestChangeSet(db);
    if (now === version) break;
    version = now;
    computed = await computeSnapshot(db, config);
  }
  const { results, coverage } = computed;
  return db.transaction(async (client) => {
    const id = Number((await client.query<{ id: string }>(sql.begin, [reason, at ?? null, version])).rows[0].id);
    for (let i = 0; i < results.length; i += 20_000) await client.query(sql.insertResults, [id, JSON.stringify(results.slice(i, i + 20_000))]);
    for (let i = 0; i < coverage.length; i += 20_000) await client.query(sql.insertCoverage, [id, JSON.stringify(coverage.slice(i, i + 20_000))]);
    return id;
  });
}

export interface TrendPoint {
  at: Date;
  evaluated: number;
  passed: number;
  passShare: number | null;
}

/**
 * A standard's pass share month by month, from stored snapshots (the month's last one), for one district or the city.
 * An official reads their own district (the city means theirs); an unknown rule or a backward range is a sentence.
 */
export async function standardsTrend(db: Database, config: AtlasConfig, viewer: Viewer, args: { districtCode?: string | null; ruleId: string; from?: Date | null; to?: Date | null }): Promise<TrendPoint[]> {
  const rules = await loadRules(createContext(db, config, viewer));
  if (!rules.some((r) => r.id === args.ruleId)) throw badInput(`There is no standard "${args.ruleId}". Known: ${rules.map((r) => r.id).join(', ')}.`);
  let district = args.districtCode ?? null;
  if (viewer.role === 'official') {
    if (district && district !== viewer.districtCode) throw forbidden(`District ${district} is not yours: your token reads district ${viewer.districtCode}.`);
    district = viewer.districtCode ?? null;
  }
  const to = args.to ?? new Date();
  const from = args.from ?? new Date(to.getTime() - 730 * 86_400_000);
  if ([from, to].some((d) => Number.isNaN(d.getTime()))) throw badInput('from and to must be dates and times (ISO 8601).');
  if (from > to) throw badInput(`from (${from.toISOString()}) is after to (${to.toISOString()}).`);
  const { rows } = await db.query<{ at: Date; evaluated: number; passed: number }>(sql.trend, [district, args.ruleId, from, to, CITY_TIME_ZONE]);
  return rows.map((r) => ({ at: r.at, evaluated: r.evaluated, passed: r.passed, passShare: r.evaluated > 0 ? r.passed / r.evaluated : null }));
}

/** Removes snapshots and change sets older than the retention; the layers themselves are never touched. */
export async function pruneHistory(db: Database, months = historyMonths(), now = new Date()): Promise<{ snapshots: number; changeSets: number }> {
  const before = new Date(now);
  before.setMonth(before.getMonth() - months);
  const snapshots = (await db.query<{ n: number }>(sql.pruneSnapshots, [before])).rows[0].n;
  const changeSets = (await db.query<{ n: number }>(sql.pruneChangeSets, [before])).rows[0].n;
  return { snapshots, changeSets };
}

/** True when a change set has been committed since the last snapshot (or there is none yet). */
export async function snapshotBehind(db: Database): Promise<boolean> {
  const last = (await db.query<{ change_set_id: string | null }>(sql.lastSnapshot)).rows[0];
  const { rows } = await db.query<{ id: string | null }>('SELECT max(id) AS id FROM change_sets WHERE added + changed + removed > 0');
  if (rows[0].id === null) return false;
  return !last || last.change_set_id === null || Number(last.change_set_id) < Number(rows[0].id);
}
