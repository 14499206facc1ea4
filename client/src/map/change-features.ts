// The features the "what changed" layers draw: each change's geometry after (before, for a removal), the old geometry of a moved feature, and its move.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { FeatureChangeFacts } from '../api/changes-query';

export type ChangeRole = 'now' | 'was' | 'move';

/** Properties of every feature of the changes source. */
export interface ChangeFeatureProperties {
  kind: 'added' | 'changed' | 'removed';
  /** 'now': as it is (or was, when removed); 'was': where a changed feature stood before; 'move': a point's move. */
  role: ChangeRole;
  layer: string;
  code: string;
}

const sameGeometry = (a: Geometry | null | undefined, b: Geometry | null | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** True when a change moved or reshaped the feature (not only its attributes). */
export function geometryMoved(change: FeatureChangeFacts): boolean {
  return change.kind === 'CHANGED' && !!change.before && !!change.after && !sameGeometry(change.before, change.after);
}

export function changeFeatures(changes: readonly FeatureChangeFacts[]): FeatureCollection<Geometry, ChangeFeatureProperties> {
  const features: Feature<Geometry, ChangeFeatureProperties>[] = [];
  for (const change of changes) {
    const kind = change.kind === 'ADDED' ? 'added' : change.kind === 'REMOVED' ? 'removed' : 'changed';
    const base = { kind, layer: change.layer, code: change.code } as const;
    const now = change.kind === 'REMOVED' ? change.before : change.after;
    if (now) features.push({ type: 'Feature', geometry: now, properties: { ...base, role: 'now' } });
    if (geometryMoved(change)) {
      features.push({ type: 'Feature', geometry: change.before!, properties: { ...base, role: 'was' } });
      if (change.before!.type === 'Point' && change.after!.type === 'Point') {
        features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [change.before!.coordinates, change.after!.coordinates] }, properties: { ...base, role: 'move' } });
      }
    }
  }
  return { type: 'FeatureCollection', features };
}
