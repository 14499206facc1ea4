// The past as history keeps it: the standards report and a district's coverage as of a data version or a date, read
// from the snapshot that holds that version's data (nothing is recomputed; the rules of scope are today's).
import type { Database } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { badInput, notFound } from '../errors.js';
import type { AtlasContext } from '../request/context.js';
import { maySeeShapesOf, resultOf, type CoverageResult } from '../analysis/coverage.service.js';
import { summarise, type RuleResult, type RuleSummary } from '../analysis/standards/evaluate.js';
import { loadRules } from '../analysis/standards/rules.js';
import { snapshotCoverageRequests } from './snapshots.js';

const sql = loadQueries(new URL('./as-of.sql', import.meta.url), [
  'version', 'effectiveVersion', 'nextVersion', 'holding', 'span', 'standardResults', 'rulesKept', 'districtCoverage',
] as const);

export interface AsOf {
  /** A data version's id, as dataVersions lists them. */
  version?: string | null;
  /** A moment in the past. */
  at?: Date | null;
}

export interface HeldSnapshot {
  snapshotId: number;
  /** When the snapshot was taken. */
  takenAt: Date;
  /** The data version whose data it holds: the newest change set that changed something at or before what was asked (0: before any). */
  dataVersion: number;
}

const iso = (d: Date) => new Date(d).toISOString();

/**
 * The snapshot that holds the data as of a version or a date. A version that names nothing, a date in the future, a
 * moment before history begins or a version no snapshot caught (another came before the next snapshot) is a sentence.
 */
export async function resolveAsOf(db: Database, asOf: AsOf, now = new Date()): Promise<HeldSnapshot> {
  const { version, at } = asOf;
  if ((version ? 1 : 0) + (at ? 1 : 0) !== 1) throw badInput('asOf takes one of version (a data version\'s id) or at (a date and time), not both and not neither.');
  let askedVersion: number | null = null;
  if (version) {
    if (!/^\d{1,15}$/.test(version)) throw badInput(`asOf.version must be the id of a data version (a whole number, as dataVersions lists them); got "${version}".`);
    askedVersion = Number(version);
    if ((await db.query(sql.version, [askedVersion])).rows.length === 0) {
      throw notFound(`There is no data version ${askedVersion} (or history no longer keeps it). List them with dataVersions { nodes { id at layer } }.`);
    }
  } else {
    if (Number.isNaN(at!.getTime())) throw badInput('asOf.at is not a date and time (ISO 8601, e.g. 2026-06-30T12:00:00+08:00).');
    if (at!.getTime() > now.getTime()) throw badInput(`asOf.at ${iso(at!)} is in the future: history holds only what has been. Ask without asOf for today.`);
  }
  const effective = Number((await db.query<{ id: string }>(sql.effectiveVersion, [askedVersion, at ?? null])).rows[0].id);
  const next = (await db.query<{ id: string; at: Date }>(sql.nextVersion, [effective])).rows[0];
  const held = (await db.query<{ id: string; at: Date }>(sql.holding, [effective, next?.id ?? null, at ?? null])).rows[0];
  if (held) return { snapshotId: Number(held.id), takenAt: held.at, dataVersion: effective };
  const span = (await db.query<{ first_at: Date | null; last_at: Date | null; n: number }>(sql.span)).rows[0];
  const what = version ? `data version ${askedVersion}` : `the data at ${iso(at!)}`;
  if (span.n === 0) throw notFound(`History holds no snapshot yet, so ${what} cannot be read. Snapshots are taken at each month's end and after imports (ATLAS_SNAPSHOT_EVERY).`);
  if (at && at < span.first_at!) throw notFound(`History begins at ${iso(span.first_at!)} (the oldest snapshot kept; ATLAS_HISTORY_MONTHS sets how long they are kept): nothing is known of ${iso(at)}.`);
  if (!next) throw notFound(`${what[0].toUpperCase()}${what.slice(1)} is today's data and no snapshot holds it yet: ask without asOf (a snapshot follows within ATLAS_SNAPSHOT_EVERY).`);
  throw notFound(`No snapshot holds ${what}: data version ${next.id} replaced it at ${iso(next.at)}, before the next snapshot was taken. Snapshots kept run from ${iso(span.first_at!)} to ${iso(span.last_at!)}.`);
}

export interface ReportAsOf {
  held: HeldSnapshot;
  summaries: RuleSummary[];
}

/**
 * The standards report as the snapshot holding `asOf` recorded it: every standard it checked (or the named ones), over
 * one district's communities or the city's, in the caller's scope (an official, their district's communities).
 * A rule the hub does not know is a bad input; one it knows but did not check then is not found.
 */
