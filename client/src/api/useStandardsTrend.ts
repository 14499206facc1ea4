// Loads the trend (pass share per month, from the hub's stored snapshots) of every given standard for a district or the city.
import { useMemo } from 'react';
import { hasField, type SchemaFields } from './schema-fields';
import { trendQuery, trendsByRule, trendVariables, type TrendPointFacts } from './trend-query';
import { useGraphQL } from './useGraphQL';

export function useStandardsTrend(ruleIds: readonly string[] | null, district: string | null, token: string | null, fields: SchemaFields | null) {
  const key = ruleIds?.join(',') ?? '';
  const ids = useMemo(() => (key ? key.split(',') : []), [key]);
  const run = hasField(fields, 'Query', 'standardsTrend') && ids.length > 0;
  const state = useGraphQL<Record<string, TrendPointFacts[]>>(run ? trendQuery(ids.length) : null, trendVariables(ids, district), token);
  const trends = useMemo(() => (state.data ? trendsByRule(ids, state.data) : null), [state.data, ids]);
  return { trends, loading: state.loading, error: state.error };
}
