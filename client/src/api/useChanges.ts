// Loads the feature changes of a selection for every layer the viewer may read (cameras only for those who may see them).
import { useMemo } from 'react';
import { changeVariables, type ChangeSelection } from '../changes/change-selection';
import { hasField, type SchemaFields } from './schema-fields';
import { CHANGE_LAYERS, changesByLayer, changesQuery, type ChangeLayer, type ChangePage } from './changes-query';
import { useGraphQL } from './useGraphQL';

export interface ChangesState {
  byLayer: Map<ChangeLayer, ChangePage> | null;
  /** The layers asked for: cameras are left out for a viewer who may not see camera positions. */
  layers: readonly ChangeLayer[];
  loading: boolean;
  error: string | null;
  available: boolean;
}

export function useChanges(selection: ChangeSelection, camerasHidden: boolean, token: string | null, fields: SchemaFields | null, withGeometry: boolean): ChangesState {
  const layers = useMemo(() => CHANGE_LAYERS.filter((layer) => !(camerasHidden && layer === 'cameras')), [camerasHidden]);
  const available = hasField(fields, 'Query', 'changes');
  // The selection's time is a whole day (or a month), so the variables stay the same between renders.
  const variables = useMemo(() => changeVariables(selection, new Date()), [selection]);
  const state = useGraphQL<Record<string, ChangePage>>(available ? changesQuery(layers, withGeometry) : null, variables, token);
  const byLayer = useMemo(() => (state.data ? changesByLayer(layers, state.data) : null), [state.data, layers]);
  return { byLayer, layers, loading: state.loading, error: state.error, available: fields !== null && available };
}
