// The districts the viewer may read (code → name, and a label point each), for labels, the search and the dashboard.
import { useMemo } from 'react';
import type { FeatureCollection, Geometry } from 'geojson';
import { labelPoints } from '../map/label-points';
import { DistrictsDocument } from '../gql/graphql';
import { useGraphQL } from './useGraphQL';

export interface DistrictName {
  code: string;
  name: string;
}

export function useDistricts(token: string | null): { list: DistrictName[]; names: ReadonlyMap<string, string>; labels: FeatureCollection; boundaries: ReadonlyMap<string, Geometry> } {
  const { data } = useGraphQL(DistrictsDocument, {}, token);
  return useMemo(() => {
    const all = data?.districts ?? [];
    const list = all.map(({ code, name }) => ({ code, name }));
    return {
      list,
      names: new Map(list.map((district) => [district.code, district.name])),
      labels: labelPoints(all),
      boundaries: new Map(all.map((district) => [district.code, district.boundary])),
    };
  }, [data]);
}
