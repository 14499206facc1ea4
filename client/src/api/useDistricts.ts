// The districts the viewer may read (code → name), for labels, the search and the dashboard.
import { useMemo } from 'react';
import { useGraphQL } from './useGraphQL';

const DISTRICTS_QUERY = `{ districts { code name } }`;

export interface DistrictName {
  code: string;
  name: string;
}

export function useDistricts(token: string | null): { list: DistrictName[]; names: ReadonlyMap<string, string> } {
  const { data } = useGraphQL<{ districts: DistrictName[] }>(DISTRICTS_QUERY, {}, token);
  return useMemo(() => {
    const list = data?.districts ?? [];
    return { list, names: new Map(list.map((district) => [district.code, district.name])) };
  }, [data]);
}
