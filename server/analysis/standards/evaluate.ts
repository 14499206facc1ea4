// Checks communities against the rules: value, target, pass or fail, shortfall; and pass shares for a district or the city.
import { badInput } from '../../errors.js';
import type { AtlasContext } from '../../request/context.js';
import { scopeAreas } from '../coverage.service.js';
import { loadAttributes, METRICS } from './metrics.js';
import { loadRules, targetFor, type StandardRule, type Target } from './rules.js';

export interface RuleResult extends Target {
  ruleId: string;
  communityCode: string;
  communityName: string | null;
  value: number | null;
  unit: string;
  /** null when the value could not be measured (data missing). */
  pass: boolean | null;
  /** How far from the target, in the rule's unit; 0 when it passes. */
  shortfall: number | null;
  detail: string | null;
}

/** How far `value` is from meeting the target (0 when it meets it). */
export function shortfallOf(rule: StandardRule, value: number, target: Target): number | null {
  const { target: low, targetMax: high } = target;
  switch (rule.comparison) {
    case 'at_least':
      return low === null ? null : Math.max(0, low - value);
    case 'at_most':
      return low === null ? null : Math.max(0, value - low);
    case 'between':
      if (low === null && high === null) return null;
      if (low !== null && value < low) return low - value;
      if (high !== null && value > high) return value - high;
      return 0;
  }
}

export async function evaluateCommunity(ctx: AtlasContext, rule: StandardRule, code: string, name: string | null = null): Promise<RuleResult> {
  const metric = METRICS[rule.metric];
  if (!metric) throw badInput(`Standard "${rule.id}" names the metric "${rule.metric}", which the hub does not have. Known: ${Object.keys(METRICS).join(', ')}.`);
  const [attributes, measure] = await Promise.all([loadAttributes(ctx, code), metric(ctx, rule, code)]);
  const target = targetFor(rule, attributes?.kind);
  const shortfall = measure.value === null ? null : shortfallOf(rule, measure.value, target);
  const tolerance = Number(rule.params.tolerance ?? 0);
  return {
    ruleId: rule.id, communityCode: code, communityName: name, value: measure.value, unit: rule.unit, ...target,
    pass: shortfall === null ? null : shortfall <= tolerance,
    shortfall, detail: measure.detail,
  };
}

/** The enabled community rules (or the named ones). */
export async function communityRules(ctx: AtlasContext, ids?: string[] | null): Promise<StandardRule[]> {
  const rules = (await loadRules(ctx)).filter((r) => r.scope === 'community' && r.enabled);
  if (!ids) return rules;
  const unknown = ids.filter((id) => !rules.some((r) => r.id === id));
  if (unknown.length > 0) throw badInput(`No enabled community standard is called ${unknown.join(', ')}. Query standardRules for the list.`);
  return rules.filter((r) => ids.includes(r.id));
}

export interface RuleSummary {
  rule: StandardRule;
  evaluated: number;
  passed: number;
  failed: number;
  noData: number;
  /** Passed ÷ evaluated (communities without data are left out); null when none could be evaluated. */
  passShare: number | null;
  /** The failing communities, largest shortfall first. */
  worst: RuleResult[];
}

/** Every community rule over the communities of one district, or the whole city: pass shares and the worst. */
export async function standardsReport(ctx: AtlasContext, districtCode: string | null | undefined, ruleIds: string[] | null | undefined, worstCount: number): Promise<RuleSummary[]> {
  return (await communityResults(ctx, districtCode, ruleIds)).map(({ rule, results }) => summarise(rule, results, worstCount));
}

/** Every community rule's result for each community of one district (or the whole city) in the caller's scope. */
export async function communityResults(ctx: AtlasContext, districtCode: string | null | undefined, ruleIds: string[] | null | undefined): Promise<{ rule: StandardRule; results: (RuleResult & { districtCode: string | null })[] }[]> {
  const [rules, areas] = await Promise.all([communityRules(ctx, ruleIds), scopeAreas(ctx, 'communities', districtCode)]);
  return Promise.all(rules.map(async (rule) => ({
    rule,
    results: await Promise.all(areas.map(async (a) => ({ ...(await evaluateCommunity(ctx, rule, a.code, a.name)), districtCode: a.districtCode ?? null }))),
  })));
}

export function summarise(rule: StandardRule, results: RuleResult[], worstCount: number): RuleSummary {
  const evaluated = results.filter((r) => r.pass !== null);
  const failing = evaluated.filter((r) => r.pass === false).sort((a, b) => (b.shortfall ?? 0) - (a.shortfall ?? 0) || a.communityCode.localeCompare(b.communityCode));
  return {
    rule,
    evaluated: evaluated.length,
    passed: evaluated.length - failing.length,
    failed: failing.length,
    noData: results.length - evaluated.length,
    passShare: evaluated.length > 0 ? (evaluated.length - failing.length) / evaluated.length : null,
    worst: failing.slice(0, worstCount),
  };
}
