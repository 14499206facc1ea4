// Counts of what changed per layer and kind, counted on the hub (changeCounts) in the viewer's scope and, if given, one
// district: the dashboard's "what changed since last month" without fetching the changes themselves.
import { useMemo } from 'react';
import { changeVariables, type ChangeSelection } from '../changes/change-selection';
import type { LayerChangeCount } from '../changes/change-counts';
import { hasField, type SchemaFields } from './schema-fields';
import { CHANGE_LAYERS, type ChangeLayer } from './changes-query';
import { useGraphQL } from './useGraphQL';

export const CHANGE_COUNTS_QUERY = `query ChangeCounts($version: ID, $sinceTime: String, $district: String) {
  changeCounts(version: $version, sinceTime: $sinceTime, districtCode: $district) { layer added changed removed }
}`;

interface CountFacts {
  layer: string;
  added: number;
  changed: number;
  removed: number;
}

/** The layers with at least one change, in the view's order. */
export function changeCountRows(counts: readonly CountFacts[]): LayerChangeCount[] {
  const byLayer = new Map(counts.map((c) => [c.layer, c]));
  return CHANGE_LAYERS.flatMap((layer: ChangeLayer) => {
    const c = byLayer.get(layer);
    if (!c || c.added + c.changed + c.removed === 0) return [];
    return [{ layer, counts: { ADDED: c.added, CHANGED: c.changed, REMOVED: c.removed }, truncated: false }];
  });
}

export function useChangeCounts(selection: ChangeSelection, district: string | null, token: string | null, fields: SchemaFields | null) {
  const available = hasField(fields, 'Query', 'changeCounts');
  const variables = useMemo(() => ({ ...changeVariables(selection, new Date()), ...(district ? { district } : {}) }), [selection, district]);
  const state = useGraphQL<{ changeCounts: CountFacts[] }>(available ? CHANGE_COUNTS_QUERY : null, variables, token);
  const rows = useMemo(() => (state.data ? changeCountRows(state.data.changeCounts) : null), [state.data]);
  return { rows, loading: state.loading, error: state.error, available };
}