export async function standardsReportAsOf(ctx: AtlasContext, asOf: AsOf, districtCode: string | null | undefined, ruleIds: string[] | null | undefined, worstCount: number): Promise<ReportAsOf> {
  const held = await resolveAsOf(ctx.db, asOf);
  const rules = (await loadRules(ctx)).filter((r) => r.scope === 'community');
  const kept = new Set((await ctx.db.query<{ rule_id: string }>(sql.rulesKept, [held.snapshotId])).rows.map((r) => r.rule_id));
  if (ruleIds) {
    const unknown = ruleIds.filter((id) => !rules.some((r) => r.id === id));
    if (unknown.length > 0) throw badInput(`No community standard is called ${unknown.join(', ')}. Query standardRules for the list.`);
    const unkept = ruleIds.filter((id) => !kept.has(id));
    if (unkept.length > 0) throw notFound(`The snapshot of ${iso(held.takenAt)} did not check ${unkept.join(', ')} (not enabled then). It checked: ${[...kept].sort().join(', ') || 'nothing'}.`);
  }
  const chosen = rules.filter((r) => (ruleIds ? ruleIds.includes(r.id) : kept.has(r.id)));
  const own = ctx.viewer.role === 'official' ? ctx.viewer.districtCode ?? '' : null;
  const { rows } = await ctx.db.query(sql.standardResults, [held.snapshotId, chosen.map((r) => r.id), districtCode ?? null, own]);
  const summaries = chosen.map((rule) => {
    const results: RuleResult[] = rows.filter((r) => r.rule_id === rule.id).map((r) => ({
      ruleId: rule.id, communityCode: r.community_code, communityName: r.community_name, value: r.value, unit: rule.unit,
      target: r.target, targetMax: r.target_max, pass: r.pass, shortfall: r.shortfall, detail: null,
    }));
    return summarise(rule, results, worstCount);
  });
  return { held, summaries };
}

interface CoverageSnapshotRow {
  level: 'communities' | 'districts';
  kind: string;
  code: string;
  name: string | null;
  area_m2: number;
  covered_m2: number;
  nearest_m: number | null;
}

export interface AreaCoverageAsOf {
  code: string;
  name: string | null;
  busStopCoverage: CoverageResult;
  cameraCoverage: CoverageResult;
}

export interface DistrictAsOf extends AreaCoverageAsOf {
  held: HeldSnapshot;
  /** Its communities then, in the caller's scope (an official reads only their own district's). */
  communities: AreaCoverageAsOf[];
}

/**
 * A district's coverage and its communities' as the snapshot holding `asOf` recorded them. Everyone reads every
 * district's shares; camera distances follow today's rule (coverage.service maySeeShapesOf); gaps are not kept.
 */
export async function districtAsOf(ctx: AtlasContext, code: string, asOf: AsOf): Promise<DistrictAsOf> {
  const held = await resolveAsOf(ctx.db, asOf);
  const { rows } = await ctx.db.query<CoverageSnapshotRow>(sql.districtCoverage, [held.snapshotId, code]);
  const district = rows.filter((r) => r.level === 'districts');
  if (district.length === 0) throw notFound(`District ${code} was not in the store in the snapshot of ${iso(held.takenAt)} (data version ${held.dataVersion}). Query districts for today's codes.`);
  const [stops, cameras] = snapshotCoverageRequests(ctx.config);
  const coverage = (level: 'communities' | 'districts', areaCode: string, kind: string): CoverageResult => {
    const row = rows.find((r) => r.level === level && r.code === areaCode && r.kind === kind);
    if (!row) return resultOf(0, 0, null, null);
    const request = kind === 'cameras' ? cameras : stops;
    return resultOf(row.area_m2, row.covered_m2, maySeeShapesOf(ctx, request, level, areaCode) ? row.nearest_m : null, null);
  };
  const area = (level: 'communities' | 'districts', r: { code: string; name: string | null }): AreaCoverageAsOf => ({
    code: r.code, name: r.name, busStopCoverage: coverage(level, r.code, 'bus-stops'), cameraCoverage: coverage(level, r.code, 'cameras'),
  });
  const readsCommunities = ctx.viewer.role !== 'official' || ctx.viewer.districtCode === code;
  const communityCodes = readsCommunities ? [...new Map(rows.filter((r) => r.level === 'communities').map((r) => [r.code, r])).values()] : [];
  return { ...area('districts', district[0]), held, communities: communityCodes.map((r) => area('communities', r)) };
}
