// The renovation programme by district and year against the plan (STANDARDS.md renovation-city, renovation-owners).
import { loadQueries } from '../../db/queries.js';
import { badInput, forbidden } from '../../errors.js';
import type { AtlasContext } from '../../request/context.js';
import { scopeAreas } from '../coverage.service.js';
import { loadRules, type StandardRule } from './rules.js';

const sql = loadQueries(new URL('./renovation.sql', import.meta.url), [
  'programmeCounts', 'everyDistrict', 'storedShares', 'householdWeights', 'siteWeights', 'upsertShares', 'deleteOtherShares',
] as const);

export type Programme = 'city' | 'owner';
export type ShareBasis = 'households' | 'sites';

export interface YearProgress {
  year: number;
  /** The plan's number of compounds for the year (the district's part of it, for a district). */
  planned: number;
  /** Sites listed in the store for the year. */
  listed: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  /** Planned compounds not yet completed, for years that have begun. */
  behind: number;
}

export interface DistrictProgress {
  districtCode: string;
  districtName: string | null;
  share: number;
  years: YearProgress[];
}

export interface ProgrammeProgress {
  program: Programme;
  rule: StandardRule;
  basis: string;
  city: YearProgress[];
  districts: DistrictProgress[];
}

interface CountRow {
  district_code: string | null;
  plan_year: number;
  listed: number;
  completed: number;
  in_progress: number;
  not_started: number;
}

/** Splits `total` into whole numbers proportional to `weights` that add up to `total` (largest remainder). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const whole = exact.map(Math.floor);
  let left = total - whole.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    whole[i]++;
    left--;
  }
  return whole;
}

async function programmeRule(ctx: AtlasContext, program: Programme): Promise<StandardRule> {
  const rule = (await loadRules(ctx)).find((r) => r.metric === 'renovation_programme' && r.params.program === program);
  if (!rule) throw badInput(`No standard describes the "${program}" renovation programme. Add a rule with metric renovation_programme and params.program "${program}".`);
  return rule;
}

function planOf(rule: StandardRule): { year: number; total: number }[] {
  const plan = (rule.params.plan ?? {}) as Record<string, number>;
  return Object.entries(plan)
    .map(([year, total]) => ({ year: Number(year), total: Number(total) }))
    .filter((p) => Number.isInteger(p.year) && Number.isFinite(p.total))
    .sort((a, b) => a.year - b.year);
}

async function weightsOf(ctx: AtlasContext, program: Programme, basis: ShareBasis): Promise<Map<string, number>> {
  const { rows } = basis === 'sites'
    ? await ctx.db.query<{ district_code: string; weight: number }>(sql.siteWeights, [program])
    : await ctx.db.query<{ district_code: string; weight: number }>(sql.householdWeights);
  return new Map(rows.map((r) => [r.district_code, r.weight]));
}

/** Each district's share: stored ones where an admin set them, otherwise in proportion to households. */
async function sharesOf(ctx: AtlasContext, program: Programme): Promise<{ basis: string; shares: Map<string, number> }> {
  const stored = (await ctx.db.query<{ district_code: string; share: number; basis: string }>(sql.storedShares, [program])).rows;
  if (stored.length > 0) return { basis: stored[0].basis, shares: new Map(stored.map((r) => [r.district_code, r.share])) };
  return { basis: 'households', shares: await weightsOf(ctx, program, 'households') };
}

function yearProgress(year: number, planned: number, counts: CountRow[], thisYear: number): YearProgress {
  const sum = (pick: (r: CountRow) => number) => counts.filter((r) => r.plan_year === year).reduce((a, r) => a + pick(r), 0);
  const completed = sum((r) => r.completed);
  return {
    year, planned, listed: sum((r) => r.listed), completed, inProgress: sum((r) => r.in_progress), notStarted: sum((r) => r.not_started),
    behind: year <= thisYear ? Math.max(0, planned - completed) : 0,
  };
}

export async function programmeProgress(ctx: AtlasContext, program: Programme, districtCode?: string | null, thisYear = new Date().getFullYear()): Promise<ProgrammeProgress> {
  const rule = await programmeRule(ctx, program);
  const plan = planOf(rule);
  const [counts, { basis, shares }, everyDistrict, visible] = await Promise.all([
    ctx.db.query<CountRow>(sql.programmeCounts, [program, plan.map((p) => p.year)]).then((r) => r.rows),
    sharesOf(ctx, program),
    ctx.db.query<{ code: string; name: string | null }>(sql.everyDistrict).then((r) => r.rows),
    scopeAreas(ctx, 'districts'),
  ]);
  // The plan is apportioned over every district of the city: the caller's scope decides which districts they read,
  // never the denominator (an official of one district read share 1 and the whole city's plan as theirs).
  const weights = everyDistrict.map((d) => shares.get(d.code) ?? 0);
  const shareSum = weights.reduce((a, b) => a + b, 0);
  const perYear = plan.map((p) => apportion(p.total, weights));
  const mayRead = new Set(visible.map((d) => d.code));
  const districts = everyDistrict
    .map((d, i) => ({
      districtCode: d.code,
      districtName: d.name,
      share: shareSum > 0 ? weights[i] / shareSum : 0,
      years: plan.map((p, y) => yearProgress(p.year, perYear[y][i], counts.filter((c) => c.district_code === d.code), thisYear)),
    }))
    .filter((d) => mayRead.has(d.districtCode));
  // The city line is the whole plan for those who read every district; an official's is the sum of their own part.
  const readsAll = mayRead.size === everyDistrict.length;
  const city = plan.map((p, y) =>
    readsAll
      ? yearProgress(p.year, p.total, counts, thisYear)
      : yearProgress(p.year, districts.reduce((a, d) => a + d.years[y].planned, 0), counts.filter((c) => c.district_code !== null && mayRead.has(c.district_code)), thisYear),
  );
  return { program, rule, basis, city, districts: districtCode ? districts.filter((d) => d.districtCode === districtCode) : districts };
}

/** Stores each district's share of a programme, computed from households or from listed sites (admins only). */
export async function apportionPlan(ctx: AtlasContext, program: Programme, basis: ShareBasis): Promise<void> {
  if (ctx.viewer.role !== 'admin') throw forbidden('Only an admin can set the districts\' shares of the plan. Sign in with an admin token.');
  const weights = await weightsOf(ctx, program, basis);
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) throw badInput(`There are no ${basis} to apportion the ${program} plan by. Import districts and ${basis === 'sites' ? 'renovation sites' : 'communities with households'} first.`);
  await storeShares(ctx, program, [...weights].map(([districtCode, weight]) => ({ districtCode, share: weight / total })), basis);
}

/** Stores shares given by an admin (they need not add up to 1: they are used in proportion). */
export async function storeShares(ctx: AtlasContext, program: Programme, shares: { districtCode: string; share: number }[], basis = 'set by admin'): Promise<void> {
  if (ctx.viewer.role !== 'admin') throw forbidden('Only an admin can set the districts\' shares of the plan. Sign in with an admin token.');
  const bad = shares.find((s) => !(s.share >= 0) || !Number.isFinite(s.share));
  if (bad) throw badInput(`The share of district ${bad.districtCode} must be a number of 0 or more; got ${bad.share}.`);
  const codes = shares.map((s) => s.districtCode);
  await ctx.db.transaction(async (client) => {
    await client.query(sql.upsertShares, [program, codes, shares.map((s) => s.share), basis]);
    await client.query(sql.deleteOtherShares, [program, codes]);
  });
}
