// Loads the dashboard's sections for a district (null = every district the viewer may read) and joins them once all have come.
import { useMemo } from 'react';
import { GRID_QUERY, rankingQuery, RENOVATION_QUERY, type DashboardData, type Ranking } from './dashboard-query';
import type { SchemaFields } from './schema-fields';
import { useGraphQL } from './useGraphQL';

export function useDashboardData(district: string | null, token: string | null, fields: SchemaFields | null): { data: DashboardData | null; loading: boolean; error: string | null } {
  // Leave the variable out for every district: the hub reads an explicit null as "district_code IS NULL".
  const variables = district ? { district } : {};
  const ready = fields !== null;
  const bus = useGraphQL<{ ranking: Ranking }>(ready ? rankingQuery(fields, 'BUS_STOPS') : null, variables, token);
  const camera = useGraphQL<{ ranking: Ranking }>(ready ? rankingQuery(fields, 'CAMERAS') : null, variables, token);
  const grids = useGraphQL<Pick<DashboardData, 'communities'>>(ready ? GRID_QUERY : null, variables, token);
  const renovation = useGraphQL<Pick<DashboardData, 'renovationSites'>>(ready ? RENOVATION_QUERY : null, variables, token);
  const parts = [bus, camera, grids, renovation];
  const loading = parts.some((part) => part.loading);
  const error = parts.map((part) => part.error).find(Boolean) ?? null;
  const data = useMemo<DashboardData | null>(() => {
    if (!grids.data || !renovation.data) return null;
    return { bus: bus.data?.ranking, camera: camera.data?.ranking, communities: grids.data.communities, renovationSites: renovation.data.renovationSites };
  }, [bus.data, camera.data, grids.data, renovation.data]);
  return { data, loading, error };
}
