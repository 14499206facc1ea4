// Standard rules as stored in standard_rules: read once per request, changed only by an admin.
import { checkMetres } from '../../metres.js';
import { parseAlong } from '../catchment-models.js';
import { loadQueries } from '../../db/queries.js';
import { badInput, forbidden, notFound } from '../../errors.js';
import type { AtlasContext } from '../../request/context.js';

export const sql = loadQueries(new URL('./standards.sql', import.meta.url), ['listRules', 'updateRule', 'communityAttributes', 'gridStats', 'checklistStats'] as const);

export type Comparison = 'at_least' | 'at_most' | 'between';

export interface Target {
  target: number | null;
  targetMax: number | null;
}

export interface StandardRule extends Target {
  id: string;
  titleZh: string;
  titleEn: string;
  source: string;
  metric: string;
  scope: 'community' | 'district';
  unit: string;
  comparison: Comparison;
  targetsByKind: Record<string, Partial<Target>>;
  params: Record<string, unknown>;
  enabled: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

interface RuleRow {
  id: string;
  title_zh: string;
  title_en: string;
  source: string;
  metric: string;
  scope: 'community' | 'district';
  unit: string;
  comparison: Comparison;
  target: number | null;
  target_max: number | null;
  targets_by_kind: Record<string, Partial<Target>>;
  params: Record<string, unknown>;
  enabled: boolean;
  updated_at: string;
  updated_by: string | null;
}

const toRule = (r: RuleRow): StandardRule => ({
  id: r.id, titleZh: r.title_zh, titleEn: r.title_en, source: r.source, metric: r.metric, scope: r.scope, unit: r.unit,
  comparison: r.comparison, target: r.target, targetMax: r.target_max, targetsByKind: r.targets_by_kind ?? {},
  params: r.params ?? {}, enabled: r.enabled, updatedAt: r.updated_at, updatedBy: r.updated_by,
});

/** Every rule, read once per request. */
export function loadRules(ctx: AtlasContext): Promise<StandardRule[]> {
  return ctx.loaders
    .get<'all', StandardRule[]>('standards:rules', async (keys) => {
      const { rows } = await ctx.db.query<RuleRow>(sql.listRules);
      return keys.map(() => rows.map(toRule));
    })
    .load('all');
}

export async function loadRule(ctx: AtlasContext, id: string): Promise<StandardRule> {
  const rule = (await loadRules(ctx)).find((r) => r.id === id);
  if (!rule) throw notFound(`There is no standard "${id}". Query standardRules for the list.`);
  return rule;
}

/** The target that applies to a community of `kind` (urban, town, rural), falling back to the rule's own. */
export function targetFor(rule: StandardRule, kind: string | null | undefined): Target {
  const byKind = kind ? rule.targetsByKind[kind] : undefined;
  return { target: byKind?.target ?? rule.target, targetMax: byKind?.targetMax ?? rule.targetMax };
}

export interface RuleChange {
  target?: number | null;
  targetMax?: number | null;
  targetsByKind?: Record<string, Partial<Target>> | null;
  params?: Record<string, unknown> | null;
  enabled?: boolean | null;
}

function checkChange(rule: StandardRule, change: RuleChange): void {
  for (const [name, value] of [['target', change.target], ['targetMax', change.targetMax]] as const) {
    if (value !== undefined && value !== null && !Number.isFinite(value)) throw badInput(`${name} must be a number; got ${value}.`);
  }
  for (const [kind, target] of Object.entries(change.targetsByKind ?? {})) {
    if (!['urban', 'town', 'rural'].includes(kind)) throw badInput(`targetsByKind has "${kind}"; the community kinds are urban, town and rural.`);
    if (typeof target !== 'object' || target === null) throw badInput(`targetsByKind.${kind} must be an object like {"target": 8}.`);
  }
  const target = change.target === undefined ? rule.target : change.target;
  const targetMax = change.targetMax === undefined ? rule.targetMax : change.targetMax;
  if (rule.comparison === 'between' && target !== null && targetMax !== null && target > targetMax) {
    throw badInput(`target ${target} is above targetMax ${targetMax}; the range must run from the smaller to the larger.`);
  }
  const radius = (change.params as { radiusMeters?: unknown } | null | undefined)?.radiusMeters;
  if (radius !== undefined) checkMetres('params.radiusMeters', typeof radius === 'number' ? radius : JSON.stringify(radius), { aboveMin: true });
  const along = (change.params as { along?: unknown } | null | undefined)?.along;
  if (along !== undefined) {
    if (rule.metric !== 'bus_stop_coverage') throw badInput(`params.along applies to the bus-stop standard; ${rule.id} measures ${rule.metric}.`);
    parseAlong(along, 'params.along');
  }
}

/** Changes a rule's thresholds or settings: admins only. Parameters not given stay as they were. */
export async function updateRule(ctx: AtlasContext, id: string, change: RuleChange): Promise<StandardRule> {
  if (ctx.viewer.role !== 'admin') throw forbidden('Only an admin can change a standard. Sign in with an admin token (npx atlas token --role admin).');
  const rule = await loadRule(ctx, id);
  checkChange(rule, change);
  const cleared = [change.target === null ? 'target' : '', change.targetMax === null ? 'targetMax' : ''].filter(Boolean);
  const values: unknown[] = [
    id, change.target ?? null, change.targetMax ?? null,
    change.targetsByKind ? JSON.stringify({ ...rule.targetsByKind, ...change.targetsByKind }) : null,
    change.params ? JSON.stringify({ ...rule.params, ...change.params }) : null,
    change.enabled ?? null, ctx.viewer.role, cleared,
  ];
  await ctx.db.query(sql.updateRule, values);
  // The request's rule loader still holds the old rule; read the new one afresh.
  const { rows } = await ctx.db.query<RuleRow>(sql.listRules);
  return toRule(rows.find((r) => r.id === id)!);
}
